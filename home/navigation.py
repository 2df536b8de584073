"""The main navigation: one entry per public section (DESIGN.md section 7).

A section appears only once it exists: a Django route (e.g. /mi-boleta/) or
a live page at that address. Sections still to come (results, statistics,
open data) are listed here and show up in the menus, the footer and the home
page by themselves the day their page is published, and never as a dead link
before then.
"""

from django.core.cache import cache
from django.urls import Resolver404, resolve
from wagtail.models import Page

from .election_calendar import ElectionCalendar

MAIN_NAVIGATION = [
    ("/mi-boleta/", "Mi boleta"),
    ("/quitadudas/", "Quitadudas electoral"),
    ("/organos/", "Qué se elige"),
    ("/geografia/", "Geografía electoral"),
    ("/partidos/", "Partidos y plataformas"),
    ("/candidaturas/", "Candidaturas"),
    ("/resultados/", "Resultados"),
    ("/estadisticas/", "Estadísticas"),
    ("/datos/", "Datos abiertos"),
]

FOOTER_NAVIGATION = [
    ("/aviso-de-privacidad/", "Aviso de privacidad"),
    ("/datos/", "Datos abiertos"),
    ("/admin/", "Acceso para personal del IEEM y partidos"),
]

HOME_ENTRY_POINTS = [
    {
        "url": "/quitadudas/",
        "label": "Quitadudas electoral",
        "text": "Las palabras de la elección explicadas en lenguaje sencillo, de la A a la Z.",
    },
    {
        "url": "/organos/",
        "label": "Qué se elige",
        "text": "Qué hacen la Legislatura y los ayuntamientos, y cada cargo de tu boleta.",
    },
    {
        "url": "/geografia/",
        "label": "Geografía electoral",
        "text": "Los 45 distritos locales, los 125 municipios y sus secciones, con mapas.",
    },
    {
        "url": "/partidos/",
        "label": "Partidos y plataformas",
        "text": "Lo que propone cada partido, coalición y candidatura independiente, por tema.",
    },
    {
        "url": "/candidaturas/",
        "label": "Candidaturas",
        "text": "La lista completa de personas postuladas, con filtros y descarga.",
    },
    {
        "url": "/resultados/",
        "label": "Resultados",
        "text": "Los resultados oficiales por distrito y por municipio.",
    },
]


# Sections that open on a calendar date (home.calendar features): listed from then on.
# /resultados/ exists all the time (its 2018 history may show at any moment), but
# it enters the menus when the official results of the process are public.
CALENDAR_GATES = {"/resultados/": "results"}

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


def exists(url):
    """Whether `url` leads somewhere: a route of its own, or a live page."""
    try:
        match = resolve(url)
    except Resolver404:
        return False
    if match.url_name != "wagtail_serve":
        return True
    return url in _live_top_level_paths()


def feature_open(feature, request=None):
    """home.calendar.is_open(feature) for menus and links. One query per request
    at most: Wagtail keeps the loaded setting on the request. (Not kept in the
    shared cache: a calendar changed by a command in another process would not
    clear a per-process cache, and menus would lie until it expired.)"""

    return ElectionCalendar.load(request_or_site=request).is_open(feature)


def available(entries, request=None):
    """The entries (tuples or dicts whose first item / "url" is a path) that exist
    and, for a section opened by the calendar, are already public."""
    shown = []
    for entry in entries:
        url = entry["url"] if isinstance(entry, dict) else entry[0]
        if not exists(url):
            continue
        feature = CALENDAR_GATES.get(url)
        if feature and not feature_open(feature, request):
            continue
        shown.append(entry)
    return shown
