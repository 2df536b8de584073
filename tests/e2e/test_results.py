"""Journey: a citizen types their section, opens their ballots, follows the
link to their municipality's official 2021 results and from there to their
district's results, where 2021 is not loaded and 2018 is shown as history.
At 360 px and 1280 px, with axe-core on every page."""

import re

import pytest

from .helpers import assert_no_horizontal_scroll, audit, shot

SECTION = "5169"  # Toluca (districts 2, 34 or 36)


@pytest.fixture
def results_phase(server):
    server.manage("election_phase", "results")
    yield
    server.manage("election_phase", "campaign")


def test_section_to_ballot_to_municipal_results_to_district_2018(visit, results_phase):
    v = visit(width=360, height=740)
    page = v.page
    v.goto("/mi-boleta/")
    page.get_by_label("Número de sección").fill(SECTION)
    with page.expect_navigation():
        page.get_by_role("button", name="Ver mis boletas").click()
    assert page.url.endswith(f"/mi-boleta/{SECTION}/")

    with page.expect_navigation():
        page.get_by_role(
            "link", name="Resultados oficiales 2021 del ayuntamiento de Toluca"
        ).click()
    assert page.url.endswith("/resultados/municipios/toluca/")
    text = " ".join(v.main_text().split())
    assert "Coalición PAN-PRI-PRD con 166,232 votos" in text
    assert "54.29 %" in text and "Cómputo final" in text
    assert page.locator("table.results-table tbody tr").count() == 7
    shot(page, "resultados-toluca-360")
    audit(page, "/resultados/municipios/toluca/")
    assert_no_horizontal_scroll(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Resultados de la diputación local del distrito 2").click()
    assert page.url.endswith("/resultados/distritos/2/")
    text = " ".join(v.main_text().split())
    assert "Resultados de la elección de diputaciones 2021 aún no cargados" in text
    assert "Elección anterior: diputaciones 2018" in text
    assert re.search(r"Votos válidos\s+165,115", text)
    shot(page, "resultados-distrito-2-360")
    audit(page, "/resultados/distritos/2/")
    assert_no_horizontal_scroll(page)
    v.check_clean()


def test_results_index_map_and_tables_on_desktop(visit, results_phase):
    v = visit(width=1280, height=900)
    page = v.page
    v.goto("/resultados/")
    assert page.locator("h1").inner_text().strip() == "Resultados oficiales"
    assert page.locator("svg.results-map a").count() == 125
    assert page.get_by_role("link", name="Toluca: Coalición PAN-PRI-PRD").count() == 1
    assert (
        page.get_by_role("navigation", name="Secciones del sitio")
        .get_by_role("link", name="Resultados")
        .count()
        == 1
    )
    shot(page, "resultados-1280")
    audit(page, "/resultados/")
    v.check_clean()
