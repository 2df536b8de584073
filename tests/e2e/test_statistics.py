"""Journey: /estadisticas/ at 360 px. During the campaign it says when the
statistics will be published and shows no figure; after «election_phase
results» it shows the totals, an SVG chart beside each data table and the
downloads — with axe clean, with JavaScript and without it. Each page view
sends its counting beacon (or, without JavaScript, loads the pixel) to our
own /participa/visita/, nothing to any third party, no CSP violation."""

import pytest

from .helpers import assert_no_horizontal_scroll, audit, audit_without_javascript, shot


@pytest.fixture
def results_phase(server):
    server.manage("election_phase", "results")
    yield
    server.manage("election_phase", "campaign")


def test_statistics_before_the_date_say_when(visit, server):
    server.manage("election_phase", "campaign")
    v = visit(width=360, height=740)
    page = v.page
    with page.expect_request(lambda r: r.url.endswith("/participa/visita/")) as sent:
        v.goto("/estadisticas/")
    assert sent.value.method == "POST" and "ruta=%2Festadisticas%2F" in sent.value.post_data
    text = " ".join(v.main_text().split())
    assert "Las estadísticas de uso de Decide IEEM se publican a partir del" in text
    assert page.locator(".stats-totals").count() == 0
    assert page.locator("main svg").count() == 0 and page.locator("main table").count() == 0
    shot(page, "estadisticas-antes-360")
    audit(page, "/estadisticas/ (before the date)")
    assert_no_horizontal_scroll(page)
    v.check_clean()


def test_statistics_after_the_date_at_360_px(visit, results_phase):
    v = visit(width=360, height=740)
    page = v.page
    v.goto("/estadisticas/")
    assert page.locator("h1").inner_text() == "Estadísticas de uso de Decide IEEM"
    totals = page.locator(".stats-totals dt").all_inner_texts()
    assert totals[:3] == ["Páginas consultadas", "Consultas de «Mi boleta»", "«Me gusta»"]
    series = page.locator("section.stats-series")
    assert series.count() == 12
    assert page.locator("section.stats-series table").count() >= 1
    assert page.get_by_role("link", name="CSV").count() == 13
    first = series.first
    assert first.get_by_role("heading", name="Páginas consultadas por día").is_visible()
    shot(page, "estadisticas-despues-360")
    audit(page, "/estadisticas/ (public)")
    assert_no_horizontal_scroll(page)
    # The home page and the footer link to it now.
    v.goto("/")
    footer = page.get_by_role("navigation", name="Pie de página")
    assert footer.get_by_role("link", name="Estadísticas").is_visible()
    v.check_clean()


def test_statistics_without_javascript(visit, results_phase):
    v = visit(width=360, height=740, javascript=False)
    checker = visit(width=360, height=740)
    page = v.page
    with page.expect_request(lambda r: "/participa/visita.gif?ruta=%2Festadisticas%2F" in r.url):
        v.goto("/estadisticas/")
    text = " ".join(v.main_text().split())
    assert "Totales" in text and "Páginas consultadas por sección del sitio" in text
    assert page.locator(".stats-totals dd").count() == 7
    audit_without_javascript(page, checker, "/estadisticas/ (no JavaScript)")
    assert_no_horizontal_scroll(page)
    v.check_clean()
