"""Open data and API tests: the real site (`site` snapshot) in a chosen phase,
and readers that turn each format back into rows of text."""

import csv
import html
import io
import json
import re

import pytest

from home.spreadsheets import neutralise
from participation import targets
from tests.participation.statistics.conftest import participation, set_phase  # noqa: F401

TBODY = re.compile(r'<table class="dataset-table">.*?<tbody>(.*?)</tbody>', re.S)
ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
CELL = re.compile(r"<td>(.*?)</td>", re.S)


@pytest.fixture(autouse=True)
def _forget_target_memo():
    """participation.targets keeps Target objects per process; a rolled-back
    test's would be reused by the next one."""
    targets.forget_memo()
    yield
    targets.forget_memo()


@pytest.fixture
def results_phase(site):
    """Candidacies, 2021 results and the tool's statistics all public."""
    return set_phase("results")


@pytest.fixture
def campaign_phase(site):
    """Candidacies public; 2021 results and statistics not yet."""
    return set_phase("campaign")


def as_text(value):
    """A JSON value as the CSV and the page write it (independent of the views)."""
    if value is None:
        return ""
    if value is True:
        return "sí"
    if value is False:
        return "no"
    return str(value)


def csv_rows(response):
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    body = raw.decode("utf-8")
    assert body.startswith("\ufeff"), "UTF-8 with BOM"
    rows = list(csv.reader(io.StringIO(body[1:])))
    return rows[0], rows[1:]


def json_rows(response):
    doc = json.loads(response.content.decode("utf-8"))
    header = [c["nombre"] for c in doc["columnas"]]
    return doc, header, [[row[name] for name in header] for row in doc["filas"]]


def page_rows(client, slug):
    """Every row of the dataset's page, following its pages."""
    rows, number = [], 1
    while True:
        r = client.get(f"/datos/{slug}/", {"pagina": number})
        assert r.status_code == 200, (slug, number)
        text = r.content.decode()
        body = TBODY.search(text)
        assert body, slug
        rows += [
            [html.unescape(c) for c in CELL.findall(row)] for row in ROW.findall(body.group(1))
        ]
        if 'rel="next"' not in text:
            return rows
        number += 1


def expected_csv_cells(json_values):
    return [neutralise(as_text(v)) for v in json_values]
