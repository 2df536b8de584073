"""/datos/: each dataset's CSV, JSON and page carry the same rows and numbers;
real counts; UTF-8 with BOM; formula injection neutralised; the ZIP holds
everything and is the same bytes twice; nothing before its publication date."""

import io
import json
import re
import zipfile

import pytest

from electoral.geography.models import MunicipalityPage
from electoral.parties.candidacies import Candidacy
from opendata.datasets import DATASETS

from .conftest import as_text, csv_rows, expected_csv_cells, json_rows, page_rows

pytestmark = pytest.mark.django_db

SLUGS = [d.slug for d in DATASETS]


@pytest.mark.parametrize("slug", SLUGS)
def test_csv_json_and_page_show_the_same_rows(client, results_phase, participation, slug):
    header_csv, from_csv = csv_rows(client.get(f"/datos/{slug}.csv"))
    doc, header_json, from_json = json_rows(client.get(f"/datos/{slug}.json"))
    from_page = page_rows(client, slug)
    assert header_csv == header_json
    assert doc["total"] == len(from_json) == len(from_csv) == len(from_page)
    assert from_json, f"{slug} has rows in the real site"
    for csv_row, json_row, page_row in zip(from_csv, from_json, from_page, strict=True):
        assert csv_row == expected_csv_cells(json_row)
        assert page_row == [as_text(v) for v in json_row]
    index = client.get("/datos/").content.decode()
    shown = re.search(rf'data-filas="{slug}">([\d,]+)<', index)
    assert shown and int(shown.group(1).replace(",", "")) == doc["total"]


@pytest.mark.parametrize("slug", ["resultados-elecciones", "resultados-votos"])
def test_counted_results_datasets_count_their_rows_before_2021_is_public(
    client, campaign_phase, slug
):
    """The index counts the results datasets without building their rows
    (Dataset.row_count): the same number as the JSON's rows with 2021 hidden too
    (test_csv_json_and_page_show_the_same_rows checks it with 2021 shown)."""
    assert next(d for d in DATASETS if d.slug == slug).row_count is not None
    doc, _, rows = json_rows(client.get(f"/datos/{slug}.json"))
    assert rows and doc["total"] == len(rows)
    assert all(r[1] < 2021 for r in rows), "2021 is not public in the campaign"
    index = client.get("/datos/").content.decode()
    shown = re.search(rf'data-filas="{slug}">([\d,]+)<', index)
    assert shown and int(shown.group(1).replace(",", "")) == len(rows)


def test_real_counts_and_both_municipality_numberings(client, results_phase):
    counts = {}
    for slug in ("municipios", "distritos", "secciones", "candidaturas"):
        doc, _, _ = json_rows(client.get(f"/datos/{slug}.json"))
        counts[slug] = doc["total"]
    assert counts == {
        "municipios": 125,
        "distritos": 45,
        "secciones": 6544,
        "candidaturas": Candidacy.objects.count(),
    }
    doc, _, _ = json_rows(client.get("/datos/municipios.json"))
    izcalli = next(r for r in doc["filas"] if r["nombre"] == "Cuautitlán Izcalli")
    assert (izcalli["clave_inegi"], izcalli["numero_ine_ieem"]) == ("15121", 25)
    doc, _, _ = json_rows(client.get("/datos/secciones.json"))
    section = next(r for r in doc["filas"] if r["seccion"] == 5200)
    assert section["municipio"] == "Toluca" and isinstance(section["distrito_local"], int)
    doc, _, _ = json_rows(client.get("/datos/distritos.json"))
    assert all(r["cabecera"] for r in doc["filas"])


def test_candidacies_are_the_rows_of_candidaturas_csv(client, results_phase):
    site_header, site_rows = csv_rows(client.get("/candidaturas.csv"))
    header, rows = csv_rows(client.get("/datos/candidaturas.csv"))
    assert (header, rows) == (site_header, site_rows)
    assert len(rows) == 1904


def test_accents_survive_and_the_file_starts_with_a_bom(client, results_phase):
    raw = client.get("/datos/municipios.csv").content
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "Nezahualcóyotl" in raw.decode("utf-8")


def test_formula_injection_is_neutralised_in_the_csv_only(client, results_phase):
    MunicipalityPage.objects.filter(ine_code=107).update(head_town='=HYPERLINK("http://x")')
    _, rows = csv_rows(client.get("/datos/municipios.csv"))
    toluca = next(r for r in rows if r[1] == "107")
    assert toluca[3] == '\'=HYPERLINK("http://x")'
    doc, _, _ = json_rows(client.get("/datos/municipios.json"))
    assert next(r for r in doc["filas"] if r["numero_ine_ieem"] == 107)["cabecera"].startswith("=")


def test_the_zip_holds_every_public_dataset_and_is_deterministic(client, results_phase):
    first = client.get("/datos/decide-ieem-datos-abiertos.zip")
    second = client.get("/datos/decide-ieem-datos-abiertos.zip")
    assert first.status_code == 200 and first["Content-Type"] == "application/zip"
    assert first.content == second.content
    archive = zipfile.ZipFile(io.BytesIO(first.content))
    names = set(archive.namelist())
    for slug in SLUGS:
        assert {f"{slug}.csv", f"{slug}.json"} <= names, slug
    assert archive.read("municipios.csv") == client.get("/datos/municipios.csv").content
    readme = archive.read("LEEME.txt").decode()
    assert "secciones: Secciones electorales" in readme and "Filas: 6544" in readme


def test_before_their_dates_statistics_and_2021_results_are_not_published(client, campaign_phase):
    r = client.get("/datos/estadisticas.csv")
    assert r.status_code == 404
    assert "se publican a partir del" in r.content.decode()
    r = client.get("/datos/estadisticas.json")
    assert r.status_code == 404 and "se publican a partir del" in json.loads(r.content)["detalle"]
    page = client.get("/datos/estadisticas/").content.decode()
    assert "se publican a partir del" in page and "dataset-table" not in page
    doc, _, _ = json_rows(client.get("/datos/resultados-elecciones.json"))
    assert doc["total"] == 45 and {r["proceso_electoral"] for r in doc["filas"]} == {2018}
    archive = zipfile.ZipFile(
        io.BytesIO(client.get("/datos/decide-ieem-datos-abiertos.zip").content)
    )
    assert "estadisticas.csv" not in archive.namelist()


def test_index_describes_every_dataset(client, results_phase):
    r = client.get("/datos/")
    html = r.content.decode()
    assert r.status_code == 200 and "<h1>Datos abiertos</h1>" in html
    for d in DATASETS:
        assert f'id="{d.slug}"' in html and f'href="/datos/{d.slug}.csv"' in html
        for c in d.columns:
            assert f"<code>{c.name}</code>" in html
    assert "Licencia" in html and "Fuente" in html
    assert client.get("/datos/no-existe/").status_code == 404


def test_a_page_number_that_does_not_exist_says_so(client, results_phase):
    r = client.get("/datos/secciones/", {"pagina": "999"})
    assert r.status_code == 404 and "Esa página no existe" in r.content.decode()
    r = client.get("/datos/secciones/", {"pagina": "x<script>"})
    assert r.status_code == 400 and "<script>" not in r.content.decode().split("</h1>")[1]


def test_alliance_scope_matches_the_registered_alliances(client, results_phase):
    """fixtures/SOURCES.md: PAN-PRI-PRD in 72 municipalities plus Nextlalpan and 28
    districts; the PT-MORENA-NAEM coalición in 90 and 34, its candidatura común in 30 and 10."""
    doc, _, _ = json_rows(client.get("/datos/ambito-alianzas.json"))
    counts = {}
    for r in doc["filas"]:
        counts[(r["actor"], r["eleccion"])] = counts.get((r["actor"], r["eleccion"]), 0) + 1
    assert counts[("coalicion-pan-pri-prd", "ayuntamiento")] == 73
    assert counts[("coalicion-pan-pri-prd", "diputacion")] == 28
    assert counts[("coalicion-pt-morena-naem", "ayuntamiento")] == 90
    assert counts[("coalicion-pt-morena-naem", "diputacion")] == 34
    assert counts[("candidatura-comun-pt-morena-naem", "ayuntamiento")] == 30
    assert counts[("candidatura-comun-pt-morena-naem", "diputacion")] == 10
    members = json_rows(client.get("/datos/integracion-alianzas.json"))[0]["filas"]
    pan_pri_prd = [r["partido"] for r in members if r["alianza"] == "coalicion-pan-pri-prd"]
    assert pan_pri_prd == ["pan", "pri", "prd"]
