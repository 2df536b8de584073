"""Public geography pages cost a fixed number of queries, even on 10× the real data."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from electoral.models import MunicipalityDistrict, MunicipalityPage, Section

BUDGET = 13  # +1: the calendar (results links and menu entry, from its results date)
PAGES = [
    "/geografia/",
    "/geografia/distritos/21/",
    "/geografia/municipios/ecatepec-de-morelos/",
    "/geografia/municipios/toluca/",
    "/mi-boleta/1/",
    "/mi-boleta/1302/",
    "/mi-boleta/1305/",  # no district in the catalogue: the possible ballots
    "/geografia/distritos/2/",
    "/geografia/?q=neza",
]


class QueryBudgetTests(TestCase):
    snapshot = "geography"  # built once: tests/helpers/snapshots.py

    @classmethod
    def setUpTestData(cls):
        Section.objects.filter(number=1305).update(district=None)

    def count_queries(self):
        counts = {}
        for url in PAGES:
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(url)
            assert response.status_code == 200, url
            counts[url] = len(queries)
        return counts

    def test_fixed_queries_on_ten_times_the_sections(self):
        # Warm the caches (site root, glossary terms) as a running server would.
        self.count_queries()
        real = self.count_queries()
        # 10× the real catalogue: nine more sections per real one, spread over the
        # same municipalities (with their districts; 1305's copies have none).
        existing = list(Section.objects.values_list("municipality_id", "district_id"))
        extra = [
            Section(number=10_000 + i, municipality_id=m, district_id=d)
            for i, (m, d) in enumerate(existing * 9)
        ]
        Section.objects.bulk_create(extra, batch_size=2000)
        MunicipalityDistrict.objects.rebuild_from_sections()  # as the import does
        assert Section.objects.count() == 10 * 6544
        assert MunicipalityPage.objects.get(slug="ecatepec-de-morelos").sections.count() == 7450
        for url in PAGES:
            with self.subTest(url), self.assertNumQueriesAtMost(BUDGET):
                response = self.client.get(url)
                assert response.status_code == 200
        assert self.count_queries() == real

    def assertNumQueriesAtMost(self, n):
        return _AtMost(self, n)


class _AtMost(CaptureQueriesContext):
    def __init__(self, test, n):
        super().__init__(connection)
        self.test, self.n = test, n

    def __exit__(self, *exc):
        super().__exit__(*exc)
        if exc[0] is None:
            queries = "\n".join(q["sql"] for q in self.captured_queries)
            self.test.assertLessEqual(len(self), self.n, queries)
