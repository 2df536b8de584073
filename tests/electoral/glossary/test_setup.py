"""What `setup_site` (make run) leaves in the Quitadudas."""

import re

import pytest

from electoral.glossary.content import ENTRIES
from electoral.models import GlossaryEntryPage, GlossaryIndexPage

# Words the site itself uses and a first-time voter meets (issue 4).
REQUIRED_SLUGS = {
    "seccion-electoral",
    "casilla",
    "credencial-para-votar",
    "lista-nominal",
    "distrito-electoral-local",
    "municipio",
    "ayuntamiento",
    "presidencia-municipal",
    "sindicatura",
    "regiduria",
    "cabildo",
    "planilla",
    "formula",
    "propietario",
    "suplente",
    "mayoria-relativa",
    "representacion-proporcional",
    "diputacion-local",
    "legislatura",
    "coalicion",
    "candidatura-comun",
    "candidatura-independiente",
    "plataforma-electoral",
    "campana-electoral",
    "veda-electoral",
    "jornada-electoral",
    "voto-nulo",
    "computo",
    "acta-de-escrutinio-y-computo",
    "prep",
    "paridad-de-genero",
    "eleccion-consecutiva",
    "ieem",
    "ine",
    "ople",
    "partido-politico-local",
    "partido-politico-nacional",
    "observador-electoral",
    "funcionario-de-casilla",
    "boleta-electoral",
}


def test_content_is_complete_and_consistent():
    slugs = [e.slug for e in ENTRIES]
    assert len(slugs) == len(set(slugs)) >= 40
    assert not REQUIRED_SLUGS - set(slugs)
    for entry in ENTRIES:
        assert len(entry.definition) >= 2, entry.slug
        assert 20 <= len(entry.definition[0]) <= 260, f"summary of {entry.slug}"
        assert entry.example, entry.slug
        assert entry.related and set(entry.related) <= set(slugs), entry.slug
        assert entry.slug not in entry.related


@pytest.mark.django_db
def test_setup_site_publishes_the_quitadudas(client, site):
    index = GlossaryIndexPage.objects.get()
    entries = GlossaryEntryPage.objects.child_of(index).live()
    assert index.url == "/quitadudas/"
    assert entries.count() == len(ENTRIES) >= 40
    planilla = entries.get(slug="planilla")
    assert [e.slug for e in planilla.related_entries()] == [
        "ayuntamiento",
        "presidencia-municipal",
        "sindicatura",
        "regiduria",
        "paridad-de-genero",
    ]
    assert planilla.last_reviewed is not None

    html = client.get("/quitadudas/").content.decode()
    assert html.count('class="glossary-list__term"') == len(ENTRIES)
    assert f"{len(ENTRIES)} términos en el Quitadudas." in html

    found = client.get("/quitadudas/", {"q": "PLANÍLLAS"}).content.decode()
    first = re.search(
        r'class="glossary-list__term" href="([^"]+)"', found.split('id="resultados-titulo"')[1]
    )
    assert first.group(1) == "/quitadudas/planilla/"

    # Every representation page links glossary terms (first occurrence, never twice).
    for slug in ("legislatura", "ayuntamiento", "diputacion-local", "regiduria"):
        page = client.get(f"/organos/{slug}/").content.decode()
        hrefs = re.findall(r'class="glossary-term" href="([^"]+)"', page)
        assert hrefs and len(hrefs) == len(set(hrefs)), slug
