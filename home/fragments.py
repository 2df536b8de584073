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

With a shared cache (Redis) each process keeps what it read or rendered in a
front of its own (home/frontcache.py's LocalPages, under the alias
`<alias>:fragments`, capped by `PAGE_CACHE_LOCAL_MAX_BYTES` as the pages'
front): one generation only, so a purge empties it as soon as the process
sees the new generation (pub/sub), and a fragment costs no round trip.
"""

import hashlib
import logging
import pickle
import time

from django.conf import settings

from . import frontcache, pagecache

log = logging.getLogger(__name__)


def enabled():
    return getattr(settings, "FRAGMENT_CACHE_ENABLED", True)


def shell_enabled():
    """The site-wide data of every page (routes, the calendar): SHELL_CACHE_ENABLED."""
    return getattr(settings, "SHELL_CACHE_ENABLED", True)


def usable(request, shell=False):
    """Whether this request may read and fill kept data (`shell`: the site-wide
    data). Asked by every fragment and memo of a page: answered once per request
    (the visitor's part: nothing it depends on changes during a GET)."""
    if request is None or not (shell_enabled() if shell else enabled()):
        return False
    answer = request.__dict__.get("_decide_fragments_usable")
    if answer is None:
        answer = request.__dict__["_decide_fragments_usable"] = _anonymous_get(request)
    return answer


def _anonymous_get(request):
    return (
        request.method in ("GET", "HEAD")
        and not getattr(request, "is_dummy", False)  # Wagtail's preview
        # as the origin cache: long query strings are answered, never stored
        and len(request.META.get("QUERY_STRING", "")) <= pagecache.MAX_QUERY_LENGTH
        and pagecache.visitor_is_anonymous(request)
        and not getattr(getattr(request, "user", None), "is_authenticated", False)
    )


def _state(request):
    """(the generation, the cache, this process's front of it), read once per
    request: a page asks for several fragments and memos, and each read of the
    generation is a stat of the stamp file (or the watcher's read) and each
    cache lookup a thread-local one. A purge during the request (a GET does not
    make one) would leave what it keeps under the old generation: never read."""
    state = request.__dict__.get("_decide_fragments_state")
    if state is None:
        cache = pagecache.page_cache()
        state = request.__dict__["_decide_fragments_state"] = (
            pagecache.current_generation(),
            cache,
            front(cache),
        )
    return state


def key(request, name, parts, generation=None):
    try:
        identity = f"{request.get_host()}{request.get_full_path()}"
    except Exception:  # a malformed host: no key, render as usual  # noqa: BLE001
        return None
    raw = "|".join([name, identity, *(str(p) for p in parts)])
    digest = hashlib.sha256(raw.encode()).hexdigest()
    if generation is None:
        generation = pagecache.current_generation()
    return f"fragment:{generation}:{digest}"


def front(cache):
    """This process's front of a shared cache for fragments (None: local memory, or off)."""
    if pagecache._is_process_local(cache):
        return None
    return frontcache.local_pages(f"{pagecache._alias()}:fragments")


def _generation_of(cache_key):
    return cache_key.split(":", 2)[1]


def _keep_in_front(local, cache_key, value, size, seconds):
    # LocalPages holds entries shaped as stored responses; a fragment is kept
    # as the content of one, with its size given.
    local.put(_generation_of(cache_key), cache_key, (None, (), value), time.time() + seconds, size)


def get(request, name, parts=()):
    """(key, cached HTML or None); key None when the fragment cannot be cached."""
    if not usable(request):
        return None, None
    try:
        generation, cache, local = _state(request)
        cache_key = key(request, name, parts, generation)
        if cache_key is None:
            return None, None
        if local is not None:
            kept = local.get(generation, cache_key)
            if kept is not None:
                return cache_key, kept[2]
        html = cache.get(cache_key)
        if html is not None and local is not None:
            _keep_in_front(local, cache_key, html, len(html), pagecache.lifetime(request))
        return cache_key, html
    except Exception:  # the cache or the stamp file is unusable: render  # noqa: BLE001
        log.warning("fragment cache: read failed", exc_info=True)
        return None, None


def put(request, cache_key, html):
    try:
        _generation, cache, local = _state(request)
        seconds = pagecache.lifetime(request)
        cache.set(cache_key, html, seconds)
        if local is not None:
            _keep_in_front(local, cache_key, html, len(html), seconds)
    except Exception:  # noqa: BLE001
        log.warning("fragment cache: write failed", exc_info=True)


_MISSING = object()


def memo(name, parts, compute, request, shell=False):
    """compute(), kept for the current generation: data read from the database
    that changes only when the site's content does (the same purges as pages).

    Not for anything that depends on the time or the visitor. None is never
    kept (a URL or section that does not exist costs its queries, and cannot
    fill the cache). Only for an
    anonymous visitor's GET (`usable(request)`: editors always read the
    database); compute() every time when FRAGMENT_CACHE_ENABLED is off.

    `shell=True`: data every page reads whatever its content (where a URL
    leads, the election calendar), switched by SHELL_CACHE_ENABLED instead, so
    that the fixed cost of a request stays low with the fragments off too.
    """
    if not usable(request, shell):
        return compute()
    try:
        raw = "|".join([name, *(str(p) for p in parts)])
        generation, cache, local = _state(request)
        cache_key = f"memo:{generation}:{hashlib.sha256(raw.encode()).hexdigest()}"
        if local is not None:
            kept = local.get(generation, cache_key)
            if kept is not None:
                return pickle.loads(kept[2])  # a copy, as every cache read gives
        value = cache.get(cache_key, _MISSING)
    except Exception:  # noqa: BLE001
        log.warning("fragment cache: memo read failed", exc_info=True)
        return compute()
    if value is _MISSING:
        value = compute()
        if value is None:
            return None
        try:
            cache.set(cache_key, value, pagecache.max_seconds())
        except Exception:  # noqa: BLE001
            log.warning("fragment cache: memo write failed", exc_info=True)
    if local is not None:
        # Kept pickled, as the shared cache keeps it: each read gets its own
        # copy (a caller may change what it got), and the size is known.
        raw = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        _keep_in_front(local, cache_key, raw, len(raw), pagecache.max_seconds())
    return value


# generation -> {(name, *parts): value}: process_memo()'s values, only the
# current generation's (a purge leaves the old ones to be dropped).
_in_process = {}


def process_memo(name, parts, compute, request, shell=False):
    """memo(), and the value then kept in this process for the generation: every
    later caller gets the same object, with no cache read and no copy.

    Only for small site-wide values that no caller changes (the Site of a host,
    the calendar's row): a copy per request (unpickling a model instance)
    costs more than the rest of reading it (issue 19)."""
    if not usable(request, shell):
        return compute()
    try:
        generation = _state(request)[0]
    except Exception:  # noqa: BLE001  the stamp file or the cache is unusable
        return memo(name, parts, compute, request, shell)
    kept = _in_process.get(generation)
    if kept is None:
        _in_process.clear()
        kept = _in_process[generation] = {}
    key = (name, *parts)
    value = kept.get(key, _MISSING)
    if value is _MISSING:
        value = memo(name, parts, compute, request, shell)
        if value is None:
            return None
        if len(kept) < 256:  # bounded: parts may come from the visitor (a Host)
            kept[key] = value
    return value


def forget_in_process():
    """Drop process_memo()'s values (the test suite, with each cache.clear():
    a test's rolled-back writes may have filled them without a purge's commit)."""
    _in_process.clear()
