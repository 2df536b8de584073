"""The main navigation: one entry per public section (DESIGN.md section 7).

Each app registers its own sections (`register_section`, from its
AppConfig.ready()); home names only its own. A section appears only once it
exists: a Django route (e.g. /mi-boleta/) or a live page at that address.
Sections still to come (open data) are registered here and show
up in the menus, the footer and the home page by themselves the day their
page is published, and never as a dead link before then.
"""

import functools

from django.core.cache import cache
from django.urls import Resolver404, get_urlconf, resolve
from wagtail.models import Page

from .election_calendar import ElectionCalendar

# Filled by `register_section()`: each app names its own sections (home never
# names another app's pages). Home's own sections and those still to come
# (no app owns them yet) are registered below; the others from the owning
# app's AppConfig.ready() (electoral/sections.py).
MAIN_NAVIGATION = []  # [(url, label)] in menu order
HOME_ENTRY_POINTS = []  # [{"url", "label", "text"}] on the home page, same order
NOT_FOUND_LINKS = []  # [(url, label)] suggested by the 404 page, same order
# Page types (app_label.ModelName) that may be created right under the home page.
HOME_SUBPAGE_TYPES = ["home.StandardPage", "home.RepresentationIndexPage"]
# Sections that open on a calendar date (home.calendar features): listed from then on.
CALENDAR_GATES = {}
_ORDER = {}

FOOTER_NAVIGATION = [
    ("/aviso-de-privacidad/", "Aviso de privacidad"),
    ("/datos/", "Datos abiertos"),
    ("/admin/", "Acceso para personal del IEEM y partidos"),
]


def register_section(
    url,
    label,
    *,
    order,
    entry_point=None,
    not_found=None,
    calendar_gate=None,
    page_type=None,
    footer=False,
):
    """Add a public section to the menus: `order` places it in the main menu (and
    among the home page's entry points and the 404 page's suggestions);
    `entry_point` is its text on the home page, `not_found` its wording on the 404
    page, `calendar_gate` the calendar feature it waits for, `page_type` the index
    page type created under the home page, `footer` lists it in the footer too (before
    the privacy notice). Registering a URL again changes nothing."""
    if url in _ORDER:
        return
    _ORDER[url] = order

    def insert(entries, entry, key):
        entries.append(entry)
        entries.sort(key=lambda e: _ORDER[key(e)])

    insert(MAIN_NAVIGATION, (url, label), lambda e: e[0])
    if entry_point:
        insert(
            HOME_ENTRY_POINTS, {"url": url, "label": label, "text": entry_point}, lambda e: e["url"]
        )
    if not_found:
        insert(NOT_FOUND_LINKS, (url, not_found), lambda e: e[0])
    if calendar_gate:
        CALENDAR_GATES[url] = calendar_gate
    if footer:
        FOOTER_NAVIGATION.insert(0, (url, label))
    if page_type and page_type not in HOME_SUBPAGE_TYPES:
        HOME_SUBPAGE_TYPES.append(page_type)


register_section(
    "/organos/",
    "Qué se elige",
    order=30,
    entry_point="Qué hacen la Legislatura y los ayuntamientos, y cada cargo de tu boleta.",
)
# Open data (/datos/, a route of opendata/, which home may not import). The
# statistics (/estadisticas/, order 80) are registered by participation.
register_section("/datos/", "Datos abiertos", order=90)

_CACHE_KEY = "home:navigation:live-sections:v1"


# Wagtail's tree: the root (depth 1), the site's home page (2), its sections (3).
SECTION_DEPTH = 3


def _live_top_level_paths():
    """Public paths ("/partidos/") of the live sections right under the home page."""
    paths = cache.get(_CACHE_KEY)
    if paths is None:
        url_paths = (
            Page.objects.live().filter(depth=SECTION_DEPTH).values_list("url_path", flat=True)
        )
        # "/home/partidos/" is served as "/partidos/": drop the home page's segment.
        paths = {"/" + p.strip("/").split("/", 1)[-1] + "/" for p in url_paths}
        cache.set(_CACHE_KEY, paths, 300)
    return paths


def forget_live_sections(instance=None, **kwargs):
    """Signal receiver: a section appeared, moved or went away (deeper pages never
    change the menu, so editing a glossary entry keeps the cached list)."""
    depth = getattr(instance, "depth", None)
    if depth is None or depth <= SECTION_DEPTH:
        cache.delete(_CACHE_KEY)


@functools.lru_cache(maxsize=256)
def _url_name(url, urlconf):
    """The name of the route `url` resolves to ("" for none): the URLconf is the
    same for the life of the process, menus ask it at every page (issue 19)."""
    try:
        return resolve(url, urlconf).url_name or "?"
    except Resolver404:
        return ""


def exists(url, live_paths=None):
    """Whether `url` leads somewhere: a route of its own, or a live page.
    `live_paths`: _live_top_level_paths() already read (one cache read for a menu)."""
    name = _url_name(url, get_urlconf())
    if not name:
        return False
    if name != "wagtail_serve":
        return True
    return url in (live_paths if live_paths is not None else _live_top_level_paths())


def feature_open(feature, request=None):
    """home.calendar.is_open(feature) for menus and links. One query per request
    at most: Wagtail keeps the loaded setting on the request. (Not kept in the
    shared cache: a calendar changed by a command in another process would not
    clear a per-process cache, and menus would lie until it expired.) Each
    feature is asked once per request: the main menu, the footer and the home
    page's entry points ask for the same sections, and agree."""
    if not hasattr(request, "COOKIES"):  # no request (or a Site): nothing to keep it on
        return ElectionCalendar.load(request_or_site=request).is_open(feature)
    answers = request.__dict__.setdefault("_decide_open_features", {})
    answer = answers.get(feature)
    if answer is None:
        answer = answers[feature] = ElectionCalendar.load(request_or_site=request).is_open(feature)
    return answer


def _live_paths_of(request):
    """_live_top_level_paths(), read once per request (the menu, the footer and
    the home page's entry points each ask)."""
    if request is None:
        return _live_top_level_paths()
    paths = getattr(request, "_live_section_paths", None)
    if paths is None:
        paths = request._live_section_paths = _live_top_level_paths()
    return paths


def available(entries, request=None):
    """The entries (tuples or dicts whose first item / "url" is a path) that exist
    and, for a section opened by the calendar, are already public.

    `exists` inlined: the URLconf read once per menu, not twice per entry (an
    asgiref Local read each time, most of a menu's cost; issue 19)."""
    shown = []
    live_paths = None
    urlconf = get_urlconf()
    for entry in entries:
        url = entry["url"] if isinstance(entry, dict) else entry[0]
        name = _url_name(url, urlconf)
        if not name:
            continue
        if name == "wagtail_serve":
            if live_paths is None:
                live_paths = _live_paths_of(request)  # one cache read per request, not per entry
            if url not in live_paths:
                continue
        feature = CALENDAR_GATES.get(url)
        if feature and not feature_open(feature, request):
            continue
        shown.append(entry)
    return shown
