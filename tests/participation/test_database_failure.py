"""The database is unreachable: participation answers 503 in Spanish, no stack
trace, and an idea whose save failed is never confirmed (the form comes back
with what was typed)."""

import pytest
from django.test import Client
from django.utils.html import escape

from participation.models import Idea, Reaction
from tests.helpers.database import database_down

from .conftest import ORIGIN, TOPIC, participant_client, started

pytestmark = pytest.mark.django_db

OUTAGES = ["operational", "interface"]
REACTION_DOWN = (
    "Por una falla técnica momentánea no podemos registrar reacciones",
    "No pudimos registrar tu reacción en este momento",  # services.Busy after its retries
)
TEXT = 'Más alumbrado <b>público</b> en la colonia "Centro" & el mercado.'


@pytest.fixture
def visitor():
    """A client that gets Django's error handling, as a visitor does (DEBUG is off)."""
    return Client(raise_request_exception=False)


def assert_no_trace(response):
    body = response.content.decode()
    for leak in ("Traceback", "OperationalError", "InterfaceError", "connection", "5432"):
        assert leak not in body, leak
    return body


@pytest.mark.parametrize("outage", OUTAGES)
def test_state_json_is_503_in_spanish(visitor, feedback_page, outage):
    participant_client(visitor, feedback_page)
    with database_down(outage):
        response = visitor.get(
            f"/participa/estado/?pagina={feedback_page.pk}", HTTP_ACCEPT="application/json"
        )
    assert response.status_code == 503
    assert_no_trace(response)
    payload = response.json()
    assert payload["ok"] is False and payload["open"] is False
    assert payload["message"].startswith("Por una falla técnica momentánea")
    assert payload["reactions"] == {} and payload["csrfToken"]
    assert response["Retry-After"] == "60" and "no-store" in response["Cache-Control"]


def test_state_json_without_cookie_is_503_too(visitor, feedback_page):
    with database_down():
        response = visitor.get("/participa/estado/")
    assert response.status_code == 503
    assert response.json()["open"] is False


@pytest.mark.parametrize("outage", OUTAGES)
def test_reaction_json_is_503_and_stores_nothing(visitor, feedback_page, outage):
    token = participant_client(visitor, feedback_page)
    with database_down(outage):
        response = visitor.post(
            "/participa/reaccion/",
            {"pagina": feedback_page.pk, "bloque": TOPIC, "valor": "me_gusta", "actual": ""},
            HTTP_X_CSRFTOKEN=token,
            HTTP_ACCEPT="application/json",
        )
    assert response.status_code == 503
    assert_no_trace(response)
    payload = response.json()
    assert payload["ok"] is False and payload["state"] is None
    assert payload["message"].startswith(REACTION_DOWN)
    assert Reaction.objects.count() == 0


@pytest.mark.parametrize("outage", OUTAGES)
def test_reaction_form_is_a_spanish_503_page(visitor, feedback_page, outage):
    participant_client(visitor, feedback_page)
    page_url = feedback_page.url
    with database_down(outage):
        response = visitor.post(
            "/participa/reaccion/",
            {
                "pagina": feedback_page.pk,
                "bloque": TOPIC,
                "valor": "me_gusta",
                "siguiente": page_url,
            },
            HTTP_ORIGIN=ORIGIN,
        )
    assert response.status_code == 503
    body = assert_no_trace(response)
    assert '<html lang="es-MX">' in body
    assert any(message in body for message in REACTION_DOWN)
    assert f'href="{page_url}#participa-{TOPIC}"' in body  # back to the page, at its controls
    assert Reaction.objects.count() == 0


def idea_fields(page, **extra):
    return {
        "pagina": page.pk,
        "bloque": TOPIC,
        "texto": TEXT,
        "nombre": "Ana <Ruiz>",
        "municipio": "",
        "correo": "ana@example.org",
        "acepto": "on",
        "sitio_web": "",
        "inicio": started(),
        **extra,
    }


def assert_kept(body):
    assert f">{escape(TEXT)}</textarea>" in body
    assert 'value="Ana &lt;Ruiz&gt;"' in body
    assert 'value="ana@example.org"' in body
    assert "<b>público</b>" not in body  # escaped, never markup


@pytest.mark.parametrize("outage", OUTAGES)
def test_idea_with_the_database_down_is_not_confirmed_and_keeps_the_text(
    visitor, feedback_page, outage
):
    participant_client(visitor, feedback_page)
    with database_down(outage):
        response = visitor.post("/participa/idea/", idea_fields(feedback_page))
    assert response.status_code == 503  # not the 302 to «Recibimos tu idea»
    body = assert_no_trace(response)
    assert "no pudimos guardar tu idea: todavía no la recibimos" in body
    assert "Recibimos tu idea" not in body
    assert_kept(body)
    assert 'name="csrfmiddlewaretoken"' in body and 'name="inicio"' in body
    assert Idea.objects.count() == 0
    # The database is back: sending the same form again stores the idea once.
    resent = visitor.post("/participa/idea/", idea_fields(feedback_page))
    assert resent.status_code == 302 and Idea.objects.get().text == TEXT


def test_idea_whose_insert_fails_gets_the_whole_form_back(visitor, feedback_page):
    """Reads work, the INSERT fails (disk full, read-only replica, dropped connection)."""
    participant_client(visitor, feedback_page)
    with database_down(
        only=lambda sql: sql.lstrip().upper().startswith('INSERT INTO "PARTICIPATION_IDEA"')
    ):
        response = visitor.post("/participa/idea/", idea_fields(feedback_page))
    assert response.status_code == 503
    body = assert_no_trace(response)
    assert "<strong>No pudimos recibir tu idea:</strong>" in body
    assert "todavía no la recibimos" in body
    assert "Tu municipio (opcional)" in body  # the full form, with its municipality list
    assert_kept(body)
    assert Idea.objects.count() == 0


def test_idea_form_get_with_the_database_down(visitor, feedback_page):
    with database_down():
        response = visitor.get(f"/participa/idea/?pagina={feedback_page.pk}&bloque={TOPIC}")
    assert response.status_code == 503
    body = assert_no_trace(response)
    assert "el formulario de ideas no está disponible" in body
    assert "<textarea" not in body
