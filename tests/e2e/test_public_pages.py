"""Every public page, as a phone (360 px) and a desktop (1280 px) see it, and
with JavaScript disabled: the expected heading, the stylesheet applied, no
sideways scrolling, and axe-core (WCAG 2.2 AA) without serious or critical
violations. A page that answers 404 fails (a missing feature is a failure,
not a skip).
"""

import re
from dataclasses import dataclass

import pytest

from .helpers import assert_no_horizontal_scroll, audit, feature_missing, shot


@dataclass(frozen=True)
class PublicPage:
    path: str
    heading: str | None  # None: any non-empty <h1> (editable page titles)
    status: int = 200
    feature: str | None = None  # the section that must exist for this page


PAGES = [
    PublicPage("/", "Decide IEEM"),
    PublicPage("/aviso-de-privacidad/", "Aviso de privacidad"),
    PublicPage("/esta-direccion-no-existe/", "No encontramos esta página", status=404),
    PublicPage("/mi-boleta/", "Mi boleta", feature="/mi-boleta/"),
    PublicPage("/mi-boleta/2473/", "Tus boletas: sección 2473", feature="/mi-boleta/"),
    PublicPage("/geografia/", "Geografía electoral", feature="/geografia/"),
    PublicPage("/geografia/municipios/metepec/", "Metepec", feature="/geografia/"),
    PublicPage("/geografia/distritos/35/", "Distrito local 35", feature="/geografia/"),
    # A municipality split between six districts (table of its districts, the lookup
    # form), one of its sections and a district whose head town names its municipality.
    PublicPage(
        "/geografia/municipios/ecatepec-de-morelos/", "Ecatepec de Morelos", feature="/geografia/"
    ),
    PublicPage("/mi-boleta/1302/", "Tus boletas: sección 1302", feature="/mi-boleta/"),
    PublicPage("/geografia/distritos/2/", "Distrito local 2", feature="/geografia/"),
    PublicPage("/candidaturas/", "Candidaturas", feature="/candidaturas/"),
    PublicPage("/partidos/", None, feature="/partidos/"),
    PublicPage("/quitadudas/", None, feature="/quitadudas/"),
    PublicPage("/organos/", None, feature="/organos/"),
    PublicPage("/datos/", "Datos abiertos", feature="/datos/"),
    PublicPage("/datos/secciones/", "Secciones electorales", feature="/datos/"),
    PublicPage("/datos/api/", "API de datos abiertos", feature="/datos/"),
]
BRAND = "rgb(122, 20, 80)"  # --brand in static/css/site.css


def _slug(path):
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"


def _check_page(v, spec, navigate=True):
    if navigate:
        v.goto(spec.path, expect_status=spec.status)
    page = v.page
    headings = page.locator("h1")
    assert headings.count() == 1, f"{spec.path} has {headings.count()} <h1>"
    heading = " ".join(headings.inner_text().split())
    if spec.heading is None:
        assert heading, f"{spec.path} has an empty <h1>"
    else:
        assert heading == spec.heading
    assert headings.is_visible()
    # site.css (hashed name from the manifest, served by WhiteNoise) applies.
    header_bg = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert header_bg == BRAND, f"site.css not applied on {spec.path} (header {header_bg})"
    assert len(v.main_text()) > 100, f"{spec.path}: almost no text in <main>"
    assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("spec", PAGES, ids=[_slug(p.path) for p in PAGES])
def test_public_page(visit, spec):
    v = visit(width=360, height=800)
    if spec.feature:
        reason = feature_missing(v, spec.feature)
        if reason:
            pytest.fail(reason)
    # Phone first, then the same document widened to a desktop (media
    # queries apply again on resize; no second download).
    for width, navigate in ((360, True), (1280, False)):
        v.page.set_viewport_size({"width": width, "height": 800})
        _check_page(v, spec, navigate=navigate)
        shot(v.page, f"{_slug(spec.path)}-{width}", full_page=width == 360)
        audit(v.page)
    no_js = visit(width=360, height=740, javascript=False)
    _check_page(no_js, spec)
    shot(no_js.page, f"{_slug(spec.path)}-360-no-js", full_page=False)
