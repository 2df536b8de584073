"""A small glossary tree for the tests: home › /quitadudas/ › entries made on demand
(by the glossary factories of tests/electoral/factories.py)."""

import json

import pytest
from django.core.cache import cache

from electoral.glossary import linker
from electoral.models import GlossaryEntryPage
from home.models import StandardPage
from home.pagetree import ensure_child, ensure_home_page
from tests.electoral.factories import glossary_index, make_entry


@pytest.fixture(autouse=True)
def fresh_term_cache():
    """The term list lives in the (process-wide) cache: start and end each test without it."""
    cache.clear()
    linker._linkers.clear()
    yield
    cache.clear()
    linker._linkers.clear()


@pytest.fixture
def home_page(db):
    home, _ = ensure_home_page(title="Decide IEEM")
    return home


@pytest.fixture
def glossary(home_page):
    return glossary_index(home_page)


ENTRY_SLUGS = [
    "seccion-electoral",
    "casilla",
    "planilla",
    "candidatura",
    "candidatura-comun",
    "ine",
]


@pytest.fixture
def entries(request, glossary):
    """A few real-looking entries, keyed by slug: built once as the "glossary"
    snapshot (tests/helpers/snapshots.py) and looked up here."""
    from tests.helpers.snapshots import snapshot_for

    if snapshot_for(request.node, request.fixturenames) == "glossary":
        pages = GlossaryEntryPage.objects.child_of(glossary).filter(slug__in=ENTRY_SLUGS)
        by_slug = {page.slug: page for page in pages}
        return {slug: by_slug[slug] for slug in ENTRY_SLUGS}
    return make_entries(glossary)


def build_entries():
    """The "glossary" snapshot: the home page, the Quitadudas and its entries."""
    home, _ = ensure_home_page(title="Decide IEEM")
    return make_entries(glossary_index(home))


def make_entries(glossary):
    seccion = make_entry(
        glossary,
        "Sección electoral",
        "La parte más pequeña del territorio para organizar el voto.",
        alternatives="secciones electorales",
        more="Cada persona vota en la casilla de su sección.",
    )
    casilla = make_entry(
        glossary,
        "Casilla",
        "El lugar donde votas el día de la elección.",
        more="Por cada 750 electores de una sección se instala una casilla.",
        related=[seccion],
    )
    planilla = make_entry(
        glossary,
        "Planilla",
        "La lista completa de candidaturas para un ayuntamiento.",
        more="En la boleta del ayuntamiento votas una sola vez por una planilla completa.",
        example="Al marcar un emblema eliges a todo un equipo.",
        related=[casilla, seccion],
    )
    candidatura = make_entry(
        glossary,
        "Candidatura",
        "La persona registrada para competir por un cargo.",
        alternatives="candidato, candidata",
    )
    comun = make_entry(
        glossary,
        "Candidatura común",
        "Cuando dos o más partidos postulan a la misma persona sin coalición.",
    )
    ine = make_entry(glossary, "INE", "El Instituto Nacional Electoral.")
    return {e.slug: e for e in (seccion, casilla, planilla, candidatura, comun, ine)}


def standard_page(home_page, slug, *paragraphs, glossary_links=True, blocks=None):
    """A published StandardPage whose body holds `paragraphs` (or raw `blocks`)."""
    body = blocks or [{"type": "paragraph", "value": p} for p in paragraphs]
    page, _ = ensure_child(
        home_page,
        StandardPage,
        slug,
        title=slug.replace("-", " ").capitalize(),
        intro="Página de prueba.",
        body=json.dumps(body),
        glossary_links=glossary_links,
    )
    return page
