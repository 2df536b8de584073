"""Candidacies grouped as they appear on a ballot (used by the ballot pages).

`group_by_actor` takes any queryset: three queries whatever the size of the
slate (the candidacies, their actors, and the live profiles of the heads among
them). The "Mi boleta" page (`attach_to_ballots`) reads the same in one query
whose SQL is compiled once per process (home/compiled.py), as plain values
into light objects, and renders each ballot's list in Python
(`render_groups`) with the HTML the template loop gave: on a cold render the
ORM and the template loop were two thirds of the page's time.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.models import Page, Site

from electoral.parties.candidacies import MUNICIPAL_OFFICES, Candidacy, Office, Role
from electoral.parties.models import CandidateProfilePage, PoliticalActorPage
from electoral.parties.text import readable_name
from home.compiled import CompiledQuery

# What a ballot shows of an actor: its name, colour, link (and order).
ACTOR_FIELDS = (
    "id",
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "locale_id",
    "live",
    "colour",
    "acronym",
    "kind",
    "registration_order",
)


# The order of a ballot: the actors' registration order; in each, heads first,
# then by office, position and owner before substitute.
BALLOT_ORDER = (
    "actor__registration_order",
    "actor__title",
    "-is_head",
    "office",
    "position",
    "role",
    "id",
)


@dataclass
class ActorGroup:
    actor: object
    candidacies: list = field(default_factory=list)

    @property
    def heads(self):
        return [c for c in self.candidacies if c.is_head]


def attach_profiles(candidacies, request=None):
    """Set `c.profile_url` on each head candidacy (see CandidateProfilePage.attach_urls)."""
    return CandidateProfilePage.attach_urls(candidacies, request)


def group_by_actor(queryset, request=None):
    """[ActorGroup] in registration order; in each, heads first, then by
    office, position and owner before substitute."""
    candidacies = list(queryset.order_by(*BALLOT_ORDER))
    # One actor object per actor (a ballot has ~150 candidacies of ~15 actors):
    # select_related built a full page object of the actor, the municipality
    # and the district for every row, half of a ballot's uncached time.
    actors = PoliticalActorPage.objects.only(*ACTOR_FIELDS).in_bulk(
        {c.actor_id for c in candidacies}
    )
    for c in candidacies:
        c.actor = actors[c.actor_id]
    attach_profiles(candidacies, request)
    groups = []
    for c in candidacies:
        if not groups or groups[-1].actor.id != c.actor_id:
            groups.append(ActorGroup(actor=c.actor))
        groups[-1].candidacies.append(c)
    return groups


def ayuntamiento_groups(municipality, request=None):
    return group_by_actor(
        Candidacy.objects.filter(municipality=municipality, office__in=MUNICIPAL_OFFICES), request
    )


def district_groups(district, request=None):
    return group_by_actor(
        Candidacy.objects.filter(district=district, office=Office.DIPUTACION_MR), request
    )


# --- The "Mi boleta" page: one compiled query, light objects, rows in Python ---

_OFFICE_LABELS = dict(Office.choices)
_ROLE_LABELS = dict(Role.choices)
# What a ballot shows of a candidacy, its actor and its profile (a OneToOne:
# at most one per candidacy; its link only when live, only for a head).
_OWN_FIELDS = (
    "id",
    "actor_id",
    "office",
    "position",
    "role",
    "name",
    "is_head",
    "municipality_id",
    "district_id",
)
_FIELDS = (
    *_OWN_FIELDS,
    "actor__title",
    "actor__url_path",
    "actor__colour",
    "profile__url_path",
    "profile__live",
)


def _ballot_candidacies(municipalities, districts):
    where = Q()
    if municipalities:
        where |= Q(municipality_id__in=municipalities, office__in=MUNICIPAL_OFFICES)
    if districts:
        where |= Q(district_id__in=districts, office=Office.DIPUTACION_MR)
    return Candidacy.objects.filter(where).order_by(*BALLOT_ORDER).values_list(*_FIELDS)


_BALLOT_CANDIDACIES = CompiledQuery(Candidacy, _ballot_candidacies)


class BallotActor:
    """What a ballot shows of an actor (pickled with the page's memo)."""

    __slots__ = ("id", "title", "url", "colour")

    def __init__(self, id, title, url, colour):
        self.id, self.title, self.url, self.colour = id, title, url, colour


class BallotCandidacy:
    """The fields of a Candidacy a ballot shows, with `actor` and `profile_url`."""

    __slots__ = (*_OWN_FIELDS, "actor", "profile_url")

    def get_office_display(self):
        return _OFFICE_LABELS.get(self.office, self.office)

    def get_role_display(self):
        return _ROLE_LABELS.get(self.role, self.role)

    @property
    def display_name(self):
        return readable_name(self.name)


# A page path `reverse("wagtail_serve")` gives back unchanged after its prefix.
_PLAIN_PATH = re.compile(r"(?:[A-Za-z0-9_-]+/)*")


class PageUrls:
    """`page.get_url()` (no request) of pages known by their url_path alone:
    the site root paths read once, not once per page (each page object reads
    them from the cache on its own), and the page path joined to the prefix
    `wagtail_serve` reverses to where reverse would return it unchanged.
    Anything unusual (i18n, a path reverse would quote) asks Wagtail."""

    def __init__(self):
        self.roots = Site.get_site_root_paths()
        self.single = len({root.site_id for root in self.roots}) == 1
        self.simple = not getattr(settings, "WAGTAIL_I18N_ENABLED", False) and WAGTAIL_APPEND_SLASH
        self.prefix = None

    def __call__(self, url_path):
        if not self.simple:
            return Page(url_path=url_path).get_url()
        for root in self.roots:
            if url_path.startswith(root.root_path):
                break
        else:
            return None
        rest = url_path[len(root.root_path) :]
        if _PLAIN_PATH.fullmatch(rest):
            if self.prefix is None:
                self.prefix = reverse("wagtail_serve", args=("",))
            path = self.prefix + rest
        else:
            try:
                path = reverse("wagtail_serve", args=(rest,))
            except NoReverseMatch:
                return None
        return path if self.single else root.root_url + path


def ballot_groups(municipalities, districts):
    """[ActorGroup] of the candidacies of these municipalities' ayuntamientos
    and these districts' majority formulas, as `group_by_actor` orders them,
    with light objects (BallotActor, BallotCandidacy): one query."""
    if not municipalities and not districts:
        return []
    rows = _BALLOT_CANDIDACIES.rows(
        municipalities=sorted(municipalities), districts=sorted(districts)
    )
    urls = PageUrls()
    actors = {}
    groups = []
    for row in rows:
        c = BallotCandidacy()
        (
            c.id,
            c.actor_id,
            c.office,
            c.position,
            c.role,
            c.name,
            c.is_head,
            c.municipality_id,
            c.district_id,
            title,
            actor_path,
            colour,
            profile_path,
            profile_live,
        ) = row
        c.profile_url = urls(profile_path) if c.is_head and profile_live else None
        actor = actors.get(c.actor_id)
        if actor is None:
            actor = actors[c.actor_id] = BallotActor(c.actor_id, title, urls(actor_path), colour)
        c.actor = actor
        if not groups or groups[-1].actor.id != c.actor_id:
            groups.append(ActorGroup(actor=actor))
        groups[-1].candidacies.append(c)
    return groups


def attach_to_ballots(ballots, request=None):
    """Fill `ballot.extra["groups"]` ([ActorGroup]) on the ballots of the
    "Mi boleta" page: one query for all of them (`ballot_groups`)."""
    municipalities = {b.municipality.id for b in ballots if b.office == "ayuntamiento"}
    districts = {b.district.id for b in ballots if b.office == "diputacion" and b.district}
    if not ballots:
        return ballots
    groups = ballot_groups(municipalities, districts)
    for ballot in ballots:
        if ballot.office == "ayuntamiento":
            key = ("municipality_id", ballot.municipality.id)
        elif ballot.district is not None:
            key = ("district_id", ballot.district.id)
        else:
            ballot.extra["groups"] = []
            continue
        mine = []
        for group in groups:
            rows = [c for c in group.candidacies if getattr(c, key[0]) == key[1]]
            if key[0] == "district_id":
                rows = [c for c in rows if c.office == Office.DIPUTACION_MR]
            if rows:
                mine.append(ActorGroup(actor=group.actor, candidacies=rows))
        ballot.extra["groups"] = mine
    return ballots


# The loop of templates/electoral/includes/ballot_candidacies.html, rendered
# here with the exact HTML (indentation included) the template gave; the
# swatch is templates/electoral/includes/actor_swatch.html (a test compares).
SWATCH = (
    '<svg class="actor-swatch" viewBox="0 0 1 1" aria-hidden="true" focusable="false">'
    '<rect width="1" height="1" fill="{}"/></svg>\n'
)
NO_INFO = ' <span class="no-info">Sin información capturada por el partido</span>'


def render_groups(groups):
    """The `<ol class="ballot-actors">` of one ballot (safe HTML)."""
    esc = conditional_escape
    out = ['<ol class="ballot-actors">\n            ']
    for group in groups:
        actor = group.actor
        out.append(
            '\n                <li class="ballot-actor">\n                    <h4>'
            f"{SWATCH.format(esc(actor.colour))}"
            f'<a href="{esc(actor.url)}">{esc(actor.title)}</a></h4>\n'
            '                    <ul class="head-list">\n                        '
        )
        for c in group.candidacies:
            place = esc(c.get_office_display())
            if c.office == 3:
                place = f"{place} {esc(_number(c.position))}"
            if c.profile_url:
                who = f'<a href="{esc(c.profile_url)}">{esc(c.display_name)}</a>'
            else:
                who = f"<span>{esc(c.display_name)}</span>{NO_INFO if c.is_head else ''}"
            out.append(
                "\n                            <li>\n"
                '                                <span class="head-list__place">'
                f"{place} · {esc(str(c.get_role_display()).lower())}</span>\n"
                "                                \n"
                f"                                    {who}\n"
                "                                \n"
                "                            </li>\n                        "
            )
        out.append("\n                    </ul>\n                </li>\n            ")
    out.append("\n        </ol>")
    return mark_safe("".join(out))  # every value above is escaped


def _number(value):
    """An integer as the template shows it (grouped only with USE_THOUSAND_SEPARATOR)."""
    if getattr(settings, "USE_THOUSAND_SEPARATOR", False):
        return localize(value)
    return str(value)
