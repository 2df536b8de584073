"""The per-process front of the shared page cache and its generation by Redis
pub/sub (home/frontcache.py): hits without round trips, and still no stale page
after a publish in another process (issue 19).

The Redis tests use the real Redis on 127.0.0.1:6379 (CI starts it) with a key
prefix of their own; they fail, never skip, when it does not answer.
"""

import contextlib
import time
import uuid

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import reverse

from electoral.models import MunicipalityPage
from home import frontcache, pagecache
from tests.helpers.redis import require_redis
from tests.home.test_pagecache import form_data, signed_in_admin

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/12"
ALIAS = "pages-redis"


def entry(content=b"x" * 1000, expires_in=300):
    return (200, [("Content-Type", "text/html")], content, time.time() + expires_in)


# --- LocalPages: bounded, one generation, never past an entry's expiry -----------


def test_local_pages_keep_within_their_memory_cap_least_recently_used_out():
    pages = frontcache.LocalPages(max_bytes=10 * frontcache.entry_size(entry()))
    assert pages.get("g1", "first") is None  # the first read names the generation
    for number in range(10):
        assert pages.put("g1", f"page-{number}", entry(), time.time() + 300)
    assert pages.get("g1", "page-0") is not None  # used: now the most recent
    for number in range(10, 15):
        pages.put("g1", f"page-{number}", entry(), time.time() + 300)
    assert len(pages) == 10 and pages.size <= pages.max_bytes
    assert pages.get("g1", "page-0") is not None
    assert all(pages.get("g1", f"page-{n}") is None for n in range(1, 6))  # the oldest went
    assert all(pages.get("g1", f"page-{n}") is not None for n in range(10, 15))
    # A page larger than an eighth of the cap is served, never kept.
    assert not pages.put("g1", "huge", entry(b"x" * pages.max_bytes), time.time() + 300)
    assert pages.get("g1", "huge") is None


def test_local_pages_hold_one_generation_and_respect_each_expiry():
    pages = frontcache.LocalPages(max_bytes=1024 * 1024)
    pages.get("g1", "x")
    pages.put("g1", "kept", entry(), time.time() + 300)
    pages.put("g1", "short", entry(), time.time() + 1)
    assert pages.get("g1", "short", now=time.time() + 2) is None  # expired (the calendar cap)
    assert pages.get("g1", "kept") is not None
    assert pages.get("g2", "kept") is None  # a purge: everything kept is dropped
    assert len(pages) == 0 and pages.size == 0
    # A request that read the old generation cannot put its page among the new.
    assert not pages.put("g1", "late", entry(), time.time() + 300)
    assert pages.get("g2", "late") is None
    assert not pages.put("g2", "legacy", entry(), None)  # no expiry stored: not kept


# --- Redis ------------------------------------------------------------------------


@pytest.fixture
def redis_pages(settings):
    require_redis()
    prefix = f"test-pages-{uuid.uuid4().hex}"  # parallel test workers never share keys
    settings.CACHES = {
        **settings.CACHES,
        ALIAS: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        },
    }
    settings.PAGE_CACHE_ALIAS = ALIAS
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_PUBSUB = True
    saved = frontcache._watchers, frontcache._local
    frontcache._watchers, frontcache._local = {}, {}
    try:
        yield caches[ALIAS]
    finally:
        for state in PROCESSES.values():
            for found in state["watchers"].values():
                found.stop()
        PROCESSES.clear()
        for found in frontcache._watchers.values():
            found.stop()
        frontcache._watchers, frontcache._local = saved
        client = caches[ALIAS]._cache.get_client(None, write=True)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)


PROCESSES = {}


@contextlib.contextmanager
def process(name):
    """Run as another app process: its own front of pages and its own watcher."""
    state = PROCESSES.setdefault(name, {"watchers": {}, "local": {}})
    saved = frontcache._watchers, frontcache._local
    frontcache._watchers, frontcache._local = state["watchers"], state["local"]
    try:
        yield
    finally:
        frontcache._watchers, frontcache._local = saved


def the_watcher():
    cache = pagecache.page_cache()
    return pagecache._watcher(cache)


def forget_pages(cache):
    """Delete this test's pages from Redis (its generation stays)."""
    client = cache._cache.get_client(None, write=True)
    keys = [
        key
        for key in client.scan_iter(f"{cache.key_prefix}:*")
        if not key.endswith(b"pagecache:generation")
    ]
    if keys:
        client.delete(*keys)


def wait_until(condition, seconds=3.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def kept_generation(name):
    """The generation process `name` holds without asking Redis (None: it would ask)."""
    with process(name):
        return the_watcher().current()


def test_a_purge_in_one_process_reaches_the_others_by_pub_sub(redis_pages):
    with process("a"):
        first = pagecache.current_generation()
    with process("b"):
        assert pagecache.current_generation() == first  # read from Redis, thread started
    assert wait_until(lambda: kept_generation("a") == first)
    assert wait_until(lambda: kept_generation("b") == first)  # now kept: no round trip

    with process("a"):
        pagecache.purge()
        second = kept_generation("a")
    assert second != first  # the purging process sees its purge at once
    assert second == str(redis_pages.get(pagecache.GENERATION_KEY))
    assert wait_until(lambda: kept_generation("b") == second, seconds=0.5)


def test_a_page_published_in_one_process_is_what_the_next_visitor_of_another_gets(
    site, redis_pages
):
    page = MunicipalityPage.objects.live().get(name="Toluca")
    url = page.url
    visitor = Client(HTTP_ACCEPT_ENCODING="identity")
    with process("a"):
        assert visitor.get(url)["X-Cache"] == "miss"  # stored in Redis and in a's front
    with process("b"):
        assert visitor.get(url)["X-Cache"] == "hit"  # from Redis, now in b's front too
        assert wait_until(lambda: the_watcher().current() is not None)
        # Data changed behind the cache's back (no signal): b serves its own copy.
        MunicipalityPage.objects.filter(pk=page.pk).update(head_town="Cambio sin señal")
        forget_pages(redis_pages)  # not even Redis has it: only b's front
        hit = visitor.get(url)
        assert hit["X-Cache"] == "hit" and "Cambio sin señal" not in hit.content.decode()

    with process("a"):  # an editor publishes through a's worker
        admin = signed_in_admin()
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        data = form_data(admin.get(edit_url).content.decode())
        data["head_town"] = "Cabecera de prueba"
        data["action-publish"] = "action-publish"
        assert admin.post(edit_url, data).status_code == 302
        generation = pagecache.current_generation()

    assert wait_until(lambda: kept_generation("b") == generation, seconds=0.5)
    with process("b"):
        after = visitor.get(url)
    assert after["X-Cache"] == "miss"
    assert "<dd>Cabecera de prueba</dd>" in after.content.decode()


def test_hits_cost_no_redis_round_trip_once_the_generation_is_kept(redis_pages, home_site):
    middleware = pagecache.PageCacheMiddleware(lambda request: _public())
    assert middleware(RequestFactory().get("/una-pagina/"))["X-Cache"] == "miss"
    assert wait_until(lambda: the_watcher().current() is not None)
    forget_pages(redis_pages)  # were Redis asked, the page would be a miss
    for _ in range(3):
        assert middleware(RequestFactory().get("/una-pagina/"))["X-Cache"] == "hit"


def test_the_front_keeps_within_its_cap_and_redis_still_serves_the_rest(
    redis_pages, home_site, settings
):
    body = b"<p>hola</p>" * 500
    # Room for about 16 of the 20 pages (one may take up to an eighth of it).
    settings.PAGE_CACHE_LOCAL_MAX_BYTES = 16 * frontcache.entry_size(entry(body))
    calls = []

    def view(request):
        calls.append(request.path)
        return _public(body)

    middleware = pagecache.PageCacheMiddleware(view)
    paths = [f"/pagina-{n}/" for n in range(20)]
    for path in paths:
        assert middleware(RequestFactory().get(path))["X-Cache"] == "miss"
    front = frontcache.local_pages(ALIAS)
    assert 10 < len(front) < 20 and front.size <= settings.PAGE_CACHE_LOCAL_MAX_BYTES
    for path in paths:  # those the front let go come from Redis
        assert middleware(RequestFactory().get(path))["X-Cache"] == "hit"
    assert len(calls) == 20


def test_nothing_with_a_cookie_or_a_csrf_token_reaches_the_front_or_redis(redis_pages, home_site):
    def with_token(request):
        return _public(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">'.encode())

    def with_cookie(request):
        response = _public()
        response.set_cookie("x", "1")
        return response

    for view in (with_token, with_cookie):
        middleware = pagecache.PageCacheMiddleware(view)
        for _ in range(2):
            assert "X-Cache" not in middleware(RequestFactory().get("/formulario/"))
    front = frontcache.local_pages(ALIAS)
    assert len(front) == 0
    client = redis_pages._cache.get_client(None, write=True)
    own = [key.decode() for key in client.scan_iter(f"{redis_pages.key_prefix}:*")]
    assert all("pagecache:generation" in key for key in own), own


@pytest.fixture
def quick_recheck(monkeypatch):
    """The watcher's thread waits up to RECHECK_SECONDS for a message before it
    sees that it was stopped: a shorter period lets a test join it at once
    (the same loop, only its timeout shorter)."""
    monkeypatch.setattr(frontcache, "RECHECK_SECONDS", 0.05)


def test_without_news_from_redis_requests_read_the_generation_themselves(
    redis_pages, quick_recheck
):
    watch = the_watcher()
    assert watch.current() is None  # just started: not heard from Redis yet
    assert wait_until(lambda: watch.current() is not None)
    watch.stop()
    watch.thread.join(timeout=5)
    # The subscription went silent: once its lease ran out the kept value is not trusted.
    watch.heard_at = time.monotonic() - frontcache.LEASE_SECONDS - 0.1
    assert watch.current() is None
    redis_pages.set(pagecache.GENERATION_KEY, "leida-de-redis", None)
    assert pagecache.current_generation() == "leida-de-redis"


def test_a_watcher_that_cannot_reach_redis_never_answers():
    watch = frontcache.GenerationWatcher("redis://127.0.0.1:1/0", "canal", lambda: "nunca")
    try:
        time.sleep(0.3)
        assert watch.current() is None
    finally:
        watch.stop()


def test_a_forked_process_starts_its_own_watcher(redis_pages, quick_recheck):
    watch = the_watcher()
    assert wait_until(lambda: watch.current() is not None)
    parent_thread = watch.thread
    watch.stop()  # a forked child has no thread of its parent
    parent_thread.join(timeout=5)
    # What the parent knew, trusted there a moment ago (a value Redis never holds).
    watch.value, watch.heard_at = "heredado-del-padre", time.monotonic()
    watch.pid = -1  # as a child sees it after gunicorn forks
    # Nothing inherited is trusted: None, or what the child's own new thread has
    # already read from Redis (it may, before current() returns).
    assert watch.current() != "heredado-del-padre"
    assert watch.thread is not parent_thread and watch.thread.is_alive()
    assert wait_until(lambda: watch.current() is not None)
    assert watch.current() not in (None, "heredado-del-padre")  # read by the child itself


def _public(content=b"<p>hola</p>" * 30):
    response = HttpResponse(content)
    response["Cache-Control"] = "public, max-age=300"
    return response


def test_fragments_and_memos_are_kept_in_the_front_and_dropped_by_a_purge(
    redis_pages, home_site, settings
):
    from django.contrib.auth.models import AnonymousUser

    from home import fragments

    settings.FRAGMENT_CACHE_ENABLED = True
    request = RequestFactory().get("/una-pagina/")
    request.user = AnonymousUser()
    cache_key, html = fragments.get(request, "cuerpo", (1,))
    assert cache_key is not None and html is None
    fragments.put(request, cache_key, "<p>Cuerpo</p>")
    computed = []

    def compute():
        computed.append(1)
        return {"secciones": [1, 2]}

    assert fragments.memo("datos", (), compute, request) == {"secciones": [1, 2]}
    assert wait_until(lambda: the_watcher().current() is not None)
    forget_pages(redis_pages)  # were Redis asked, both would be gone
    assert fragments.get(request, "cuerpo", (1,)) == (cache_key, "<p>Cuerpo</p>")
    first = fragments.memo("datos", (), compute, request)
    first["secciones"].append(3)  # a caller changes what it got ...
    assert fragments.memo("datos", (), compute, request) == {"secciones": [1, 2]}  # ... a copy
    assert computed == [1]

    with process("otro"):
        pagecache.purge()
    generation = str(redis_pages.get(pagecache.GENERATION_KEY))
    assert wait_until(lambda: the_watcher().current() == generation, seconds=0.5)
    # The next request (a request reads the generation once, at its first fragment).
    request = RequestFactory().get("/una-pagina/")
    request.user = AnonymousUser()
    assert fragments.get(request, "cuerpo", (1,))[1] is None  # this process dropped them
    assert fragments.memo("datos", (), compute, request) == {"secciones": [1, 2]}
    assert computed == [1, 1]
