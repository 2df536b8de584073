"""Journey: a citizen on a phone (360×740) uses only the keyboard on the home page.

Tab reaches the skip link first, Enter jumps to the content, Tab reaches the
section field (with its visible label); typing a real section number and Enter
lands on that section's ballots at /mi-boleta/<n>/.
"""

import re

import pytest
from playwright.sync_api import expect

from .helpers import audit, feature_missing, focused, path_of, shot, tab_until

PHONE = {"width": 360, "height": 740}
# A real section (edomex_secciones_distrito_local_ine.csv): Metepec, which
# lies whole in local district 35.
SECTION = "2473"
SECTION_MUNICIPALITY = "Metepec"
SECTION_DISTRICT = "35"


def keyboard_to_section_field(visit, screenshots=False):
    page = visit.page
    visit.goto("/")
    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip["text"] == "Saltar al contenido", f"first Tab stop is {skip}"
    assert skip["visible"], "the skip link must be visible when it has the focus"
    assert skip["outline"], "the focused skip link has no visible focus outline"
    if screenshots:
        shot(page, "home-360-skip-link-focused", full_page=False)

    page.keyboard.press("Enter")
    # The fragment navigation may land a moment after the key press returns.
    expect(page).to_have_url(re.compile(r"#contenido$"), timeout=5000)
    assert focused(page)["id"] == "contenido", "Enter on the skip link moves focus to <main>"

    presses = tab_until(page, lambda f: f["id"] == "id_seccion", max_tabs=3)
    field = focused(page)
    assert field["label"] == "Número de sección (viene en tu credencial para votar)"
    assert field["outline"], "the focused section field has no visible focus outline"
    return presses


def test_keyboard_reaches_the_section_field(visit):
    visit_ = visit(**PHONE)
    presses = keyboard_to_section_field(visit_, screenshots=True)
    assert presses == 1, "after the skip link the section field is the first stop in <main>"
    visit_.page.keyboard.type(SECTION)
    assert visit_.page.input_value("#id_seccion") == SECTION
    shot(visit_.page, "home-360-section-typed", full_page=False)
    audit(visit_.page, "/ (keyboard, section typed)")


def test_keyboard_section_lookup_lands_on_the_ballots(visit):
    visit_ = visit(**PHONE)
    reason = feature_missing(visit_, "/mi-boleta/")
    if reason:
        pytest.fail(reason)
    page = visit_.page
    keyboard_to_section_field(visit_)
    page.keyboard.type(SECTION)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page) == f"/mi-boleta/{SECTION}/"
    text = visit_.main_text()
    assert SECTION_MUNICIPALITY in text
    assert f"Ayuntamiento de {SECTION_MUNICIPALITY}" in text
    assert re.search(rf"distrito\D{{0,25}}\b{SECTION_DISTRICT}\b", text, re.IGNORECASE), text[:800]
    shot(page, f"mi-boleta-{SECTION}-360")
    audit(page)
