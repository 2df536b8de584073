"""`/quitadudas/?q=`: accent-, case- and plural-insensitive on SQLite and PostgreSQL."""

import re

import pytest

from tests.electoral.factories import make_entry


def result_titles(html):
    section = html.split('id="resultados-titulo"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'class="glossary-list__term" href="[^"]+">([^<]+)</a>', section)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["planilla", "planillas", "PLANÍLLA", "Planillas", " planilla "])
def test_variants_of_a_term_find_its_entry_first(client, entries, query):
    response = client.get("/quitadudas/", {"q": query})
    assert response.status_code == 200
    titles = result_titles(response.content.decode())
    assert titles[0] == "Planilla"


@pytest.mark.django_db
def test_multiword_terms_without_accents(client, entries):
    titles = result_titles(client.get("/quitadudas/?q=secciones+electorales").content.decode())
    assert titles[0] == "Sección electoral"


@pytest.mark.django_db
def test_finds_words_inside_definitions_and_examples(client, entries):
    # "emblema" is only in the example of Planilla; "750" only in Casilla's definition.
    assert result_titles(client.get("/quitadudas/?q=emblemas").content.decode()) == ["Planilla"]
    assert result_titles(client.get("/quitadudas/?q=750").content.decode()) == ["Casilla"]


@pytest.mark.django_db
def test_question_words_are_ignored(client, entries):
    html = client.get("/quitadudas/", {"q": "¿Qué es una planilla?"}).content.decode()
    assert result_titles(html)[0] == "Planilla"


@pytest.mark.django_db
def test_term_matches_rank_before_definition_matches(client, glossary, entries):
    make_entry(glossary, "Boleta", "La hoja donde votas por una planilla o una fórmula.")
    titles = result_titles(client.get("/quitadudas/?q=planilla").content.decode())
    assert titles[0] == "Planilla" and "Boleta" in titles


@pytest.mark.django_db
def test_empty_query_answers_kindly_and_shows_the_a_to_z(client, entries):
    html = client.get("/quitadudas/?q=++").content.decode()
    assert "Escribe una palabra para buscar" in html
    assert 'href="#indice"' in html and 'id="indice"' in html
    assert html.count('class="glossary-list__term"') == len(entries)  # the full list stays


@pytest.mark.django_db
def test_nonsense_query_says_so_and_suggests_the_a_to_z(client, entries):
    response = client.get("/quitadudas/", {"q": "zzxqj wubba"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "No encontramos «zzxqj wubba»" in html
    assert "índice de la A a la Z" in html and 'href="#indice"' in html
    assert 'value="zzxqj wubba"' in html  # keeps what was typed


@pytest.mark.django_db
def test_hostile_or_huge_queries_are_escaped_and_trimmed(client, entries):
    html = client.get("/quitadudas/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    response = client.get("/quitadudas/", {"q": "planilla " + "x" * 5000})
    assert response.status_code == 200
    assert 'value="planilla ' + "x" * 91 + '"' in response.content.decode()


@pytest.mark.django_db
def test_search_result_page_has_its_own_title(client, entries):
    html = client.get("/quitadudas/?q=casilla").content.decode()
    assert "<title>Buscar «casilla» · Quitadudas electoral · Decide IEEM</title>" in html


@pytest.mark.django_db
def test_wagtail_search_backend_itself_ignores_case_and_accents(glossary, entries):
    """The fallback completes the backend; it does not replace it."""
    from django.db import connection

    from electoral.glossary.search import _backend_ids

    planilla = entries["planilla"].pk
    assert planilla in _backend_ids(glossary.entries(), "PLANÍLLA")
    if connection.vendor == "postgresql":  # "spanish_unaccent" also stems plurals
        assert planilla in _backend_ids(glossary.entries(), "planillas")
