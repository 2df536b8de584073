"""Rendered page bodies and page data kept per page-cache generation
(home/fragments.py, issue 19 «uncached speed»): the same HTML as a fresh
rendering, far fewer queries, and every change of what the page shows is what
the next anonymous visitor gets, with the origin cache off."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from electoral.models import CandidateProfilePage, MunicipalityPage, PlatformPage
from home import fragments, pagecache
from home.models import ElectionCalendar
from tests.home.test_pagecache import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fragments_on(settings):
    """Off for the rest of the suite (cms/settings/test.py), on here; the whole
    pages' cache stays off: these are the "uncached" pages."""
    settings.FRAGMENT_CACHE_ENABLED = True
    settings.SHELL_CACHE_ENABLED = True  # as in production: the route and calendar kept too
    settings.PAGE_CACHE_ENABLED = False


def anonymous():
    return Client(HTTP_ACCEPT_ENCODING="identity")


def signed_in_admin():
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def page_urls():
    platform = next(
        p
        for p in PlatformPage.objects.live().order_by("path").specific()
        if len(p.feedback_targets()) > 2
    )
    return {
        "municipality": MunicipalityPage.objects.live().get(slug="toluca").url,
        "ballot": "/mi-boleta/5169/",
        "platform": platform.url,
        "profile": CandidateProfilePage.objects.live().order_by("path").first().url,
    }


class Queries:
    """The SQL run inside the block (a wrapper: CaptureQueriesContext reads a
    bounded log that a large snapshot may already have filled)."""

    def __enter__(self):
        self.sql = []
        self._wrap = connection.execute_wrapper(self)
        self._wrap.__enter__()
        return self

    def __call__(self, execute, sql, params, many, context):
        self.sql.append(sql)
        return execute(sql, params, many, context)

    def __exit__(self, *exc):
        self._wrap.__exit__(*exc)

    def __len__(self):
        return len(self.sql)


def body(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# What a fresh rendering of each page asks the database at the least (its own
# data): the ballot, a plain view (no route), its section and its candidacies
# with their actors and profiles (one query each, electoral/parties/ballots.py).
FRESH_QUERIES_AT_LEAST = {"municipality": 4, "ballot": 2, "platform": 4, "profile": 4}


def test_kept_pages_are_the_fresh_rendering_in_a_fraction_of_the_queries(site, settings):
    urls = page_urls()
    visitor = anonymous()
    for name, url in urls.items():
        settings.FRAGMENT_CACHE_ENABLED = False
        with Queries() as fresh_queries:
            fresh = body(visitor.get(url))
        settings.FRAGMENT_CACHE_ENABLED = True
        first = body(visitor.get(url))
        with Queries() as kept_queries:
            kept = body(visitor.get(url))
        assert first == fresh, name
        assert kept == fresh, name
        assert "<main" in kept and "</footer>" in kept
        # The page's own queries (route, restrictions, calendar, data) are gone.
        assert len(fresh_queries) >= FRESH_QUERIES_AT_LEAST[name], (name, len(fresh_queries))
        assert len(kept_queries) == 0, (name, [sql[:120] for sql in kept_queries.sql])


def test_published_municipality_is_what_the_next_anonymous_visitor_gets(site):
    page = MunicipalityPage.objects.live().get(slug="toluca")
    url = page.url
    visitor = anonymous()
    assert "Cabecera de prueba" not in body(visitor.get(url))

    # Data changed behind the cache's back (no signal) is not seen: the cache is real...
    MunicipalityPage.objects.filter(pk=page.pk).update(head_town="Cambio sin señal")
    assert "Cambio sin señal" not in body(visitor.get(url))
    # ... but an editor always gets a fresh rendering.
    admin = signed_in_admin()
    assert "<dd>Cambio sin señal</dd>" in body(admin.get(url))

    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(admin.get(edit_url).content.decode())
    data["head_town"] = "Cabecera de prueba"
    data["action-publish"] = "action-publish"
    published = admin.post(edit_url, data)
    assert published.status_code == 302, published.content.decode()[:2000]

    assert "<dd>Cabecera de prueba</dd>" in body(visitor.get(url))


def test_a_calendar_change_is_visible_at_once(site):
    url = MunicipalityPage.objects.live().get(slug="toluca").url
    link = "Resultados oficiales 2021 del ayuntamiento de Toluca"
    calendar = ElectionCalendar.load()
    calendar.results_public_from = timezone.now() + timezone.timedelta(days=30)
    calendar.save()
    visitor = anonymous()
    assert link not in body(visitor.get(url))
    assert link not in body(visitor.get(url))

    calendar = ElectionCalendar.load()
    calendar.results_public_from = timezone.now() - timezone.timedelta(days=1)
    calendar.save()
    assert link in body(visitor.get(url))


def test_no_fragment_outlives_the_next_calendar_date(site, monkeypatch):
    calendar = ElectionCalendar.load()
    calendar.results_public_from = timezone.now() + timezone.timedelta(seconds=90)
    calendar.save()
    stored = []
    real_put = fragments.put

    def spy(request, key, html):
        stored.append(fragments.pagecache.lifetime(request))
        real_put(request, key, html)

    monkeypatch.setattr(fragments, "put", spy)
    anonymous().get(MunicipalityPage.objects.live().get(slug="toluca").url)
    assert stored and all(0 < seconds <= 91 for seconds in stored), stored


def test_a_batch_import_without_signals_is_seen_after_its_purge(site):
    url = "/mi-boleta/5169/"
    visitor = anonymous()
    before = body(visitor.get(url))
    page = MunicipalityPage.objects.get(slug="toluca")
    MunicipalityPage.objects.filter(pk=page.pk).update(name="Toluca renombrado")
    assert body(visitor.get(url)) == before
    fragments.pagecache.purge()  # what the importers call after their bulk writes
    assert "Ayuntamiento de Toluca renombrado" in body(visitor.get(url))


def test_the_query_string_is_part_of_the_key(site):
    platform_url = page_urls()["platform"]
    visitor = anonymous()
    plain = body(visitor.get(platform_url))
    pressed = body(visitor.get(platform_url + "?bloque=&participa=retirado"))
    assert "Retiraste tu reacción." in pressed
    assert "Retiraste tu reacción." not in plain
    assert "Retiraste tu reacción." not in body(visitor.get(platform_url))


def test_a_page_made_private_stops_being_served(site):
    page = MunicipalityPage.objects.live().get(slug="toluca")
    visitor = anonymous()
    assert visitor.get(page.url).status_code == 200
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secreto-123"
    )
    hidden = visitor.get(page.url)
    assert hidden.status_code == 200
    html = hidden.content.decode()
    assert "Secciones electorales" not in html
    assert 'name="password"' in html


@pytest.mark.parametrize(
    "cookies,meta",
    [({"sessionid": "x"}, {}), ({"messages": "x"}, {}), ({}, {"HTTP_AUTHORIZATION": "Basic x"})],
)
def test_only_anonymous_gets_of_public_pages_use_fragments(cookies, meta, settings):
    factory = RequestFactory()
    request = factory.get("/geografia/", **meta)
    request.COOKIES.update(cookies)
    assert not fragments.usable(request)
    assert fragments.get(request, "content", [1]) == (None, None)
    plain = factory.get("/geografia/")
    assert fragments.usable(plain)
    assert not fragments.usable(factory.post("/geografia/"))
    assert not fragments.usable(factory.get("/geografia/", {"q": "x" * 300}))
    settings.FRAGMENT_CACHE_ENABLED = False
    assert not fragments.usable(plain)


def test_a_request_reads_the_generation_and_the_visitor_once(settings, monkeypatch):
    """A page asks for several fragments and memos: the generation (a stat of the
    stamp file, or the watcher's read) and whether the visitor is anonymous are
    read at the first and kept on the request; the next request reads them again."""
    settings.FRAGMENT_CACHE_ENABLED = True
    calls = {"generation": 0, "visitor": 0}
    real_generation, real_visitor = pagecache.current_generation, pagecache.visitor_is_anonymous

    def generation():
        calls["generation"] += 1
        return real_generation()

    def visitor(request):
        calls["visitor"] += 1
        return real_visitor(request)

    monkeypatch.setattr(pagecache, "current_generation", generation)
    monkeypatch.setattr(pagecache, "visitor_is_anonymous", visitor)
    factory = RequestFactory()
    request = factory.get("/geografia/")
    for n in range(3):
        assert fragments.memo("prueba", (n,), lambda n=n: {"n": n}, request) == {"n": n}
        fragments.get(request, "content", [n])
    assert calls == {"generation": 1, "visitor": 1}
    pagecache.purge()
    following = factory.get("/geografia/")
    assert fragments.memo("prueba", (0,), lambda: {"n": "nuevo"}, following) == {"n": "nuevo"}
    assert calls == {"generation": 2, "visitor": 2}


def test_process_memo_gives_one_object_per_generation_and_editors_their_own(settings):
    """Site-wide values no caller changes (a host's Site, the calendar's row) are
    kept in the process for the generation: the same object for every anonymous
    GET, a new one after a purge; a signed-in editor's request computes its own."""
    settings.SHELL_CACHE_ENABLED = True
    factory = RequestFactory()
    computed = []

    def compute():
        computed.append(1)
        return {"fila": len(computed)}

    first = fragments.process_memo("prueba", (1,), compute, factory.get("/"), shell=True)
    again = fragments.process_memo("prueba", (1,), compute, factory.get("/"), shell=True)
    assert again is first and first == {"fila": 1} and computed == [1]
    editor = factory.get("/", HTTP_COOKIE="sessionid=x")
    assert fragments.process_memo("prueba", (1,), compute, editor, shell=True) == {"fila": 2}
    pagecache.purge()
    after = fragments.process_memo("prueba", (1,), compute, factory.get("/"), shell=True)
    assert after == {"fila": 3} and after is not first
    settings.SHELL_CACHE_ENABLED = False
    off = fragments.process_memo("prueba", (1,), compute, factory.get("/"), shell=True)
    assert off == {"fila": 4}


def test_the_site_and_the_calendar_of_anonymous_gets_follow_their_saves(site):
    """The Site and the calendar kept in the process: a save of either is what
    the next anonymous visitor's page reads."""
    from wagtail.models import Site

    from home import routing

    factory = RequestFactory()
    request = factory.get("/")
    kept = routing.site_for(request)
    assert routing.site_for(factory.get("/")) is kept
    record = Site.objects.get(pk=kept.pk)
    record.site_name = "Decide IEEM (prueba)"
    record.save()
    assert routing.site_for(factory.get("/")).site_name == "Decide IEEM (prueba)"
    calendar = ElectionCalendar.load(request_or_site=factory.get("/"))
    assert ElectionCalendar.load(request_or_site=factory.get("/")) is calendar
    row = ElectionCalendar.objects.get(pk=calendar.pk)
    row.election_day = datetime.date(2031, 6, 1)
    row.save()
    reloaded = ElectionCalendar.load(request_or_site=factory.get("/"))
    assert reloaded.election_day == datetime.date(2031, 6, 1)
