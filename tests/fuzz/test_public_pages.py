"""Fuzzed queries on the public pages: never a 5xx, typed values kept and escaped.

Endpoints: the section lookup (`/mi-boleta/?seccion=`, `/mi-boleta/<n>/`), the
candidacy list and its CSV (every filter, `pagina`, repeated and unknown
parameters), the Quitadudas search (`?q=`), the geography search (`?q=`),
the platform comparison (`/partidos/?tema=`), the reaction message on a
platform page (`?participa=&bloque=`), and any path under the site.
"""

import re
from urllib.parse import quote, urlencode

from hypothesis import example, given
from hypothesis import strategies as st

from electoral.geography.text import MAX_SECTION_DIGITS
from electoral.glossary.search import clean_query

from .conftest import check_response
from .strategies import MARKUP, budget, hostile_text, param_lists, raw_query_values

LOOKUP_ERRORS = (
    "Escribe el número de sección",
    "El número de sección solo lleva dígitos",
    "Ese número es demasiado largo",
    "no existe en el Estado de México",
)


def _ascii_digits(value):
    return "".join(value.split())


def _check_lookup(response, typed):
    body = check_response(response)
    if response.status_code == 302:
        number = int(_ascii_digits(typed))
        assert response["Location"] == f"/mi-boleta/{number}/"
        return
    assert response.status_code in (200, 400, 404), response.status_code
    if response.status_code != 200:
        assert any(message in body for message in LOOKUP_ERRORS), body
        # What was typed is in the box again (its first 40 characters), escaped.
        shown = typed[:40] if response.status_code == 400 else str(int(_ascii_digits(typed)))
        assert f'value="{_escape_attr(shown)}"' in body, shown


def _escape_attr(value):
    from django.utils.html import escape

    return escape(value)


@budget(200)
@given(seccion=hostile_text())
@example(seccion="²")
@example(seccion="５２００")
@example(seccion="\x00")
@example(seccion="9" * 5000)
@example(seccion=" 5200 ")
@example(seccion=MARKUP)
def test_section_lookup_query(anonymous, fuzz_site, seccion):
    response = anonymous.get("/mi-boleta/", {"seccion": seccion})
    _check_lookup(response, seccion)
    digits = _ascii_digits(seccion)
    valid = digits.isascii() and digits.isdigit() and len(digits) <= MAX_SECTION_DIGITS
    assert (response.status_code == 302) == valid


@budget(150)
@given(number=hostile_text())
@example(number="²")
@example(number="0005200")
@example(number="-1")
@example(number="5201")
def test_section_ballot_path(anonymous, fuzz_site, number):
    response = anonymous.get("/mi-boleta/" + quote(number, safe="") + "/")
    body = check_response(response)
    if response.status_code == 200:
        assert "Mis boletas: sección" in body
        assert "Ayuntamiento de" in body


@budget(60)
@given(raw=raw_query_values())
def test_section_lookup_invalid_utf8(anonymous, fuzz_site, raw):
    response = anonymous.get("/mi-boleta/", QUERY_STRING=f"seccion={raw}")
    check_response(response)
    assert response.status_code in (302, 400)


CANDIDACY_FILTERS = ("q", "municipio", "distrito", "partido", "cargo", "genero", "pagina")
FILTER_VALUES = st.one_of(
    hostile_text(),
    st.sampled_from(
        ["toluca", "metepec", "34", "27", "pan", "morena", "presidencia-municipal", "mujer", "2"]
    ),
)


@budget(200)
@given(params=param_lists(CANDIDACY_FILTERS, FILTER_VALUES))
@example(params=[("pagina", "²")])
@example(params=[("pagina", "9" * 5000)])
@example(params=[("pagina", "-1")])
@example(params=[("distrito", "²")])
@example(params=[("distrito", "9" * 30)])
@example(params=[("q", "\x00")])
@example(params=[("q", MARKUP)])
@example(params=[("municipio", "toluca"), ("municipio", "nope")])
def test_candidacy_list_filters(anonymous, fuzz_site, params):
    response = anonymous.get("/candidaturas/?" + urlencode(params))
    body = check_response(response)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "Revisa" in body or "no existe" in body or "No encontramos" in body, body
    typed = dict(params).get("q")  # the last value wins, as in QueryDict.get
    if typed is not None and "\x00" not in typed and len(typed) <= 100:
        assert _escape_attr(typed) in body


@budget(120)
@given(params=param_lists(CANDIDACY_FILTERS, FILTER_VALUES))
@example(params=[("q", "\x00")])
@example(params=[("distrito", "²")])
@example(params=[("q", "=HYPERLINK(1)")])
def test_candidacy_csv_filters(anonymous, fuzz_site, params):
    response = anonymous.get("/candidaturas.csv?" + urlencode(params))
    body = check_response(response)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert body.startswith("Filtro no válido: ")
    else:
        assert body.startswith("\ufeffcargo,posicion,")
        assert response["Content-Disposition"].startswith('attachment; filename="candidaturas')


@budget(60)
@given(raw=raw_query_values(), name=st.sampled_from(CANDIDACY_FILTERS))
def test_candidacy_list_invalid_utf8(anonymous, fuzz_site, raw, name):
    check_response(anonymous.get("/candidaturas/", QUERY_STRING=f"{name}={raw}"))
    check_response(anonymous.get("/candidaturas.csv", QUERY_STRING=f"{name}={raw}"))


@budget(150)
@given(q=hostile_text())
@example(q="\x00")
@example(q="' OR 1=1 --")
@example(q='"unclosed')
@example(q="casilla* OR NEAR(x)")
@example(q="AND")
@example(q=MARKUP)
@example(q='"casilla')  # SQLite FTS5: "unterminated string", logged as an error each time
def test_glossary_search(anonymous, fuzz_site, caplog, q):
    caplog.clear()
    response = anonymous.get(fuzz_site.glossary.url, {"q": q})
    body = check_response(response)
    assert not [r for r in caplog.records if r.levelname == "ERROR"], "the search backend failed"
    assert response.status_code == 200
    query = clean_query(q)
    if query:
        assert _escape_attr(query) in body


@budget(100)
@given(q=hostile_text())
@example(q="²")
@example(q="34")
@example(q="9" * 5000)
def test_geography_search(anonymous, fuzz_site, q):
    response = anonymous.get("/geografia/", {"q": q})
    check_response(response)
    assert response.status_code == 200


@budget(100)
@given(tema=hostile_text())
@example(tema="\x00")
@example(tema=MARKUP)
def test_platform_comparison_topic(anonymous, fuzz_site, tema):
    response = anonymous.get("/partidos/", {"tema": tema})
    body = check_response(response)
    assert response.status_code == 200
    slug = tema.strip()
    if slug and "No encontramos el tema" in body:
        assert _escape_attr(slug[:60]) in body


@budget(100)
@given(params=param_lists(("participa", "bloque"), hostile_text()))
@example(params=[("participa", "registrado-<script>"), ("bloque", "")])
def test_platform_page_reaction_message(anonymous, fuzz_site, params):
    for page in (fuzz_site.platform, fuzz_site.profile):
        response = anonymous.get(page.url + "?" + urlencode(params))
        check_response(response)
        assert response.status_code == 200


@budget(150)
@given(path=st.lists(hostile_text(max_size=40), min_size=1, max_size=4))
@example(path=["quitadudas", "\x00"])
@example(path=["partidos", "pan", "plataforma", "²"])
@example(path=["mi-boleta", "5200", "x"])
@example(path=["documentos", "999999999999999999999", "x.pdf"])
def test_any_path(anonymous, fuzz_site, path):
    url = "/" + "/".join(quote(part, safe="") for part in path) + "/"
    response = anonymous.get(url)
    check_response(response)


@budget(50)
@given(username=hostile_text(max_size=200), password=hostile_text(max_size=200))
@example(username="\x00", password="x")
@example(username="admin", password="9" * 5000)
def test_admin_login_form(fuzz_site, username, password):
    """The one admin form anyone can reach: hostile credentials are refused in Spanish."""
    from django.test import Client

    client = Client(raise_request_exception=False)
    response = client.post("/admin/login/", {"username": username, "password": password})
    body = check_response(response)
    assert response.status_code in (200, 403, 429)
    assert "/admin/" not in response.get("Location", "")  # never signed in
    if response.status_code == 200:  # the form again, with Django's Spanish errors
        assert re.search(r'class="error[^>]*>\s*\S', body), "no error message shown"
