"""Results pages and the open data of results on ten times the real results
(issue 19): every contest of the "results" snapshot (the 2018 and 2021
ayuntamientos and diputaciones of the real files) copied nine times as earlier
elections, with all their vote options. Each budget is a constant: the same
count on the real data and on ten times it."""

from django.db import connection
from django.test import TestCase

from electoral.models import Contest, VoteOption
from tests.helpers.tenfold import query_counts

from .helpers import set_phase

BUDGETS = {
    "/resultados/": 14,
    "/resultados/municipios/toluca/": 14,
    "/resultados/municipios/toluca.csv": 14,
    "/resultados/municipios/toluca.json": 14,
    "/resultados/distritos/2/": 14,
    "/resultados/distritos/2.json": 14,
    # /api/v2/resultados/ and /datos/resultados-votos.json: tests/opendata/test_api.py
    # (whole-table downloads: ten times the rows is ten times the bytes, not the queries).
}

CONTEST_COLUMNS = [
    f.column for f in Contest._meta.concrete_fields if f.column not in ("id", "key", "process_year")
]
OPTION_COLUMNS = [
    f.column for f in VoteOption._meta.concrete_fields if f.column not in ("id", "contest_id")
]


def tenfold_results():
    """Nine copies of every contest (three, six… years earlier) and its options:
    two INSERT … SELECT per copy (tens of thousands of rows in well under a second)."""
    quote = connection.ops.quote_name
    contests, options = quote(Contest._meta.db_table), quote(VoteOption._meta.db_table)
    columns = ", ".join(quote(c) for c in CONTEST_COLUMNS)
    option_columns = ", ".join(quote(c) for c in OPTION_COLUMNS)
    option_values = ", ".join(f"o.{quote(c)}" for c in OPTION_COLUMNS)
    with connection.cursor() as cursor:
        for k in range(1, 10):
            cursor.execute(
                f"INSERT INTO {contests} (key, process_year, {columns}) "
                f"SELECT key || '-copia-{k}', process_year - {3 * k}, {columns} FROM {contests} "
                "WHERE key NOT LIKE '%%-copia-%%'"
            )
            cursor.execute(
                f"INSERT INTO {options} (contest_id, {option_columns}) "
                f"SELECT copy.id, {option_values} FROM {options} o "
                f"JOIN {contests} c ON c.id = o.contest_id "
                f"JOIN {contests} copy ON copy.key = c.key || '-copia-{k}'"
            )


class ResultsQueryBudget(TestCase):
    snapshot = "results"  # built once: tests/helpers/snapshots.py

    def count(self):
        return query_counts(self.client, BUDGETS)

    def test_results_keep_their_budget_on_ten_times_the_results(self):
        set_phase("results")
        self.count()  # warm the per-process caches (site root, calendar)
        real = self.count()
        contests, options = Contest.objects.count(), VoteOption.objects.count()
        tenfold_results()
        assert Contest.objects.count() == 10 * contests
        assert VoteOption.objects.count() == 10 * options
        tenfold = self.count()
        for url, budget in BUDGETS.items():
            assert real[url] <= budget, (url, real[url])
            assert tenfold[url] == real[url], (url, real[url], tenfold[url])
        # the history shows the copies (earlier elections) too
        html = self.client.get("/resultados/municipios/toluca/").content.decode()
        years = set(
            Contest.objects.filter(municipality__slug="toluca").values_list(
                "process_year", flat=True
            )
        )
        assert len(years) >= 10
        assert all(str(year) in html for year in years), years
