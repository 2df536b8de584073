"""The origin cache: public pages for anonymous visitors, kept whole and purged on change.

Why our own and not wagtail-cache: its latest release (3.0.0) requires
wagtail<8.0, and this site runs Wagtail 8. This module is the same idea
(Django's cache, keyed by URL) in about two hundred lines, with the rules of
this site:

- **Who is served from the cache**: GET/HEAD without a session or messages
  cookie (nobody signed in, no flash message waiting), outside
  PAGE_CACHE_EXCLUDE_PREFIXES (the admin, /participa/, the API, files). The
  key is the generation, scheme, host, full path with its query string and the
  encoding the response is sent in (identity, gzip or br; home.compression).
- **What is stored**: a 200, not streamed, marked `Cache-Control: public`
  (home.middleware.PublicCacheHeadersMiddleware), without Set-Cookie, to a
  visitor who is not signed in, whose rendering used no CSRF token (and whose
  body carries none). Per-visitor state never reaches page HTML: participation
  fetches it from /participa/ as JSON, and page views are counted by a beacon
  to /participa/visita/, so cached pages are still counted.
- **Purge**: one site-wide generation, part of every key. It changes after
  the transaction that changed what pages show commits: a page published,
  unpublished, moved, saved or deleted; a snippet, setting (the election
  calendar), image or document saved or deleted; any model of the `home` and
  `electoral` apps saved or deleted; imports (`purge()` where rows are
  written in bulk). Reactions, ideas and the statistics' counters purge
  nothing: `/estadisticas/` shows figures at most PAGE_CACHE_SECONDS old.
  Old entries are never read
  again and expire. Simple and correct beats clever: a change to one glossary
  entry empties the cache of the whole site, which refills at the next visit
  of each page.
- **Time**: the calendar changes what pages say at its dates without anyone
  saving anything, so no entry outlives the next date of the calendar.

The generation lives in the cache itself when the cache is shared between
processes (Redis), and in a small file otherwise (local memory is per
process: gunicorn's workers and management commands must all see a purge).
With Redis each process also keeps the generation (refreshed by pub/sub) and
the pages it served in front of the shared cache, so most hits cost no round
trip (home/frontcache.py).
"""

import functools
import hashlib
import logging
import os
import re
import secrets
import tempfile
import time as clock
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import DisallowedHost
from django.db import models, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import set_response_etag
from django.utils.csp import CSP, build_policy
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Site

from . import compression, frontcache
from .election_calendar import ElectionCalendar

log = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
# Commas between the values of Cache-Control and Vary.
cc_delim_re = re.compile(r"\s*,\s*")
DEFAULT_EXCLUDE_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/participa/",
    "/api/",
    "/static/",
    "/media/",
    "/documents/",
)
# Cookies that make a page per-visitor: a session (someone may be signed in)
# and Django's message cookie (a notice waits to be shown).
BYPASS_COOKIES = ("messages",)
# Query strings longer than this are answered, never stored (no cache flooding).
MAX_QUERY_LENGTH = 256
# Headers added per request by middleware outside this one, never stored.
UNSTORED_HEADERS = {"x-cache", "date"}


def enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def page_cache():
    return caches[_alias()]


def max_seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 600))


# --- The generation -------------------------------------------------------


def _is_process_local(cache):
    return isinstance(cache, LocMemCache)


def stamp_path():
    """The file whose identity is the generation when the cache is per process."""
    configured = getattr(settings, "PAGE_CACHE_STAMP_FILE", "")
    if configured:
        return str(configured)
    return _default_stamp_path(
        str(settings.BASE_DIR), str(settings.DATABASES["default"].get("NAME", ""))
    )


@functools.lru_cache(maxsize=16)
def _default_stamp_path(base_dir, database):
    # Asked at every request (a cache hit too): hashed once per database.
    digest = hashlib.sha256(f"{base_dir}|{database}".encode()).hexdigest()[:16]
    return os.path.join(tempfile.gettempdir(), f"decide-pagecache-{digest}")


def current_generation():
    """A string that changes at every purge, the same in every process."""
    cache = page_cache()
    if _is_process_local(cache):
        path = stamp_path()
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            _write_stamp(path)
            stat = os.stat(path)
        return f"{stat.st_ino}.{stat.st_mtime_ns}"
    watch = _watcher(cache)
    if watch is not None and (value := watch.current()) is not None:
        return value  # kept by pub/sub: no round trip (home/frontcache.py)
    return _read_shared_generation(cache)


def _read_shared_generation(cache):
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        value = cache.get(GENERATION_KEY)
    return str(value)


def _alias():
    return getattr(settings, "PAGE_CACHE_ALIAS", "default")


def _watcher(cache):
    """The pub/sub watcher of the shared cache's generation (None: not Redis, or off)."""
    alias = _alias()
    return frontcache.watcher(
        alias,
        cache.make_key(GENERATION_KEY),
        # In the watcher's thread: caches[alias] is that thread's own instance.
        lambda: _read_shared_generation(caches[alias]),
    )


def _write_stamp(path):
    # A new file each time (a new inode), atomically replacing the old one.
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path) or ".", prefix=".pagecache-")
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(8))
    os.replace(tmp, path)


def bump_generation():
    cache = page_cache()
    if _is_process_local(cache):
        _write_stamp(stamp_path())
        return
    value = secrets.token_hex(8)
    cache.set(GENERATION_KEY, value, None)
    watch = _watcher(cache)
    if watch is None:
        return
    watch.set_local(value)  # this process sees its own purge at once
    try:
        frontcache.publish(_alias(), cache.make_key(GENERATION_KEY), value)
    except Exception:  # the others re-read it within RECHECK_SECONDS  # noqa: BLE001
        log.warning("page cache: publishing the purge failed", exc_info=True)


def purge(**kwargs):
    """Forget every cached page: now, and again when the current transaction commits.

    Usable as a signal receiver. The purge at once drops what this process and
    the others hold; the one at the commit drops what a visitor may have stored
    meanwhile from the data before the commit (one per transaction however many
    rows it changed), and purges the CDN's copies of PAGE_CACHE_CDN_PATHS.
    """
    # The fragments of pages and the site-wide data (home/fragments.py) share
    # the generation.
    if not (
        enabled()
        or getattr(settings, "FRAGMENT_CACHE_ENABLED", True)
        or getattr(settings, "SHELL_CACHE_ENABLED", True)
    ):
        return
    _bump_quietly()
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _purge_cdn()
    elif not any(callback[1] is _after_commit for callback in connection.run_on_commit):
        transaction.on_commit(_after_commit)


def _after_commit():
    _bump_quietly()
    _purge_cdn()


def _bump_quietly():
    try:
        bump_generation()
    except Exception:  # a cache outage must not break an editor's save  # noqa: BLE001
        log.warning("page cache: the purge failed", exc_info=True)


def cdn_urls():
    """The listing pages of every site, as the CDN knows them."""
    paths = getattr(settings, "PAGE_CACHE_CDN_PATHS", [])
    return [site.root_url.rstrip("/") + path for site in Site.objects.all() for path in paths]


def _purge_cdn():
    """Publishing a page purges its own URL at the CDN (Wagtail's frontend_cache);
    the pages that list it, and every page after a calendar or snippet change,
    are these. Others age out after CDN_CACHE_SECONDS."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    try:
        purge_urls_from_cache(cdn_urls())
    except Exception:  # the CDN's API is down: the pages age out  # noqa: BLE001
        log.warning("page cache: the CDN purge failed", exc_info=True)


# --- Time: the calendar's next date ------------------------------------------


def seconds_to_next_calendar_date(calendar, now=None):
    """Seconds until the next date of the election calendar (None: none ahead)."""
    now = now or timezone.now()
    fields = _date_fields(type(calendar))
    values = tuple(getattr(calendar, attname) for attname, _is_day in fields)
    moments = _calendar_moments(fields, values, timezone.get_current_timezone())
    ahead = next((moment for moment in moments if moment > now), None)
    if ahead is None:
        return None
    return max(1, int((ahead - now).total_seconds()) + 1)


@functools.cache
def _date_fields(model):
    """(attname, is a day) of the model's date and datetime fields."""
    return tuple(
        (field.attname, not isinstance(field, models.DateTimeField))
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateField)  # DateTimeField is a DateField too
    )


@functools.lru_cache(maxsize=64)
def _calendar_moments(fields, values, zone):
    """The calendar's moments in order: each datetime, and the start and end
    of each day (as aware datetimes in `zone`, the current time zone). Kept per
    process by the calendar's values: every page asks for them (issue 19)."""
    moments = []
    for (_attname, is_day), value in zip(fields, values, strict=True):
        if not value:
            continue
        if not is_day:
            moments.append(value)
            continue
        for day in (value, value + timedelta(days=1)):
            moments.append(timezone.make_aware(datetime.combine(day, time.min), zone))
    return tuple(sorted(moments))


def cap_by_calendar(request, seconds):
    """`seconds`, or fewer if a date of the election calendar comes sooner."""
    try:
        calendar = ElectionCalendar.load(request_or_site=request)
    except Exception:  # no calendar row yet (a fresh database)  # noqa: BLE001
        return seconds
    until = seconds_to_next_calendar_date(calendar)
    return min(seconds, until) if until else seconds


def lifetime(request):
    """How long a page may be kept: PAGE_CACHE_SECONDS, or less before a calendar date."""
    return cap_by_calendar(request, max_seconds())


# --- The middleware ----------------------------------------------------------


def _excluded(path):
    prefixes = getattr(settings, "PAGE_CACHE_EXCLUDE_PREFIXES", DEFAULT_EXCLUDE_PREFIXES)
    return path.startswith(tuple(prefixes))


def visitor_is_anonymous(request):
    """True when nothing in the request can make the page per-visitor."""
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or any(name in cookies for name in BYPASS_COOKIES):
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def cacheable_request(request):
    return (
        enabled()
        and request.method in ("GET", "HEAD")
        and not getattr(request, "is_dummy", False)  # Wagtail's preview
        and not _excluded(request.path_info)
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH
        and visitor_is_anonymous(request)
    )


def cache_key(request, generation, encoding):
    host = request.get_host()
    scheme = "https" if request.is_secure() else "http"
    identity = f"{scheme}://{host}{request.get_full_path()}"
    digest = hashlib.sha256(identity.encode()).hexdigest()
    return f"pagecache:{generation}:{encoding}:{digest}"


def _cache_control(response):
    return {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
        if part
    }


def is_public(response):
    directives = _cache_control(response)
    return "public" in directives and not directives & {"private", "no-store", "no-cache"}


def storable(request, response):
    if (
        request.method != "GET"
        or response.status_code != 200
        or response.streaming
        or response.cookies
        or response.has_header("Set-Cookie")
        or not is_public(response)
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    ):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return b"csrfmiddlewaretoken" not in response.content


def strip_anonymous_vary(request, response):
    """A public page for a visitor without cookies varies on neither Cookie nor language.

    SessionMiddleware adds `Vary: Cookie` when a template looks at the user,
    LocaleMiddleware `Vary: Accept-Language` always; neither changes what an
    anonymous visitor of this Spanish-only site gets, and both would split a
    CDN's cache into a copy per cookie header and per browser language.
    """
    if not response.has_header("Vary") or not is_public(response):
        return
    drop = set()
    if visitor_is_anonymous(request):
        drop.add("cookie")
    if len(settings.LANGUAGES) == 1:
        drop.add("accept-language")
    kept = [v for v in cc_delim_re.split(response["Vary"]) if v and v.lower() not in drop]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def freeze(response, expires_at=None):
    """What is stored: status, headers, body and when it expires (a Unix time,
    for the per-process front of a shared cache, home/frontcache.py)."""
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in UNSTORED_HEADERS
    ]
    return (response.status_code, headers, response.content, expires_at)


def thaw(entry):
    """The stored response, its headers copied as they were stored (they were
    checked and encoded when the page was first answered: a hit does not
    convert them again, one of the costs of the hit path)."""
    status, headers, content = entry[:3]
    response = HttpResponse(content, status=status)
    response.headers._store = {name.lower(): (name, value) for name, value in headers}
    _add_hit_policy(response)
    return response


_hit_policies = {}


def _add_hit_policy(response):
    """The Content-Security-Policy Django's CSP middleware would add (outside this
    one) to a page whose nonce nobody used, built once per configuration instead
    of at every hit; that middleware keeps a header already set."""
    enforce, report_only = settings.SECURE_CSP, settings.SECURE_CSP_REPORT_ONLY
    key = (id(enforce), id(report_only))
    headers = _hit_policies.get(key)
    if headers is None:
        headers = [
            (str(header), build_policy(config, None))
            for header, config in (
                (CSP.HEADER_ENFORCE, enforce),
                (CSP.HEADER_REPORT_ONLY, report_only),
            )
            if config
        ]
        _hit_policies.clear()
        _hit_policies[key] = headers
    for header, value in headers:
        if header not in response:
            response.headers[header] = value


class PageCacheMiddleware:
    """Serve anonymous GETs of public pages from the origin cache (see the module's docstring).

    In MIDDLEWARE after WhiteNoise and ConditionalGetMiddleware (so a cached
    page still answers 304 to a matching If-None-Match) and before
    home.compression, the session, locale and CSRF middleware: a hit costs the
    generation and one cache read (with Redis, usually neither leaves the
    process) and none of the work of the rest of the chain.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            response = self.get_response(request)
            strip_anonymous_vary(request, response)
            return response
        try:
            generation = current_generation()
            key = cache_key(request, generation, compression.negotiate(request))
        except DisallowedHost:
            return self.get_response(request)
        except Exception:  # the cache or the stamp file is unusable: serve uncached  # noqa: BLE001
            log.warning("page cache: no generation", exc_info=True)
            return self.get_response(request)
        cache = page_cache()
        # A shared cache (Redis) has a front in each process: most hits cost
        # no round trip at all (home/frontcache.py).
        front = None if _is_process_local(cache) else frontcache.local_pages(_alias())
        entry = front.get(generation, key) if front is not None else None
        if entry is None:
            try:
                entry = cache.get(key)
            except Exception:  # the cache is down: serve uncached  # noqa: BLE001
                log.warning("page cache: read failed", exc_info=True)
                entry, cache = None, None
            if entry is not None and front is not None:
                front.put(generation, key, entry, entry[3] if len(entry) > 3 else None)
        if entry is not None:
            response = thaw(entry)
            response["X-Cache"] = "hit"
            return response
        if cache is not None:
            # Compressed once for every visitor until the next purge: the
            # smaller bytes are worth a slower quality (home.compression).
            setattr(request, compression.KEPT_ATTRIBUTE, True)
        response = self.get_response(request)
        strip_anonymous_vary(request, response)
        if cache is not None and storable(request, response):
            if not response.has_header("ETag"):
                set_response_etag(response)  # once, not at every hit (ConditionalGetMiddleware)
            seconds = lifetime(request)
            entry = freeze(response, clock.time() + seconds)
            try:
                cache.set(key, entry, seconds)
            except Exception:  # noqa: BLE001
                log.warning("page cache: write failed", exc_info=True)
            else:
                if front is not None:
                    front.put(generation, key, entry, entry[3])
            response["X-Cache"] = "miss"
        return response
