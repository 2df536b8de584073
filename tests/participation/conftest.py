"""Fixtures for participation: a duck-typed feedback page, calendar phases, clients.

The feedback page is a StandardPage given `feedback_targets()` and `actor`
for the test, so these tests do not depend on the electoral page types
(participation finds its targets by duck typing). End-to-end tests against
the real PlatformPage / CandidateProfilePage live in test_end_to_end.py.
"""

import time
from types import SimpleNamespace

import pytest
from django.core import signing
from django.core.cache import cache

from home.calendar import dates_for_phase
from home.models import ElectionCalendar, StandardPage
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
def feedback_page(home_page, open_calendar, monkeypatch):
    targets = list(TARGETS)
    monkeypatch.setattr(StandardPage, "feedback_targets", lambda self: targets, raising=False)
    monkeypatch.setattr(
        StandardPage,
        "actor",
        property(
            lambda self: SimpleNamespace(
                title="Partido de Prueba", acronym="PDP", slug="pdp", registration_order=3
            )
        ),
        raising=False,
    )
    page, _ = ensure_child(
        home_page, StandardPage, "plataforma-de-prueba", title="Plataforma de prueba"
    )
    page.test_targets = targets  # tests may remove a block: edit this list
    return page


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
