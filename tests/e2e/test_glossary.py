"""Journey 2: a citizen uses the Quitadudas electoral (the glossary): the A–Z
index, a search for «casilla», the entry, a related term; and an inline
glossary link in the text of a page reached from their ballots. Skips at run
time until the glossary is in the tree."""

import re

import pytest

from .helpers import audit, feature_missing, focused, path_of, shot

PHONE = {"width": 360, "height": 740}


def _h1(page):
    return " ".join(page.locator("h1").inner_text().split())


def test_az_index_search_entry_and_related_term(visit):
    v = visit(**PHONE)
    reason = feature_missing(v, "/quitadudas/")
    if reason:
        pytest.fail(reason)
    page = v.page
    v.goto("/quitadudas/")
    assert _h1(page) == "Quitadudas electoral"

    # A–Z: the letter C jumps to the terms starting with C, «Casilla» among them.
    index = page.get_by_role("navigation", name="Índice alfabético")
    index.get_by_role("link", name="C", exact=True).click()
    assert re.search(r"#[\w-]+$", page.url), page.url
    section = page.locator(page.url[page.url.index("#") :])
    assert section.get_by_role("heading", name="C", exact=True).is_visible()
    assert section.get_by_role("link", name="Casilla", exact=True).is_visible()
    audit(page, "/quitadudas/ (A–Z)")

    # Search, typed and sent with Enter.
    page.get_by_label("Busca una palabra").fill("casilla")
    with page.expect_navigation():
        page.get_by_label("Busca una palabra").press("Enter")
    assert path_of(page) == "/quitadudas/?q=casilla"
    results = page.locator(".glossary-results")
    heading = results.locator("h2").inner_text()
    assert re.fullmatch(r"\d+ resultados? para «casilla»", heading), heading
    titles = results.locator(".glossary-list__term").all_inner_texts()
    assert titles[0] == "Casilla", f"the exact term comes first: {titles}"
    shot(page, "quitadudas-busqueda-casilla-360")
    audit(page)

    with page.expect_navigation():
        results.get_by_role("link", name="Casilla", exact=True).click()
    assert path_of(page) == "/quitadudas/casilla/"
    assert _h1(page) == "Casilla"
    assert "Es el lugar donde votas el día de la elección" in v.main_text()
    related = page.locator(".glossary-related a")
    names = related.all_inner_texts()
    assert "Sección electoral" in names, names
    shot(page, "quitadudas-casilla-360")
    audit(page)

    with page.expect_navigation():
        related.filter(has_text="Sección electoral").click()
    assert _h1(page) == "Sección electoral"
    assert re.fullmatch(r"/quitadudas/[\w-]+/", path_of(page))
    audit(page)


def test_inline_glossary_link_from_the_ballot_page(visit):
    v = visit(**PHONE)
    for feature in ("/quitadudas/", "/mi-boleta/", "/organos/"):
        reason = feature_missing(v, feature)
        if reason:
            pytest.fail(reason)
    page = v.page
    v.goto("/mi-boleta/2473/")
    # The ballot explains each office; the office page's text links glossary terms.
    with page.expect_navigation():
        page.get_by_role("link", name="Qué hace el ayuntamiento").click()
    term = page.locator("main a.glossary-term").first
    assert term.count() == 1, f"no inline glossary link on {page.url}"
    word = term.inner_text()
    # Reached with the keyboard, the term shows its summary (a tooltip that
    # screen readers read as the link's description).
    term.focus()
    assert focused(page)["tag"] == "a"
    tooltip_id = term.get_attribute("aria-describedby")
    tooltip = page.locator(f"#{tooltip_id}")
    assert tooltip.get_attribute("role") == "tooltip"
    assert tooltip.is_visible(), "the summary shows on keyboard focus"
    entry_title = tooltip.locator("strong").inner_text().strip().rstrip(".")
    shot(page, "glosario-en-linea-360", full_page=False)
    audit(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page).startswith("/quitadudas/")
    assert _h1(page) == entry_title, f"«{word}» led to «{_h1(page)}»"
