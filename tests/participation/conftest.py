"""Fixtures for participation: a feedback page, calendar phases, clients.

The feedback page is a real PlatformPage of a test actor (platform pages
declare themselves participation targets through
home.participation.ParticipationTarget). End-to-end tests against the real
2021 data live in test_end_to_end.py.
"""

import json
import time

import pytest
from django.core import signing
from django.core.cache import cache

from electoral.models import PlatformPage, PoliticalActorPage, Topic
from electoral.parties.example_content import ensure_topics
from electoral.parties.importers import ensure_parties_index
from home.calendar import dates_for_phase
from home.models import ElectionCalendar
from home.pagetree import ensure_child, ensure_home_page

TOPIC = "6b1f0c9e-1111-4c3a-9d1e-000000000001"
TOPIC2 = "6b1f0c9e-2222-4c3a-9d1e-000000000002"
TARGETS = [("", "Plataforma completa"), (TOPIC, "Seguridad"), (TOPIC2, "Salud")]
ORIGIN = "http://testserver"


def _forget_everything():
    from participation import services, targets

    cache.clear()
    targets.forget_memo()
    services.forget_calendar()


@pytest.fixture(autouse=True)
def _clear_cache():
    _forget_everything()
    yield
    _forget_everything()


def set_phase(phase):
    calendar = ElectionCalendar.load()
    calendar.apply(dates_for_phase(phase))
    calendar.save()
    return calendar


@pytest.fixture
def open_calendar(db):
    return set_phase("campaign")


@pytest.fixture
def closed_calendar(db):
    return set_phase("silence")


@pytest.fixture
def home_page(db):
    home, _ = ensure_home_page(title="Decide IEEM", intro="Inicio")
    return home


@pytest.fixture
def feedback_page(home_page, open_calendar):
    """A real platform page (PlatformPage declares itself a participation
    target) of a test actor, with two topic sections of fixed block ids.
    Built once as the "participation" snapshot (tests/helpers/snapshots.py):
    here it is looked up (ensure_child finds what exists)."""
    return feedback_page_of(home_page)


def build_feedback_page():
    """The "participation" snapshot: the site root, participation open, the page."""
    home, _ = ensure_home_page(title="Decide IEEM", intro="Inicio")
    set_phase("campaign")
    return feedback_page_of(home)


def feedback_page_of(home_page):
    ensure_topics()
    security, health = Topic.objects.order_by("sort_order")[:2]
    actor, _ = ensure_child(
        ensure_parties_index(home_page),
        PoliticalActorPage,
        "pdp",
        title="Partido de Prueba",
        acronym="PDP",
        full_name="Partido de Prueba",
        kind=PoliticalActorPage.KIND_NATIONAL_PARTY,
        registration_order=3,
        registry_key="pdp",
        ballot_label="pdp",
    )
    body = [
        {
            "type": "topic_section",
            "id": block_id,
            "value": {"topic": topic.id, "title": title, "text": "<p>Texto.</p>"},
        }
        for block_id, topic, title in ((TOPIC, security, "Seguridad"), (TOPIC2, health, "Salud"))
    ]
    page, _ = ensure_child(
        actor, PlatformPage, "plataforma", title="Plataforma de prueba", body=json.dumps(body)
    )
    return page


def remove_block(page, block_id):
    """Remove a topic section from the (unsaved) page: it no longer receives participation."""
    page.body = [
        {"type": b.block_type, "id": b.id, "value": b.block.get_prep_value(b.value)}
        for b in page.body
        if b.id != block_id
    ]


def participant_client(client, page):
    """Give `client` a participant cookie the way a browser gets one."""
    response = client.get(f"/participa/estado/?pagina={page.pk}")
    assert response.status_code == 200
    return response.json()["csrfToken"]


def press(client, page, block, value, current=None, **extra):
    """A press as participation.js sends it (JSON, with the state it showed)."""
    data = {"pagina": page.pk, "bloque": block, "valor": value}
    if current is not None:
        data["actual"] = current
    return client.post(
        "/participa/reaccion/",
        data,
        HTTP_X_CSRFTOKEN=extra.pop("token", "x"),
        HTTP_ACCEPT="application/json",
        **extra,
    )


def press_form(client, page, block, value, origin=ORIGIN, **extra):
    """A press of the plain HTML form (no JavaScript)."""
    headers = {"HTTP_ORIGIN": origin} if origin else {}
    return client.post(
        "/participa/reaccion/",
        {"pagina": page.pk, "bloque": block, "valor": value, "siguiente": page.url},
        **headers,
        **extra,
    )


def started(seconds_ago=30):
    return signing.dumps(time.time() - seconds_ago, salt="participation.idea-started")
