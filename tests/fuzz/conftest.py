"""A light public site for the fuzz tests, and the checks every response passes.

The site is built once (the "fuzz" snapshot; every test and example starts
from it): the site shell of `setup_site` (home, calendar, privacy notice), participation open, two
municipalities (Toluca split between districts 34 and 35, Metepec in 27),
three sections (one whose district is unknown), two actors, a platform with
two topic sections, two candidacies (one with a profile and a proposal) and
a glossary of two entries. Real data is not needed: the fuzzed code paths
are the parsing and validation of what the visitor sends.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils.html import escape
from hypothesis import event

from tests.conftest import run_setup_steps

from .strategies import UNESCAPED_MARKERS

# Enough for every example of a test: the limits have their own tests.
NO_LIMITS = dict.fromkeys(
    (
        "reaction_participant",
        "reaction_address",
        "reaction_participant_day",
        "idea_participant",
        "idea_address",
        "cookie_address",
    ),
    (10**9, 3600),
)

# Django's own English messages, which must never reach a citizen.
ENGLISH = (
    "This field is required",
    "Enter a valid",
    "Select a valid choice",
    "Null characters are not allowed",
    "Ensure this value",
    "Server Error",
    "Traceback",
    "Bad Request",
)


@dataclass
class FuzzSite:
    home: object
    platform: object
    topic_block: str
    profile: object
    proposal_block: str
    glossary: object
    toluca: object
    metepec: object


def _glossary(home):
    from electoral.models import GlossaryEntryPage, GlossaryIndexPage
    from home.pagetree import ensure_child

    index, _ = ensure_child(
        home, GlossaryIndexPage, "quitadudas", title="Quitadudas electoral", intro="Glosario."
    )
    for title, summary in (
        ("Casilla", "El lugar donde votas el día de la elección."),
        ("Planilla", "La lista de personas que compiten por un ayuntamiento."),
    ):
        page = GlossaryEntryPage(
            title=title,
            slug=title.lower(),
            definition=f"<p>{summary}</p>",
            last_reviewed=datetime.date(2026, 11, 1),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
    return index


def build_site():
    from electoral.models import Candidacy
    from electoral.parties.importers import ensure_parties_index
    from home.calendar import dates_for_phase
    from home.models import ElectionCalendar
    from home.pagetree import home_page
    from tests.electoral import factories as geo
    from tests.electoral import factories as parties

    run_setup_steps(below=200)
    calendar = ElectionCalendar.load()
    calendar.apply(dates_for_phase("campaign"))
    calendar.save()
    home = home_page()
    geo.geography_tree()
    toluca = geo.municipality(106, "Toluca", districts=(34, 35))
    metepec = geo.municipality(54, "Metepec", districts=(27,))
    geo.section(5200, 106, 34)
    geo.section(5201, 106)  # district unknown: every possible ballot
    geo.section(2900, 54)
    index = ensure_parties_index(home)
    pan = parties.make_actor(index, "pan", order=1, title="Partido Acción Nacional")
    parties.make_actor(index, "morena", order=2, title="Morena")
    topics = parties.topics()
    parties.make_platform(
        pan,
        [
            (topics[0], "Seguridad", "<p>Más policías de proximidad.</p>"),
            (topics[1], "Agua", "<p>Reparar fugas.</p>"),
        ],
    )
    head = parties.make_candidacy(
        pan, municipality=toluca, name="ANA PÉREZ LÓPEZ", gender=Candidacy.Gender.WOMAN
    )
    parties.make_candidacy(
        pan,
        municipality=metepec,
        name="LUIS GARCÍA",
        gender=Candidacy.Gender.MAN,
        office=Candidacy.Office.SINDICATURA,
    )
    parties.make_profile(
        head, proposals=[(topics[0], "Alumbrado", "<p>Luminarias en cada colonia.</p>")]
    )
    _glossary(home)
    return load_site()


def load_site():
    """What build_site made, looked up (the "fuzz" snapshot holds it)."""
    from electoral.models import (
        CandidateProfilePage,
        GlossaryIndexPage,
        MunicipalityPage,
        PlatformPage,
        PoliticalActorPage,
    )
    from home.pagetree import home_page

    pan = PoliticalActorPage.objects.get(registry_key="pan")
    platform = PlatformPage.objects.child_of(pan).get()
    profile = CandidateProfilePage.objects.get(candidacy__name="ANA PÉREZ LÓPEZ")
    return FuzzSite(
        home=home_page(),
        platform=platform,
        topic_block=platform.feedback_targets()[1][0],
        profile=profile,
        proposal_block=profile.feedback_targets()[0][0],
        glossary=GlossaryIndexPage.objects.get(slug="quitadudas"),
        toluca=MunicipalityPage.objects.get(ine_code=106),
        metepec=MunicipalityPage.objects.get(ine_code=54),
    )


@pytest.fixture(autouse=True)
def _forget_process_memos():
    from participation import services, targets

    targets.forget_memo()
    services.forget_calendar()
    yield
    targets.forget_memo()
    services.forget_calendar()


@pytest.fixture
def fuzz_site(db, settings):
    """The light site: built once as the "fuzz" snapshot (tests/helpers/snapshots.py)."""
    settings.PARTICIPATION_LIMITS = NO_LIMITS
    settings.PARTICIPATION_IDEA_MIN_SECONDS = 0
    return load_site()


@pytest.fixture
def anonymous():
    """A client that answers 500 instead of raising, as a browser would see it."""
    return Client(raise_request_exception=False)


def check_response(response, *, echoed=()):
    """Every response to fuzzed input: no 5xx, no English, nothing unescaped.

    `echoed`: values the page must show back, escaped (what the visitor typed).
    """
    event(f"HTTP {response.status_code}")  # --hypothesis-show-statistics lists them
    assert response.status_code < 500, (response.status_code, response.content[:2000])
    content_type = response.get("Content-Type", "")
    if response.streaming:
        body = b"".join(response.streaming_content).decode("utf-8", "replace")
    else:
        body = response.content.decode("utf-8", "replace")
    if "html" in content_type:
        for marker in UNESCAPED_MARKERS:
            assert marker not in body, f"unescaped markup in the page: {marker}"
        for english in ENGLISH:
            assert english not in body, f"English message shown to a citizen: {english}"
        if response.status_code < 300 or response.status_code >= 400:
            assert '<html lang="es-mx"' in body.lower()
    for value in echoed:
        assert escape(value) in body, f"typed value not kept: {value!r}"
    return body


def count_rows(*models):
    return tuple(m.objects.count() for m in models)


def in_savepoint(func):
    """Run func inside a savepoint that is rolled back (isolates one example's writes)."""
    from django.db import transaction

    class _Rollback(Exception):
        pass

    result = {}
    try:
        with transaction.atomic():
            result["value"] = func()
            raise _Rollback
    except _Rollback:
        pass
    return result["value"]
