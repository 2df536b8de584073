"""/organos/: the Legislatura, the ayuntamientos and each ballot office."""

import io
import json
import re

import pytest
from django.core.cache import cache

from home.models import RepresentationBodyPage, RepresentationIndexPage
from home.pagetree import ensure_child
from home.setup_steps import create_representation_bodies
from tests.helpers.html import meta_of

AGREED_SLUGS = [
    "legislatura",
    "ayuntamiento",
    "diputacion-local",
    "presidencia-municipal",
    "sindicatura",
    "regiduria",
]
GLOSSARY_LINK = re.compile(r'<a class="glossary-term" href="([^"]+)"[^>]*>([^<]*)</a>')


@pytest.fixture(autouse=True)
def fresh_term_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_setup_builds_the_agreed_addresses_once(organos):
    create_representation_bodies(stdout=io.StringIO())  # idempotent
    pages = RepresentationBodyPage.objects.child_of(organos).live()
    assert [p.url for p in pages] == [f"/organos/{slug}/" for slug in AGREED_SLUGS]
    assert organos.url == "/organos/"


@pytest.mark.django_db
def test_index_lists_bodies_and_ballot_offices(client, organos):
    html = client.get("/organos/").content.decode()
    bodies = html.split("Los órganos que se renuevan", 1)[1].split("</ul>", 1)[0]
    offices = html.split("Los cargos de tus boletas", 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'href="/organos/([^/]+)/"', bodies) == ["legislatura", "ayuntamiento"]
    assert re.findall(r'href="/organos/([^/]+)/"', offices) == AGREED_SLUGS[2:]
    title, meta = meta_of(html)
    assert title == "Qué se elige · Decide IEEM"
    assert meta["description"].startswith("En la elección local del Estado de México se eligen")


@pytest.mark.django_db
def test_legislature_page_states_its_composition(client, organos):
    html = client.get("/organos/legislatura/").content.decode()
    assert "<h1>La Legislatura del Estado de México</h1>" in html
    text = re.sub(r"<[^>]+>", " ", html)
    text = " ".join(text.split())
    assert "Se integra con 75 diputaciones: 45 electas por mayoría relativa" in text
    assert "30 electas por representación proporcional" in text
    assert "Mayoría relativa 45" in text and "Representación proporcional 30" in text
    assert '<aside class="key-fact" aria-label="Dato clave">' in html
    assert "cada tres años" in text
    title, meta = meta_of(html)
    assert title == "La Legislatura del Estado de México · Decide IEEM"
    assert meta["description"].startswith("La asamblea de 75 diputaciones")


@pytest.mark.django_db
def test_ayuntamiento_page_explains_offices_and_functions(client, organos):
    html = client.get("/organos/ayuntamiento/").content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "125 municipios" in text
    for office in ("Presidencia municipal", "Sindicatura", "Regidurías de mayoría relativa"):
        assert office in text
    assert "Regidurías de representación proporcional" in text
    assert "agua potable" in text and "seguridad pública municipal" in text
    for slug in ("presidencia-municipal", "sindicatura", "regiduria"):
        assert f'href="/organos/{slug}/"' in html
    # The other pages of /organos/ are offered at the end.
    more = html.split('id="mas-organos"', 1)[1]
    assert 'href="/organos/legislatura/"' in more and 'href="/organos/ayuntamiento/"' not in more


@pytest.mark.django_db
# The real glossary is in the "site" snapshot: importing it here took ~6 s a test.
@pytest.mark.snapshot("site")
def test_representation_page_links_glossary_terms(client, organos):
    from electoral.glossary.setup import ensure_glossary

    ensure_glossary()
    page = RepresentationBodyPage(
        title="Prueba de enlaces",
        slug="prueba-enlaces",
        intro="Una página de prueba.",
        body=json.dumps(
            [
                {"type": "heading", "value": {"text": "Tu planilla", "level": "h2"}},
                {
                    "type": "paragraph",
                    "value": "<p>Votas por una planilla en la casilla de tu sección "
                    "electoral. Otra planilla compite.</p>",
                },
            ]
        ),
    )
    organos.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/organos/prueba-enlaces/").content.decode()
    assert GLOSSARY_LINK.findall(html) == [
        ("/quitadudas/planilla/", "planilla"),
        ("/quitadudas/casilla/", "casilla"),
        ("/quitadudas/seccion-electoral/", "sección electoral"),
    ]
    assert "<h2>Tu planilla</h2>" in html

    # The real content: terms are linked once, never inside headings or links.
    html = client.get("/organos/ayuntamiento/").content.decode()
    found = GLOSSARY_LINK.findall(html)
    hrefs = [href for href, _ in found]
    assert "/quitadudas/planilla/" in hrefs and "/quitadudas/cabildo/" in hrefs
    assert len(hrefs) == len(set(hrefs))
    for heading in re.findall(r"<h[1-6][^>]*>.*?</h[1-6]>", html, re.S):
        assert "glossary-term" not in heading


@pytest.mark.django_db
# The real glossary is in the "site" snapshot: importing it here took ~6 s a test.
@pytest.mark.snapshot("site")
def test_editors_can_switch_inline_links_off(client, organos):
    from electoral.glossary.setup import ensure_glossary

    ensure_glossary()
    page = RepresentationBodyPage.objects.get(slug="ayuntamiento")
    assert "glossary-term" in client.get(page.url).content.decode()
    page.glossary_links = False
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "glossary-term" not in html and "planilla" in html


@pytest.mark.django_db
# The real glossary is in the "site" snapshot: importing it here took ~6 s a test.
@pytest.mark.snapshot("site")
def test_representation_page_queries_are_few(client, organos, django_assert_max_num_queries):
    from electoral.glossary.setup import ensure_glossary

    ensure_glossary()
    client.get("/organos/ayuntamiento/")
    # 11: one more than before for the calendar (the results menu entry opens on its date).
    with django_assert_max_num_queries(11):
        html = client.get("/organos/ayuntamiento/").content.decode()
    assert "glossary-term" in html


@pytest.mark.django_db
def test_only_offices_and_bodies_live_under_organos(organos):
    assert RepresentationIndexPage.allowed_subpage_models() == [RepresentationBodyPage]
    assert "home.RepresentationIndexPage" in [
        f"{m._meta.app_label}.{m.__name__}"
        for m in organos.get_parent().specific.allowed_subpage_models()
    ]
    ensure_child(organos.get_parent().specific, RepresentationIndexPage, "organos")  # no duplicate
    assert RepresentationIndexPage.objects.count() == 1
