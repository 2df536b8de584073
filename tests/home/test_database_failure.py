"""A database outage on the public pages: the Spanish 503 page (DEBUG off), never
a traceback; a bug that is not an outage still gets the Spanish 500 page."""

import pytest
from django.test import Client

from tests.helpers.database import database_down

pytestmark = pytest.mark.django_db

PUBLIC = ["/", "/mi-boleta/5200/", "/candidaturas/", "/quitadudas/?q=casilla", "/geografia/"]


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("outage", ["operational", "interface"])
@pytest.mark.parametrize("path", PUBLIC)
def test_public_page_with_the_database_down(visitor, home_site, settings, path, outage):
    assert settings.DEBUG is False
    with database_down(outage):
        response = visitor.get(path)
    assert response.status_code == 503
    body = response.content.decode()
    assert '<html lang="es-MX">' in body
    assert "<h1>Servicio no disponible por un momento</h1>" in body
    assert "inténtalo de nuevo en unos minutos" in body
    for leak in ("Traceback", "Error", "connection", "5432", "SELECT"):
        assert leak not in body, leak
    assert response["Retry-After"] == "60"
    assert response["Cache-Control"] == "no-store"  # a proxy must not keep the outage


def test_json_request_gets_json(visitor, home_site):
    with database_down():
        response = visitor.get("/candidaturas/", HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    assert response.json() == {
        "ok": False,
        "message": (
            "El sitio tiene una falla técnica momentánea y no pudimos atender tu solicitud. "
            "No es tu culpa: inténtalo de nuevo en unos minutos."
        ),
    }


def test_a_bug_is_still_a_500(visitor, home_site, monkeypatch):
    from electoral.parties import views

    def broken(request):
        raise ZeroDivisionError("not an outage")

    monkeypatch.setattr(views, "_filter_form", broken)
    response = visitor.get("/candidaturas/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "<h1>Algo salió mal de nuestro lado</h1>" in body
    assert "ZeroDivisionError" not in body and "Traceback" not in body
