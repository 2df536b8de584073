"""Every page of the site shell fits a phone (360 px) and a desktop (1280 px)
without sideways scrolling, and passes axe-core (WCAG 2.2 AA)."""

import pytest

from .helpers import assert_no_horizontal_scroll, audit, shot

PAGES = [
    # path, expected status, what the person sees first
    ("/", 200, "Decide IEEM"),
    ("/aviso-de-privacidad/", 200, "Aviso de privacidad"),
    ("/esta-direccion-no-existe/", 404, "No encontramos esta página"),
]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize(("path", "status", "heading"), PAGES, ids=["home", "privacy", "404"])
def test_page_fits_and_passes_axe(visit, path, status, heading, width):
    v = visit(width=width, height=800)
    v.goto(path, expect_status=status)
    assert v.page.locator("h1").first.inner_text().strip() == heading
    # The stylesheet (hashed name from the manifest, served by WhiteNoise) applies.
    header_bg = v.page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert header_bg == "rgb(122, 20, 80)", f"site.css not applied (header {header_bg})"
    assert_no_horizontal_scroll(v.page)
    shot(v.page, f"{path.strip('/') or 'home'}-{width}")
    audit(v.page)
