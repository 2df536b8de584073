"""Query budgets of the site's own page types (home, a standard page, «Qué se
elige» and its bodies) and of the public statistics on ten times the real data
(issue 19). Parties, platforms, profiles and the candidacy list are in
tests/electoral/parties/test_query_budget.py; geography and ballots in
tests/electoral/geography/test_query_budget.py; glossary, results and open
data beside their tests (tests/electoral/…/test_pages.py, tests/opendata/)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from electoral.models import MunicipalityDistrict, Section
from home.models import RepresentationBodyPage, RepresentationIndexPage
from participation.statistics import models as stats
from participation.statistics.models import DailyCount
from tests.electoral.results.helpers import set_phase
from tests.helpers.tenfold import copy_subtrees

pytestmark = pytest.mark.django_db

PAGES = {
    "/": 10,
    "/aviso-de-privacidad/": 10,
    "/estadisticas/": 15,
}


def queries_of(client, url):
    client.get(url)  # warm the per-process caches (site, content types, term lists)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries), response


def tenfold(days):
    """Ten times the sections, and a year and a half of daily counters instead of `days`."""
    real = list(Section.objects.values_list("number", "municipality_id", "district_id"))
    top = max(number for number, _, _ in real)
    Section.objects.bulk_create(
        [
            Section(number=top + copy * len(real) + i + 1, municipality_id=m, district_id=d)
            for copy in range(9)
            for i, (_, m, d) in enumerate(real)
        ],
        batch_size=5000,
    )
    MunicipalityDistrict.objects.rebuild_from_sections()  # as the import does
    today = timezone.localdate()
    DailyCount.objects.bulk_create(
        [
            DailyCount(day=today - timedelta(days=d), metric=stats.VISITS, key=key, n=d + 1)
            for d in range(days, 10 * days)
            for key in ("inicio", "quitadudas", "geografia")
        ],
        batch_size=5000,
    )


def test_site_pages_and_statistics_keep_their_budget_on_ten_times_the_data(client, site):
    set_phase("results")
    days = 60
    today = timezone.localdate()
    DailyCount.objects.bulk_create(
        [
            DailyCount(day=today - timedelta(days=d), metric=stats.VISITS, key=key, n=d + 1)
            for d in range(days)
            for key in ("inicio", "quitadudas", "geografia")
        ]
    )
    before = {url: queries_of(client, url)[0] for url in PAGES}
    tenfold(days)
    after = {url: queries_of(client, url)[0] for url in PAGES}
    assert Section.objects.count() == 10 * 6544
    assert DailyCount.objects.count() == 10 * days * 3
    for url, budget in PAGES.items():
        assert before[url] <= budget, (url, before[url])
        assert after[url] == before[url], (url, before[url], after[url])


# «Qué se elige»: /organos/ lists its bodies and offices, each body page its
# siblings. setup_site makes six; the copies make sixty.
ORGANOS = {"/organos/": 10, "/organos/ayuntamiento/": 11, "/organos/regiduria/": 11}


@pytest.mark.snapshot("site")
def test_organos_keep_their_budget_on_ten_times_the_bodies(client):
    for url in ORGANOS:
        client.get(url)  # warm the per-process caches (site root, glossary terms)
    real = {url: queries_of(client, url)[0] for url in ORGANOS}
    bodies = list(RepresentationBodyPage.objects.child_of(RepresentationIndexPage.objects.get()))
    assert len(bodies) == 6
    copy_subtrees(bodies, 9)
    assert RepresentationBodyPage.objects.live().count() == 60
    after = {url: queries_of(client, url) for url in ORGANOS}
    for url, budget in ORGANOS.items():
        assert real[url] <= budget, (url, real[url])
        assert after[url][0] == real[url], (url, real[url], after[url][0])
    index = after["/organos/"][1].content.decode()
    body = after["/organos/ayuntamiento/"][1].content.decode()
    for page in RepresentationBodyPage.objects.all():
        assert f'href="{page.url}"' in index, page.url
        if page.slug != "ayuntamiento":
            assert f'href="{page.url}"' in body, page.url
