"""Counting page views: cached pages count through the beacon, bots and prefetches
do not, nothing of the visitor is kept, Redis batches and the flush moves."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from electoral.models import GlossaryEntryPage, Section
from participation.models import DailyCount
from participation.statistics import counting
from participation.statistics import models as m

from .conftest import BROWSER, beacon, stored

pytestmark = pytest.mark.django_db


def test_visits_to_a_cached_page_are_counted(visitor, site):
    page = visitor.get("/quitadudas/")
    # The page is cacheable (the same HTML for everyone) and carries the counter.
    assert "public" in page["Cache-Control"] and "max-age" in page["Cache-Control"]
    html = page.content.decode()
    assert 'id="contar-visita" data-ruta="/quitadudas/"' in html
    assert 'src="/participa/visita.gif?ruta=%2Fquitadudas%2F"' in html
    assert not page.cookies
    assert stored(m.VISITS) == 0, "rendering the page counts nothing: the beacon does"
    # Served from a cache three times: each copy sends its beacon.
    for _ in range(3):
        r = beacon(visitor, "/quitadudas/")
        assert r.status_code == 204
        assert "no-store" in r["Cache-Control"] and not r.cookies
    assert stored(m.VISITS, "quitadudas") == 3
    assert DailyCount.objects.get(metric=m.VISITS, key="quitadudas").n == 3


def test_the_noscript_pixel_counts_visitors_without_javascript(visitor, site):
    r = visitor.get("/participa/visita.gif", {"ruta": "/"})
    assert r.status_code == 200 and r["Content-Type"] == "image/gif"
    assert "no-store" in r["Cache-Control"] and not r.cookies
    assert stored(m.VISITS, counting.HOME) == 1


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1",
        "WhatsApp/2.23.20.0",
        "curl/8.5.0",
        "python-requests/2.31",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/124.0 Safari/537.36",
    ],
)
def test_bots_are_not_counted(client, site, agent):
    r = beacon(client, "/quitadudas/", HTTP_USER_AGENT=agent)
    assert r.status_code == 204
    assert (
        client.get("/participa/visita.gif", {"ruta": "/"}, HTTP_USER_AGENT=agent).status_code == 200
    )
    assert not DailyCount.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_X_MOZ": "prefetch"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},  # another site's page cannot count here
    ],
)
def test_prefetches_and_other_sites_are_not_counted(visitor, site, headers):
    beacon(visitor, "/partidos/", **headers)
    visitor.get("/participa/visita.gif", {"ruta": "/partidos/"}, **headers)
    assert not DailyCount.objects.exists()


def test_same_origin_beacons_count(visitor, site):
    beacon(visitor, "/partidos/", HTTP_SEC_FETCH_SITE="same-origin")
    assert stored(m.VISITS, "partidos") == 1


def test_sections_of_the_site_never_an_actor(visitor, site):
    from electoral.models import CandidateProfilePage, PlatformPage

    platform = PlatformPage.objects.live().first()
    profile = CandidateProfilePage.objects.live().first()
    for path in [
        "/",
        "/organos/",
        "/geografia/distritos/3/",
        "/candidaturas/",
        platform.url,
        profile.url,
        "/no-existe/",
    ]:
        beacon(visitor, path)
    keys = dict(DailyCount.objects.filter(metric=m.VISITS).values_list("key", "n"))
    assert keys == {
        "inicio": 1,
        "organos": 1,
        "geografia": 1,
        "candidaturas": 1,
        "partidos": 1,
        "perfiles": 1,
        "otras": 1,
    }
    # No key anywhere names the party, its platform or the candidate.
    every_key = set(DailyCount.objects.values_list("key", flat=True))
    assert not every_key & {platform.slug, profile.slug, platform.get_parent().slug}


def test_ballot_lookups_count_per_municipality_and_district(visitor, site):
    section = Section.objects.select_related("municipality", "district").order_by("number")[40]
    beacon(visitor, f"/mi-boleta/{section.number}/")
    beacon(visitor, f"/mi-boleta/{section.number}/")
    beacon(visitor, "/mi-boleta/999999/")  # no such section: a page view, no lookup
    assert stored(m.VISITS, "boletas") == 3
    assert stored(m.BALLOT_MUNICIPALITY, section.municipality.slug) == 2
    assert stored(m.BALLOT_DISTRICT, str(section.district.number)) == 2
    assert stored(m.BALLOT_MUNICIPALITY) == 2


def test_glossary_terms_consulted_and_searched(visitor, site):
    entry = GlossaryEntryPage.objects.live().order_by("title").first()
    beacon(visitor, entry.url)
    beacon(visitor, "/quitadudas/no-es-un-termino/")
    beacon(visitor, "/quitadudas/", q=entry.title.upper())
    beacon(visitor, "/quitadudas/", q="xqzwv")
    assert stored(m.GLOSSARY_TERM) == 1 and stored(m.GLOSSARY_TERM, entry.slug) == 1
    assert stored(m.GLOSSARY_SEARCH, entry.slug) == 1
    assert stored(m.GLOSSARY_SEARCH, "") == 1  # searched, nothing found: no query text kept
    assert not DailyCount.objects.filter(key__icontains="xqzwv").exists()
    assert stored(m.VISITS, "quitadudas") == 4


def test_the_database_write_is_one_upsert_per_row(visitor, site):
    counting.record("/organos/")
    with CaptureQueriesContext(connection) as queries:
        counting.record("/organos/")
    writes = [q["sql"] for q in queries.captured_queries if "participation_dailycount" in q["sql"]]
    assert len(writes) == 1 and "ON CONFLICT" in writes[0] and '"n" + EXCLUDED."n"' in writes[0]
    assert stored(m.VISITS, "organos") == 2


def test_garbage_is_not_counted(visitor, site):
    for path in ["http://otro.sitio/", "", "quitadudas"]:
        beacon(visitor, path)
    assert not DailyCount.objects.exists()
    r = visitor.get("/participa/visita/")
    assert r.status_code == 405


def test_a_counting_failure_never_breaks_the_page(visitor, site, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("redis down")

    monkeypatch.setattr(counting, "record", broken)
    assert beacon(visitor, "/").status_code == 204


# --- Redis ------------------------------------------------------------------------

REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture
def redis_counting(settings, site):
    import redis

    settings.STATISTICS_REDIS_URL = REDIS_URL
    client = redis.Redis.from_url(REDIS_URL)
    client.ping()  # fails (not skips) when Redis is not running: CI starts it
    client.flushdb()
    yield client
    client.flushdb()


def test_with_redis_views_wait_in_a_hash_until_the_flush(visitor, redis_counting):
    section = Section.objects.select_related("municipality").order_by("number")[7]
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            beacon(visitor, "/quitadudas/")
        beacon(visitor, f"/mi-boleta/{section.number}/")
    assert not [q for q in queries.captured_queries if "dailycount" in q["sql"]]
    assert not DailyCount.objects.exists()
    assert counting.pending_in_redis() == 6
    assert counting.flush() == 6
    assert stored(m.VISITS, "quitadudas") == 5
    assert stored(m.BALLOT_MUNICIPALITY, section.municipality.slug) == 1
    assert counting.flush() == 0 and counting.pending_in_redis() == 0
    beacon(visitor, "/quitadudas/")
    counting.flush()
    assert stored(m.VISITS, "quitadudas") == 6
    # Nothing of the visitor in Redis either: only day hashes of counters.
    assert all(k.startswith(b"decide:stats:") for k in redis_counting.keys("*"))


def test_a_flush_that_failed_is_finished_by_the_next(visitor, redis_counting, monkeypatch):
    beacon(visitor, "/organos/")
    real_add = counting.add

    def failing(day, counts):
        raise RuntimeError("database down")

    monkeypatch.setattr(counting, "add", failing)
    with pytest.raises(RuntimeError):
        counting.flush()
    monkeypatch.setattr(counting, "add", real_add)
    beacon(visitor, "/organos/")
    assert counting.flush() == 2
    assert stored(m.VISITS, "organos") == 2


def test_flush_command(visitor, redis_counting):
    from io import StringIO

    from django.core.management import call_command

    beacon(visitor, "/")
    out = StringIO()
    call_command("flush_statistics", stdout=out)
    assert "Visitas pasadas a la base de datos: 1" in out.getvalue()
    assert stored(m.VISITS, "inicio") == 1


def test_bot_pattern_leaves_real_browsers_alone():
    for agent in [
        BROWSER,
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0",
    ]:
        assert not counting.is_bot(agent), agent


def test_error_pages_and_participation_messages_carry_no_counter(visitor, site):
    r = visitor.get("/no-existe-esta-pagina/")
    assert r.status_code == 404 and 'id="contar-visita"' not in r.content.decode()
    assert 'id="contar-visita"' in visitor.get("/").content.decode()


def test_the_site_script_sends_the_beacon_to_our_own_endpoint():
    from django.conf import settings

    script = (settings.BASE_DIR / "static/js/site.js").read_text()
    assert 'navigator.sendBeacon("/participa/visita/", data)' in script
    assert "document.prerendering" in script and "prerenderingchange" in script
    assert "window.top !== window.self" in script  # framed previews are not counted
    assert "http" not in script.split("Statistics", 1)[1].replace("https://", "")


def test_the_beacon_is_answered_before_the_middleware_chain(visitor, site):
    from django.conf import settings

    assert settings.MIDDLEWARE[0] == "participation.statistics.middleware.VisitBeaconMiddleware"
    with CaptureQueriesContext(connection) as queries:
        beacon(visitor, "/organos/")
    # Nothing but the counter's own statement: no session, no redirect lookup.
    others = [
        q["sql"]
        for q in queries.captured_queries
        if "dailycount" not in q["sql"] and "SAVEPOINT" not in q["sql"]
    ]
    assert others == []


def test_a_glossary_search_page_counts_its_search_from_the_cached_html(visitor, site):
    from electoral.models import GlossaryEntryPage

    entry = GlossaryEntryPage.objects.live().order_by("title").first()
    html = visitor.get("/quitadudas/", {"q": entry.title}).content.decode()
    assert f'data-q="{entry.title}"' in html
    assert "&amp;q=" in html.split('id="contar-visita"', 1)[1].split("</noscript>", 1)[0]
    # The pixel a visitor without JavaScript loads, exactly as the page writes it.
    src = html.split('class="visit-pixel" src="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert visitor.get(src).status_code == 200
    assert stored(m.GLOSSARY_SEARCH, entry.slug) == 1
