"""Journey 3: a citizen narrows /candidaturas/ to a municipality and a gender,
then downloads exactly that selection as CSV."""

import csv
import io
import re

import pytest

from .helpers import assert_no_horizontal_scroll, audit, feature_missing, shot

MUNICIPALITY = "Metepec"


def _gender_counts(page):
    """{label: count} from the parity table of the current selection."""
    counts = {}
    for row in page.locator(".gender-split tbody tr").all():
        label = row.locator("th").inner_text().strip()
        counts[label] = int(re.sub(r"\D", "", row.locator("td").first.inner_text()))
    return counts


def _results_heading(page):
    return page.locator("#titulo-resultados").inner_text().strip()


def test_filter_by_municipality_and_gender_then_download_csv(visit, tmp_path):
    v = visit(width=360, height=740)
    reason = feature_missing(v, "/candidaturas/")
    if reason:
        pytest.fail(reason)
    page = v.page
    v.goto("/candidaturas/")

    page.get_by_label("Municipio", exact=True).select_option(label=MUNICIPALITY)
    with page.expect_navigation():
        page.get_by_role("button", name="Aplicar filtros").click()
    assert "municipio=metepec" in page.url
    by_gender = _gender_counts(page)
    municipality_total = sum(by_gender.values())
    assert municipality_total > 0, f"no candidacies listed for {MUNICIPALITY}"
    assert _results_heading(page) == f"{municipality_total} candidaturas"

    # The gender with most candidacies in the data (the 2021 source may only
    # have «Sin dato en la fuente»); its count in the table is what the list
    # and the file must hold.
    gender, expected = max(by_gender.items(), key=lambda item: item[1])
    page.get_by_label("Género", exact=True).select_option(label=gender)
    with page.expect_navigation():
        page.get_by_role("button", name="Aplicar filtros").click()
    assert (
        page.get_by_label("Municipio", exact=True).locator("option:checked").inner_text()
        == MUNICIPALITY
    )
    assert page.get_by_label("Género", exact=True).locator("option:checked").inner_text() == gender
    assert _results_heading(page) == f"{expected} candidatura{'s' if expected != 1 else ''}"
    places = page.locator(".candidacy-table td[data-label='Lugar']").all_inner_texts()
    assert places and all(MUNICIPALITY in place for place in places), places[:5]
    shot(page, "candidaturas-metepec-360")
    audit(page, "/candidaturas/?municipio=metepec&genero=…")

    link = page.get_by_role("link", name=f"Descargar estas {expected} candidaturas en CSV")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    assert "metepec" in download.suggested_filename
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM, so that Excel reads the accents"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == expected
    assert {row["municipio"] for row in rows} == {MUNICIPALITY}
    assert {row["genero"] for row in rows} == {gender}
    assert all(row["nombre_registrado"].strip() for row in rows)
    assert all(row["fuente"].strip() for row in rows), "every row names its source"

    # Last, so that a layout fault does not hide the state of the download.
    assert_no_horizontal_scroll(page)
