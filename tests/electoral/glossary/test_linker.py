import re

import pytest

from electoral.glossary.linker import enrich_html
from electoral.models import GlossaryEntryPage
from tests.electoral.factories import make_entry

from .conftest import standard_page

LINK = re.compile(r'<a class="glossary-term" href="([^"]+)"[^>]*>([^<]*)</a>')


def links(html):
    """(href, text) of every glossary link, in order."""
    return LINK.findall(html)


@pytest.mark.django_db
def test_links_first_occurrence_only(entries):
    html = enrich_html("<p>Gana una planilla.</p><p>Otra planilla pierde; la planilla…</p>")
    assert links(html) == [("/quitadudas/planilla/", "planilla")]


@pytest.mark.django_db
def test_matches_plurals_case_and_accents(entries):
    html = enrich_html(
        "<p>Las PLANILLAS de varias secciones electorales y la Seccion electoral.</p>"
    )
    assert links(html) == [
        ("/quitadudas/planilla/", "PLANILLAS"),
        ("/quitadudas/seccion-electoral/", "secciones electorales"),
    ]


@pytest.mark.django_db
def test_longest_term_wins_and_whole_words_only(entries):
    html = enrich_html(
        "<p>Una candidatura común. Después, otra candidatura. Un casillero no es casilla.</p>"
    )
    assert links(html) == [
        ("/quitadudas/candidatura-comun/", "candidatura común"),
        ("/quitadudas/candidatura/", "candidatura"),
        ("/quitadudas/casilla/", "casilla"),
    ]


@pytest.mark.django_db
def test_acronyms_match_only_in_capitals(entries):
    assert links(enrich_html("<p>La ine no es una palabra; el INE sí.</p>")) == [
        ("/quitadudas/ine/", "INE")
    ]


@pytest.mark.django_db
def test_never_touches_links_or_headings(entries):
    html = enrich_html(
        "<h2>La planilla</h2><h3>Casilla</h3>"
        '<p>Mira <a href="/organos/ayuntamiento/">la planilla del <b>casilla</b></a>.</p>'
        "<p>Aquí sí: planilla y casilla.</p>"
    )
    assert "<h2>La planilla</h2><h3>Casilla</h3>" in html
    assert '<a href="/organos/ayuntamiento/">la planilla del <b>casilla</b></a>' in html
    assert links(html) == [
        ("/quitadudas/planilla/", "planilla"),
        ("/quitadudas/casilla/", "casilla"),
    ]


@pytest.mark.django_db
def test_link_carries_an_accessible_summary(entries):
    html = enrich_html("<p>Tu planilla.</p>")
    described = re.search(r'aria-describedby="([^"]+)"', html).group(1)
    tip = re.search(r'<span class="glossary-tip" role="tooltip" id="([^"]+)">(.*?)</span>', html)
    assert tip.group(1) == described
    assert tip.group(2) == (
        "<strong>Planilla.</strong> La lista completa de candidaturas para un ayuntamiento."
    )
    # Ids stay unique when two fragments of one page are enriched separately.
    other = enrich_html("<p>Otra planilla aquí.</p>")
    assert re.search(r'aria-describedby="([^"]+)"', other).group(1) != described


@pytest.mark.django_db
def test_enriching_twice_changes_nothing(entries):
    once = enrich_html("<p>La planilla y la casilla.</p>")
    assert enrich_html(once) == once


@pytest.mark.django_db
def test_per_page_switch_and_glossary_pages(entries, home_page):
    text = "<p>La planilla.</p>"
    off = standard_page(home_page, "sin-enlaces", text, glossary_links=False)
    on = standard_page(home_page, "con-enlaces", text)
    assert enrich_html(text, off) == text
    assert links(enrich_html(text, on)) == [("/quitadudas/planilla/", "planilla")]
    # Pages of other apps without the field are enriched; glossary pages never are.
    assert links(enrich_html(text, object()))
    assert enrich_html(text, entries["casilla"]) == text


@pytest.mark.django_db
def test_entries_switched_off_or_unpublished_are_not_linked(entries, glossary):
    make_entry(glossary, "Cabildo", "El ayuntamiento reunido.", inline_links=False)
    entries["casilla"].unpublish()
    html = enrich_html("<p>El cabildo, la casilla y la planilla.</p>")
    assert links(html) == [("/quitadudas/planilla/", "planilla")]


@pytest.mark.django_db
def test_term_list_is_cached_and_forgotten_on_publish_unpublish_delete(
    entries, glossary, django_assert_num_queries
):
    text = "<p>El cabildo aprobó la planilla.</p>"
    assert links(enrich_html(text)) == [("/quitadudas/planilla/", "planilla")]
    with django_assert_num_queries(0):  # cached: no query at all
        enrich_html(text)

    cabildo = make_entry(glossary, "Cabildo", "El ayuntamiento reunido en sesión.")
    assert [href for href, _ in links(enrich_html(text))] == [
        "/quitadudas/cabildo/",
        "/quitadudas/planilla/",
    ]

    cabildo.slug = "sesion-de-cabildo"
    cabildo.save_revision().publish()
    assert links(enrich_html(text))[0][0] == "/quitadudas/sesion-de-cabildo/"

    entries["planilla"].unpublish()
    assert [href for href, _ in links(enrich_html(text))] == ["/quitadudas/sesion-de-cabildo/"]

    GlossaryEntryPage.objects.get(pk=cabildo.pk).delete()
    assert links(enrich_html(text)) == []


@pytest.mark.django_db
def test_building_the_term_list_costs_constant_queries(
    glossary, entries, django_assert_max_num_queries
):
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(3) as few:
        enrich_html("<p>planilla</p>")
    few = len(few.captured_queries)
    for n in range(15):
        make_entry(glossary, f"Término de prueba {n}", f"Resumen {n}.")
    cache.clear()
    with django_assert_max_num_queries(few):
        enrich_html("<p>planilla</p>")


@pytest.mark.django_db
def test_standard_page_body_is_enriched_but_not_its_title_or_navigation(client, entries, home_page):
    page = standard_page(
        home_page,
        "planilla",
        "<p>Cómo se integra una planilla y qué es una sección electoral.</p>",
        blocks=[
            {"type": "heading", "value": {"text": "La planilla", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<p>Cómo se integra una planilla y qué es una sección electoral.</p>",
            },
            {
                "type": "key_fact",
                "value": {"title": "Dato clave", "text": "<p>Otra planilla, otra casilla.</p>"},
            },
        ],
    )
    html = client.get(page.url).content.decode()
    assert links(html) == [
        ("/quitadudas/planilla/", "planilla"),
        ("/quitadudas/seccion-electoral/", "sección electoral"),
        ("/quitadudas/casilla/", "casilla"),
    ]
    assert "<h2>La planilla</h2>" in html
    assert "<h1>Planilla</h1>" in html


@pytest.mark.django_db
def test_admin_is_never_enriched(admin_client, entries, home_page):
    page = standard_page(home_page, "prueba", "<p>La planilla.</p>")
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "planilla" in html and "glossary-term" not in html
