"""The Quitadudas on ten times the real glossary (issue 19): the 57 entries of
`setup_site` and nine copies of each (tests/tenfold.py). The index lists them
all, the search looks through them all, an entry page shows its related terms
and the pages with inline links match every term: each in a constant number of
queries, the same on the real glossary and on ten times it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from electoral.models import GlossaryEntryPage, GlossaryIndexPage
from tests.helpers.tenfold import copy_subtrees

pytestmark = [pytest.mark.django_db, pytest.mark.snapshot("site")]

BUDGETS = {
    "/quitadudas/": 11,
    "/quitadudas/?q=planillas": 11,
    "/quitadudas/planilla/": 10,
    "/organos/ayuntamiento/": 11,  # rich text with inline glossary links
}


def count(client):
    counts = {}
    for url in BUDGETS:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts, response


def test_glossary_keeps_its_budget_on_ten_times_the_entries(client):
    count(client)  # warm the per-process caches (site root, glossary terms)
    real, _ = count(client)
    entries = list(GlossaryEntryPage.objects.child_of(GlossaryIndexPage.objects.get()))
    assert len(entries) >= 50
    copy_subtrees(entries, 9)
    assert GlossaryEntryPage.objects.live().count() == 10 * len(entries)
    count(client)  # the new glossary version: terms read once per process
    tenfold, _ = count(client)
    for url, budget in BUDGETS.items():
        assert real[url] <= budget, (url, real[url])
        assert tenfold[url] == real[url], (url, real[url], tenfold[url])
    html = client.get("/quitadudas/").content.decode()
    for entry in GlossaryEntryPage.objects.filter(slug__endswith="-9"):
        assert f'href="{entry.url}"' in html, entry.url
