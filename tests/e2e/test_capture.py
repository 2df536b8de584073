"""Journey 7: a party editor follows the capture dashboard from «faltan» to a
new profile, sends it to «Revisión IEEM» and sees the count move to «en
revisión»; the public figure does not move (pages in review never count).
Then IEEM's moderator opens the capture report of every actor."""

import re

from .helpers import audit, log_in, path_of, shot

DESKTOP = {"width": 1280, "height": 900}
EDITOR = ("editor-pan", "decide-ieem-demo")  # demo accounts, dev/e2e settings only
MODERATOR = ("moderacion", "decide-ieem-demo")
COUNTS = re.compile(
    r"Publicados (\d+) de (\d+) perfiles \(\d+ %\) · en revisión (\d+).* · faltan (\d+)"
)


def _profile_counts(page):
    text = " ".join(page.locator(".capture-counts li").first.inner_text().split())
    match = COUNTS.search(text)
    assert match, text
    return tuple(int(n) for n in match.groups())


def _public_figure(visit):
    public = visit(width=360, height=740)
    public.goto("/partidos/pan/")
    return " ".join(public.page.locator(".compliance").first.inner_text().split())


def test_editor_goes_from_missing_to_in_review_and_moderator_reads_the_report(visit):
    v = visit(**DESKTOP)
    page = v.page
    figure_before = _public_figure(visit)
    assert figure_before.startswith("Información publicada por el partido:"), figure_before

    log_in(page, *EDITOR)
    assert path_of(page) == "/admin/"
    published, total, in_review, missing = _profile_counts(page)
    assert missing > 0 and published + in_review + missing == total
    assert page.get_by_role("heading", name="Captura de PAN").count() == 1
    shot(page, "captura-tablero-antes-1280", full_page=False)
    audit(page, "/admin/ (capture dashboard)")

    link = page.get_by_role("link", name=re.compile(r"^Crear perfil de ")).first
    name = " ".join(link.inner_text().split()).removeprefix("Crear perfil de ")
    with page.expect_navigation():
        link.click()
    assert "/admin/pages/add/electoral/candidateprofilepage/" in page.url
    assert page.locator("#id_title").input_value() == name  # pre-filled from the candidacy
    assert page.locator("#id_candidacy").input_value() != ""
    page.get_by_role("textbox", name="Presentación breve").fill(
        "Contadora pública; ocho años en el servicio municipal."
    )
    page.get_by_role("button", name="Más acciones").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Enviar a Revisión IEEM").click()

    page.goto("/admin/")
    assert _profile_counts(page) == (published, total, in_review + 1, missing - 1)
    row = page.locator("tr.capture-row").filter(has_text=name)
    assert "En revisión" in row.inner_text()
    shot(page, "captura-tablero-despues-1280", full_page=False)
    # In review is not published: the public figure is the same.
    assert _public_figure(visit) == figure_before

    m = visit(**DESKTOP)
    log_in(m.page, *MODERATOR)
    m.goto("/admin/reports/captura/")
    assert m.page.locator("h1").inner_text().strip() == "Avance de captura de los partidos"
    pan = m.page.locator("main table tbody tr").filter(has_text="PAN").first
    assert f"{published} de {total}" in pan.inner_text()
    assert m.page.locator("main table tbody tr").count() >= 29
    shot(m.page, "captura-informe-1280", full_page=False)
    audit(m.page, "/admin/reports/captura/")
