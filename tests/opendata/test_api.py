"""/api/v2/: candidacy filters equal /candidaturas/ (and its CSV), pagination,
sections with links that lead to the right pages, Wagtail's pages endpoint
with `api_fields` on every page type, validators and 304, CORS, 429."""

import json

import pytest
from django.apps import apps
from django.test import override_settings
from wagtail.models import Page

from electoral.geography.models import Section

from .conftest import csv_rows

pytestmark = pytest.mark.django_db

FILTERS = [
    {},
    {"municipio": "toluca"},
    {"municipio": "ecatepec-de-morelos", "cargo": "presidencia-municipal"},
    {"partido": "morena"},
    {"partido": "pan", "distrito": "1"},
    {"distrito": "34"},
    {"genero": "no_registrado", "q": "maria"},
    {"cargo": "presidencia-municipal", "perfil": "con"},
]


def all_pages(client, url, params):
    """Every item of a paginated API listing, following `siguiente`."""
    r = client.get(url, params)
    assert r.status_code == 200, r.content
    body = r.json()
    items, seen = list(body["resultados"]), 1
    while body["siguiente"]:
        r = client.get(body["siguiente"])
        body = r.json()
        seen += 1
        assert body["pagina"] == seen
        items += body["resultados"]
    assert seen == body["paginas"]
    return body["total"], items


def text(value):
    return "" if value is None else str(value)


@pytest.mark.parametrize(
    "params", FILTERS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "todo"
)
def test_candidacy_filters_match_the_candidacy_list(client, results_phase, params):
    total, items = all_pages(client, "/api/v2/candidaturas/", params)
    header, rows = csv_rows(client.get("/candidaturas.csv", params))
    assert total == len(items) == len(rows)
    assert [[text(item[h]) for h in header] for item in items] == rows
    page = client.get("/candidaturas/", params).content.decode()
    if total:
        assert f"{total:,}" in page or str(total) in page


def test_filters_really_filter(client, results_phase):
    everything = client.get("/api/v2/candidaturas/").json()["total"]
    toluca = client.get("/api/v2/candidaturas/", {"municipio": "toluca"}).json()
    assert 0 < toluca["total"] < everything
    assert {r["municipio"] for r in toluca["resultados"]} == {"Toluca"}


def test_a_bad_filter_gets_the_lists_spanish_message(client, results_phase):
    r = client.get("/api/v2/candidaturas/", {"distrito": "99"})
    assert r.status_code == 400
    assert "El distrito «99» no existe" in r.json()["detalle"]
    r = client.get("/api/v2/candidaturas/", {"municipio": "atlantida"})
    assert r.status_code == 400 and "No encontramos el municipio «atlantida»" in r.json()["detalle"]


def test_pagination(client, results_phase):
    first = client.get("/api/v2/candidaturas/").json()
    assert first["pagina"] == 1 and first["por_pagina"] == 100 and first["anterior"] is None
    assert first["paginas"] == -(-first["total"] // 100) and len(first["resultados"]) == 100
    last = client.get("/api/v2/candidaturas/", {"pagina": first["paginas"]}).json()
    assert last["siguiente"] is None and "pagina=" in last["anterior"]
    assert len(last["resultados"]) == first["total"] - 100 * (first["paginas"] - 1)
    for bad, message in (("0", "no existe"), ("9999", "no existe"), ("dos", "no es un número")):
        r = client.get("/api/v2/candidaturas/", {"pagina": bad})
        assert r.status_code == 400 and message in r.json()["detalle"]


def test_results_with_their_options_and_filters(client, results_phase):
    total, items = all_pages(client, "/api/v2/resultados/", {})
    assert total == len(items) == client.get("/datos/resultados-elecciones.json").json()["total"]
    options = client.get("/datos/resultados-votos.json").json()["filas"]
    assert sum(len(i["opciones"]) for i in items) == len(options)
    d1 = client.get("/api/v2/resultados/", {"proceso": "2018", "distrito": "1"}).json()
    assert d1["total"] == 1
    contest = d1["resultados"][0]
    assert contest["votos_validos"] == sum(o["votos"] for o in contest["opciones"])
    toluca = client.get("/api/v2/resultados/", {"cargo": "ayuntamiento", "municipio": "107"}).json()
    assert {r["lugar"] for r in toluca["resultados"]} == {"Toluca"}
    r = client.get("/api/v2/resultados/", {"cargo": "senado"})
    assert r.status_code == 400 and "no existe" in r.json()["detalle"]


def test_section_and_its_links(client, results_phase):
    section = Section.objects.select_related("municipality", "district").get(number=5200)
    r = client.get("/api/v2/secciones/5200/")
    assert r.status_code == 200 and r["Content-Type"] == "application/json; charset=utf-8"
    assert "Toluca" in r.content.decode("utf-8")  # accents and names unescaped
    body = r.json()
    assert body["seccion"] == 5200
    assert body["municipio"]["nombre"] == section.municipality.name == "Toluca"
    assert (
        body["municipio"]["clave_inegi"] == "15106" and body["municipio"]["numero_ine_ieem"] == 107
    )
    assert body["distrito"]["numero"] == section.district.number
    links = body["enlaces"]
    ballot = client.get(links["boleta"])
    assert ballot.status_code == 200 and "5200" in ballot.content.decode()
    municipality = client.get(links["municipio"])
    assert municipality.status_code == 200 and "<h1>Toluca" in municipality.content.decode()
    district = client.get(links["distrito"])
    assert district.status_code == 200
    assert f"Distrito local {section.district.number}" in district.content.decode()
    api_page = client.get(links["api_municipio"]).json()
    assert api_page["inegi_code"] == "15106" and api_page["ine_code"] == 107
    assert client.get(links["api_distrito"]).json()["number"] == section.district.number


def test_section_errors_are_spanish(client, results_phase):
    r = client.get("/api/v2/secciones/99999/")
    assert (
        r.status_code == 404
        and r.json()["detalle"] == "No existe la sección 99999 en el Estado de México."
    )
    r = client.get("/api/v2/secciones/12a/")
    assert r.status_code == 400 and "no es un número de sección" in r.json()["detalle"]


def test_pages_endpoint_lists_the_municipalities(client, results_phase):
    r = client.get(
        "/api/v2/pages/", {"type": "electoral.MunicipalityPage", "fields": "inegi_code,ine_code"}
    )
    assert r.status_code == 200
    body = r.json()
    assert body["meta"]["total_count"] == 125
    assert {"inegi_code", "ine_code"} <= set(body["items"][0])
    entries = client.get("/api/v2/pages/", {"type": "electoral.GlossaryEntryPage"}).json()
    assert entries["meta"]["total_count"] > 40


def test_every_page_type_declares_its_api_fields():
    page_models = [
        m
        for m in apps.get_models()
        if issubclass(m, Page)
        and m is not Page
        and m.__module__.split(".")[0] in ("home", "electoral")
    ]
    assert len(page_models) >= 15
    missing = [
        m.__name__
        for m in page_models
        if not any(
            "api_fields" in vars(k)
            for k in m.__mro__
            if k is not Page and k.__module__.split(".")[0] in ("home", "electoral")
        )
    ]
    assert missing == []


def test_validators_and_304(client, results_phase):
    for url in (
        "/api/v2/secciones/5200/",
        "/api/v2/candidaturas/",
        "/datos/municipios.csv",
        "/api/v2/pages/",
    ):
        r = client.get(url)
        assert r.status_code == 200
        assert r["Cache-Control"] == "public, max-age=300"
        etag = r["ETag"]
        assert etag.startswith('"')
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304 and again.content == b"", url
        assert client.get(url, HTTP_IF_NONE_MATCH='"otro"').status_code == 200
    r = client.get("/datos/municipios.json")
    assert r.has_header("Last-Modified")
    again = client.get("/datos/municipios.json", HTTP_IF_MODIFIED_SINCE=r["Last-Modified"])
    assert again.status_code == 304


def test_cors_only_on_open_data(client, results_phase):
    for url in ("/api/v2/candidaturas/", "/api/v2/openapi.json", "/datos/secciones.csv"):
        r = client.get(url, HTTP_ORIGIN="https://periodico.example")
        assert r["Access-Control-Allow-Origin"] == "*", url
        assert "ETag" in r["Access-Control-Expose-Headers"]
    preflight = client.options("/api/v2/candidaturas/", HTTP_ORIGIN="https://periodico.example")
    assert preflight.status_code == 204 and "GET" in preflight["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Credentials" not in preflight
    r = client.post("/api/v2/candidaturas/")
    assert r.status_code == 405 and "solo lectura" in r.json()["detalle"]
    assert not client.get("/candidaturas/", HTTP_ORIGIN="https://x.example").has_header(
        "Access-Control-Allow-Origin"
    )


@override_settings(PARTICIPATION_LIMITS={"open_data_address": (3, 60)})
def test_rate_limit_per_address(client, results_phase):
    for _ in range(3):
        assert client.get("/api/v2/secciones/5200/").status_code == 200
    r = client.get("/api/v2/secciones/5200/")
    assert r.status_code == 429
    assert r.json()["detalle"].startswith("Demasiadas solicitudes desde tu dirección de red")
    assert r["Retry-After"] == "60" and r["Access-Control-Allow-Origin"] == "*"
    assert client.get("/datos/municipios.csv").status_code == 429
    other = client.get("/api/v2/secciones/5200/", REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200


def test_openapi_document(client, results_phase):
    r = client.get("/api/v2/openapi.json")
    assert r.status_code == 200
    doc = json.loads(r.content)
    assert doc["openapi"].startswith("3.")
    assert {
        "/api/v2/candidaturas/",
        "/api/v2/resultados/",
        "/api/v2/secciones/{numero}/",
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
    } <= set(doc["paths"])
    params = {p["name"] for p in doc["paths"]["/api/v2/candidaturas/"]["get"]["parameters"]}
    assert params == {
        "q",
        "municipio",
        "distrito",
        "partido",
        "cargo",
        "genero",
        "perfil",
        "pagina",
    }
    page = client.get("/datos/api/").content.decode()
    assert (
        "curl" in page
        and "/api/v2/secciones/5200/" in page
        and "<code>nombre_registrado</code>" in page
    )


@pytest.mark.parametrize(
    "url, budget",
    [
        ("/api/v2/candidaturas/", 10),
        ("/api/v2/resultados/", 10),
        ("/api/v2/secciones/5200/", 10),
        ("/datos/resultados-votos.json", 10),
        ("/datos/", 65),  # about four per dataset, whatever the rows
    ],
)
def test_a_fixed_number_of_queries(
    client, results_phase, django_assert_max_num_queries, url, budget
):
    """No query per contest, option or candidacy (the results once ran one per option)."""
    client.get(url)  # warm the per-process caches (site, calendar)
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


def test_head_is_answered_like_get(client, results_phase):
    for url in ("/api/v2/secciones/5200/", "/api/v2/pages/", "/datos/municipios.csv"):
        head, get = client.head(url), client.get(url)
        assert head.status_code == 200 and head.content == b""
        assert head["ETag"] == get["ETag"], url
