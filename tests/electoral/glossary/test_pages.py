import re

import pytest

from tests.electoral.factories import make_entry
from tests.helpers.html import meta_of

from .conftest import standard_page


@pytest.mark.django_db
def test_index_lists_every_entry_under_its_letter(client, glossary, entries):
    make_entry(glossary, "Ñandú electoral", "Un término inventado para probar la Ñ.")
    make_entry(glossary, "Órgano de prueba", "Un término inventado para probar acentos.")
    html = client.get("/quitadudas/").content.decode()

    nav = html.split('aria-label="Índice alfabético"', 1)[1].split("</nav>", 1)[0]
    letters = re.findall(r"<li>(?:<a href=\"#[^\"]+\">|<span class=\"az__empty\">)(\w)", nav)
    assert letters == list("ABCDEFGHIJKLMNÑOPQRSTUVWXYZ")
    linked = re.findall(r'<a href="#letra-([a-z]+)">', nav)
    assert linked == ["c", "i", "enie", "o", "p", "s"]
    assert '<span class="az__empty">B<span class="visually-hidden"> (sin términos)</span>' in nav

    def section(anchor):
        body = html.split(f'id="letra-{anchor}"', 1)[1].split("</section>", 1)[0]
        return re.findall(r'class="glossary-list__term" href="([^"]+)">([^<]+)<', body)

    assert section("c") == [
        ("/quitadudas/candidatura/", "Candidatura"),
        ("/quitadudas/candidatura-comun/", "Candidatura común"),
        ("/quitadudas/casilla/", "Casilla"),
    ]
    assert [t for _, t in section("o")] == ["Órgano de prueba"]
    assert [t for _, t in section("enie")] == ["Ñandú electoral"]
    assert "La lista completa de candidaturas para un ayuntamiento." in html  # summaries
    assert "8 términos en el Quitadudas." in html


@pytest.mark.django_db
def test_entry_page_shows_definition_example_related_and_review(client, entries):
    html = client.get("/quitadudas/planilla/").content.decode()
    assert "<h1>Planilla</h1>" in html
    assert "En otras palabras" in html and "Al marcar un emblema eliges a todo un equipo." in html
    related = html.split("Términos relacionados", 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', related) == [
        ("/quitadudas/casilla/", "Casilla"),
        ("/quitadudas/seccion-electoral/", "Sección electoral"),
    ]
    assert 'Última revisión: <time datetime="2026-11-01">1 de noviembre de 2026</time>' in html
    assert '<a href="/quitadudas/">Quitadudas electoral</a>' in html  # breadcrumbs
    assert "glossary-term" not in html  # no inline links inside the glossary itself


@pytest.mark.django_db
def test_entry_has_its_own_title_and_description_for_link_previews(client, entries):
    title, meta = meta_of(client.get("/quitadudas/seccion-electoral/").content.decode())
    assert title == "Sección electoral · Decide IEEM"
    assert meta["og:title"] == "Sección electoral"
    assert meta["description"] == "La parte más pequeña del territorio para organizar el voto."
    assert meta["og:description"] == meta["description"]
    index_title, index_meta = meta_of(client.get("/quitadudas/").content.decode())
    assert index_title == "Quitadudas electoral · Decide IEEM"
    assert index_meta["description"] == "Las palabras de la elección en lenguaje sencillo."


@pytest.mark.django_db
def test_unpublished_related_entries_are_not_shown(client, entries):
    entries["casilla"].unpublish()
    html = client.get("/quitadudas/planilla/").content.decode()
    assert "/quitadudas/casilla/" not in html


# --- query budgets -----------------------------------------------------------

ENTRY_PAGE_BUDGET = 10
INDEX_PAGE_BUDGET = 11  # +1: the calendar (results menu entry opens on its date)
ENRICHED_PAGE_BUDGET = 8


def _add_entries(glossary, n):
    for i in range(n):
        make_entry(glossary, f"Término extra {i}", f"Resumen del término {i}.")


@pytest.mark.django_db
def test_entry_page_queries_are_few_and_fixed(
    client, glossary, entries, django_assert_max_num_queries
):
    client.get("/quitadudas/planilla/")  # warm Wagtail's site cache
    with django_assert_max_num_queries(ENTRY_PAGE_BUDGET) as first:
        assert client.get("/quitadudas/planilla/").status_code == 200
    first = len(first.captured_queries)
    _add_entries(glossary, 10)
    with django_assert_max_num_queries(first):
        client.get("/quitadudas/planilla/")


@pytest.mark.django_db
def test_index_and_search_queries_do_not_grow_with_entries(
    client, glossary, entries, django_assert_max_num_queries
):
    client.get("/quitadudas/")
    with django_assert_max_num_queries(INDEX_PAGE_BUDGET) as listing:
        client.get("/quitadudas/")
    with django_assert_max_num_queries(INDEX_PAGE_BUDGET) as search:
        client.get("/quitadudas/?q=planillas")
    listing, search = len(listing.captured_queries), len(search.captured_queries)
    _add_entries(glossary, 10)
    with django_assert_max_num_queries(listing):
        client.get("/quitadudas/")
    with django_assert_max_num_queries(search):
        client.get("/quitadudas/?q=planillas")


@pytest.mark.django_db
def test_page_with_inline_links_queries_are_few_and_fixed(
    client, glossary, entries, home_page, django_assert_max_num_queries
):
    text = "<p>La planilla, la casilla, la sección electoral y el INE.</p>"
    page = standard_page(home_page, "con-terminos", text)
    client.get(page.url)  # builds the term list once
    with django_assert_max_num_queries(ENRICHED_PAGE_BUDGET) as warm:
        html = client.get(page.url).content.decode()
    assert html.count('class="glossary-term"') == 4
    warm = len(warm.captured_queries)
    _add_entries(glossary, 10)  # publishing forgets the list; the next view rebuilds it
    client.get(page.url)
    with django_assert_max_num_queries(warm):
        client.get(page.url)
