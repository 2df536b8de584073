"""Candidacies grouped as they appear on a ballot (used by the ballot pages).

Three queries whatever the size of the slate: the candidacies, their actors,
and the live profiles of the heads among them.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from electoral.parties.candidacies import MUNICIPAL_OFFICES, Candidacy, Office
from electoral.parties.models import CandidateProfilePage, PoliticalActorPage

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
    candidacies = list(
        queryset.order_by(
            "actor__registration_order",
            "actor__title",
            "-is_head",
            "office",
            "position",
            "role",
            "id",
        )
    )
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


def attach_to_ballots(ballots, request=None):
    """Fill `ballot.extra["groups"]` ([ActorGroup]) on the ballots of the
    "Mi boleta" page: three queries for all of them (candidacies, actors, profiles)."""
    municipalities = {b.municipality.id for b in ballots if b.office == "ayuntamiento"}
    districts = {b.district.id for b in ballots if b.office == "diputacion" and b.district}
    if not ballots:
        return ballots
    queryset = Candidacy.objects.filter(
        Q(municipality_id__in=municipalities, office__in=MUNICIPAL_OFFICES)
        | Q(district_id__in=districts, office=Office.DIPUTACION_MR)
    )
    groups = group_by_actor(queryset, request)
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
