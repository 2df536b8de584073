"""Find a public page by its URL in two queries instead of two per level.

Wagtail's `Page.route` walks the tree from the site's root: for every segment
of the URL, one query for the child with that slug and one for its specific
class. `/partidos/pvem/candidaturas/<perfil>/` costs nine queries before the
page renders (a third of an uncached profile's time on the benchmark). Every
page of this site routes the default way (no page type overrides `route`, no
RoutablePageMixin), so the page of a URL is the live page whose `url_path` is
the site root's plus the URL: one query for its id and class, one for the
page. The result goes where Wagtail's own view looks first
(`request._wagtail_route_for_request`, see `Page.route_for_request`), so
Wagtail's serve view, its hooks and view restrictions run unchanged.

Anything else (no such live page, several sites sharing a path, a page type
that routes itself) falls back to Wagtail's walk, which answers 404 or routes
as usual.
"""

import contextlib
import functools

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import DatabaseError
from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.models import Page, Site, get_page_models
from wagtail.url_routing import RouteResult

from . import fragments
from .compiled import CompiledQuery


@functools.cache
def default_routing_only():
    """True when no page model overrides Page.route (checked once per process)."""
    return all(model.route is Page.route for model in get_page_models())


def find_route(request, path):
    site = Site.find_for_request(request)  # request._wagtail_site, set by the middleware
    if site is None:
        return None
    root_path = next(
        (root.root_path for root in Site.get_site_root_paths() if root.site_id == site.pk), None
    )
    if root_path is None:
        return None
    url_path = root_path + path
    # Where the URL leads (the live page's id and type) and the view
    # restrictions on the way, kept for the page-cache generation
    # (home/fragments.py, `shell`: with the fragments off too): any publish,
    # unpublish, move or save of a page, any restriction saved or deleted
    # purges it. The page itself is read at every request (one query), or kept
    # with the fragments.
    ref = fragments.memo(
        "route-ref", (site.pk, url_path), lambda: _live_ref(url_path), request, shell=True
    )
    if ref is None:
        return None
    page = fragments.memo("route", (site.pk, url_path), lambda: _page_of(ref), request)
    if page is None:
        return None
    # Wagtail's on_serve_page hook asks for the view restrictions of the page
    # and its ancestors (two queries; one here, none once kept).
    restrictions = fragments.memo(
        "restrictions", (page.pk,), lambda: view_restrictions(page), request, shell=True
    )
    page.get_view_restrictions = lambda: restrictions
    return RouteResult(page)


def view_restrictions(page):
    """`page.get_view_restrictions()` as a list, in one query in the usual case.

    Wagtail reads the ancestors (to resolve aliases to their source pages),
    then the restrictions of those pages. The ancestors' paths are prefixes of
    the page's own, so one query tells whether any page on the way is an alias
    or has a restriction; only then is Wagtail's own method asked (two queries).
    """
    steps = range(page.steplen, len(page.path) + 1, page.steplen)
    rows = Page.objects.filter(path__in=[page.path[:end] for end in steps]).values_list(
        "alias_of_id", "view_restrictions__id"
    )
    if all(alias is None and restriction is None for alias, restriction in rows):
        return []
    return list(Page.get_view_restrictions(page))


def _live_ref(url_path):
    """(id, content type id) of the live page at `url_path`, or None."""
    row = (
        Page.objects.filter(url_path=url_path, live=True)
        .values_list("pk", "content_type_id")
        .first()
    )
    return tuple(row) if row is not None else None


def _page_of(ref):
    model = ContentType.objects.get_for_id(ref[1]).model_class()
    if model is None:
        return None
    return fetch_live_page(model, ref[0])


# --- The page of a route, its query compiled once ------------------------------

_page_queries = {}


def _page_queryset(model, pk, live_only=True):
    queryset = model.objects.filter(pk=pk)
    if live_only:
        # A page unpublished since its reference was kept is 404 (its
        # unpublishing purges the reference too).
        queryset = queryset.filter(live=True)
    return queryset.order_by()[:1]


def fetch_live_page(model, pk):
    """The live page of this model and id (or None); see fetch_page."""
    return fetch_page(model, pk, live_only=True)


def fetch_page(model, pk, live_only=False):
    """`model.objects.filter(pk=pk)` (and live=True)'s page or None, its SQL
    compiled once per model (home/compiled.py): the ORM compiles this
    multi-table query at every call, 0.6 ms of its 0.65 (bench/cold_render.py),
    and every page pays it."""
    query = _page_queries.get((model, live_only))
    if query is None:
        query = _page_queries[(model, live_only)] = CompiledQuery(
            model, lambda pk: _page_queryset(model, pk, live_only)
        )
    return query.instance(pk=pk)


class PageRouteMiddleware:
    """Sets the request's Wagtail site from the cache, and the route of a GET/HEAD
    page request in two queries (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Pages ask for it (settings, menus); POSTs (reactions, ideas) never do.
        if request.method in ("GET", "HEAD") and not hasattr(request, "_wagtail_site"):
            # The database down: each view answers it its own way.
            with contextlib.suppress(DatabaseError):
                request._wagtail_site = site_for(request)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            view_func is not wagtail_views.serve
            or request.method not in ("GET", "HEAD")
            or hasattr(request, "_wagtail_route_for_request")
            or not default_routing_only()
        ):
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        try:
            route = find_route(request, path)
        except DatabaseError:  # Wagtail's own routing meets it and answers as before
            return None
        if route is not None:
            request._wagtail_route_for_request = route
        return None


# --- The site of a request, without a query --------------------------------------

SITE_CACHE_KEY = "routing:sites"


def forget_sites(**kwargs):
    """Receiver of Site saves and deletes (home/signals.py)."""
    cache.delete(SITE_CACHE_KEY)


def site_for(request):
    """Wagtail's Site.find_for_request, remembered per host and port in the cache.

    Wagtail asks the database at every request (a query with a CASE over every
    site); the sites change only when an administrator edits them.
    """
    try:
        key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    except Exception:  # a malformed Host: let Wagtail decide  # noqa: BLE001
        return Site.find_for_request(request)
    # An anonymous GET: the same Site object for the generation (any save of a
    # Site purges), in this process, not a copy unpickled at each request.
    return fragments.process_memo("site", key, lambda: _site_of(request, key), request, shell=True)


def _site_of(request, key):
    known = cache.get(SITE_CACHE_KEY) or {}
    if key in known:
        return known[key]
    site = Site.find_for_request(request)
    known[key] = site
    if len(known) <= 64:  # a bounded map: Host headers come from the visitor
        cache.set(SITE_CACHE_KEY, known, 3600)
    return site
