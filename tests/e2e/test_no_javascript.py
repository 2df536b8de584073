"""With JavaScript disabled the home page's section form and navigation are
there and the privacy notice reads in full (test_public_pages.py also opens
every public page without JavaScript)."""

import pytest

from .helpers import assert_no_horizontal_scroll


def test_home_readable_without_javascript(visit):
    v = visit(width=360, height=740, javascript=False)
    v.goto("/")
    page = v.page
    assert page.locator("h1").inner_text() == "Decide IEEM"
    assert "encuentra tus boletas con el número de sección" in v.main_text()
    # The plain GET form needs no script.
    form = page.locator("form.lookup")
    assert form.get_attribute("action") == "/mi-boleta/"
    assert form.get_attribute("method") == "get"
    assert page.get_by_label("Número de sección (viene en tu credencial para votar)").is_visible()
    assert page.get_by_role("button", name="Ver mis boletas").is_visible()
    nav = page.get_by_role("navigation", name="Secciones del sitio")
    assert nav.get_by_role("link", name="Quitadudas electoral").is_visible()
    assert page.locator("main").is_visible()
    assert_no_horizontal_scroll(page)


@pytest.mark.parametrize(
    ("path", "heading", "phrase"),
    [
        ("/aviso-de-privacidad/", "Aviso de privacidad", "Responsable"),
    ],
)
def test_page_readable_without_javascript(visit, path, heading, phrase):
    v = visit(width=360, height=740, javascript=False)
    v.goto(path)
    assert v.page.locator("h1").inner_text() == heading
    text = v.main_text()
    assert phrase in text
    assert len(text) > 500, "the page's body text is there"
    assert_no_horizontal_scroll(v.page)
