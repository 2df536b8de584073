"""Rendered parts of public pages kept across requests (issue 19, «uncached speed»).

The origin cache (home/pagecache.py) keeps whole responses; with it off, or on
its first miss, a page still renders from scratch: the glossary linker over
every rich text, the participation controls, dozens of template lookups. The
expensive part of a page's body is the same for every anonymous visitor of one
URL until something the site shows changes, so it is kept here, rendered once:

- **Key**: the page-cache generation (so every purge of the origin cache drops
  these too: publish, snippets, settings, imports, results), the fragment's
  name and arguments, and the request's host and full path with its query
  string (the participation controls read `?bloque=…&participa=…`).
- **Life**: `PAGE_CACHE_SECONDS`, capped by the next date of the election
  calendar (`pagecache.lifetime`), as the whole pages.
- **Who**: anonymous visitors only (the same test as the origin cache:
  no session or message cookie, no Authorization); signed-in editors always
  get a fresh rendering. Fragments never hold per-visitor state: the pages
  carry none (participation fetches it as JSON), no CSRF token and no nonce.

`FRAGMENT_CACHE_ENABLED` (default on, off in the test settings except the
tests of this module) switches it; it uses the `pages` cache alias.
"""

import hashlib
import logging

from django.conf import settings

from . import pagecache

log = logging.getLogger(__name__)


def enabled():
    return getattr(settings, "FRAGMENT_CACHE_ENABLED", True)


def usable(request):
    return (
        enabled()
        and request is not None
        and request.method in ("GET", "HEAD")
        and not getattr(request, "is_dummy", False)  # Wagtail's preview
        # as the origin cache: long query strings are answered, never stored
        and len(request.META.get("QUERY_STRING", "")) <= pagecache.MAX_QUERY_LENGTH
        and pagecache.visitor_is_anonymous(request)
        and not getattr(getattr(request, "user", None), "is_authenticated", False)
    )


def key(request, name, parts):
    try:
        identity = f"{request.get_host()}{request.get_full_path()}"
    except Exception:  # a malformed host: no key, render as usual  # noqa: BLE001
        return None
    raw = "|".join([name, identity, *(str(p) for p in parts)])
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"fragment:{pagecache.current_generation()}:{digest}"


def get(request, name, parts=()):
    """(key, cached HTML or None); key None when the fragment cannot be cached."""
    if not usable(request):
        return None, None
    try:
        cache_key = key(request, name, parts)
        if cache_key is None:
            return None, None
        return cache_key, pagecache.page_cache().get(cache_key)
    except Exception:  # the cache or the stamp file is unusable: render  # noqa: BLE001
        log.warning("fragment cache: read failed", exc_info=True)
        return None, None


def put(request, cache_key, html):
    try:
        pagecache.page_cache().set(cache_key, html, pagecache.lifetime(request))
    except Exception:  # noqa: BLE001
        log.warning("fragment cache: write failed", exc_info=True)


_MISSING = object()


def memo(name, parts, compute, request):
    """compute(), kept for the current generation: data read from the database
    that changes only when the site's content does (the same purges as pages).

    Not for anything that depends on the time or the visitor. None is never
    kept (a URL or section that does not exist costs its queries, and cannot
    fill the cache). Only for an
    anonymous visitor's GET (`usable(request)`: editors always read the
    database); compute() every time when FRAGMENT_CACHE_ENABLED is off.
    """
    if not usable(request):
        return compute()
    try:
        raw = "|".join([name, *(str(p) for p in parts)])
        cache_key = (
            f"memo:{pagecache.current_generation()}:{hashlib.sha256(raw.encode()).hexdigest()}"
        )
        cache = pagecache.page_cache()
        value = cache.get(cache_key, _MISSING)
    except Exception:  # noqa: BLE001
        log.warning("fragment cache: memo read failed", exc_info=True)
        return compute()
    if value is not _MISSING:
        return value
    value = compute()
    if value is None:
        return None
    try:
        cache.set(cache_key, value, pagecache.max_seconds())
    except Exception:  # noqa: BLE001
        log.warning("fragment cache: memo write failed", exc_info=True)
    return value
