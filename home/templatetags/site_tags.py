from urllib.parse import quote

from django import template
from django.core.signals import setting_changed
from django.templatetags.static import static
from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from wagtail import hooks

from home.navigation import NOT_FOUND_LINKS

register = template.Library()

DEFAULT_DESCRIPTION = (
    "Información electoral del Estado de México: qué se elige, tus boletas, plataformas, "
    "candidaturas y resultados. Un servicio del Instituto Electoral del Estado de México."
)


def _page_description(page):
    for attr in ("search_description", "meta_description", "intro"):
        value = getattr(page, attr, "")
        if value:
            return str(value)
    return ""


# The URL of each static file the base template names, kept per process: the
# manifest storage hashes the same name the same way until the process ends
# (its manifest is read once), and every page asks for two of them.
_static_urls = {}


def _forget_static_urls(*, setting, **kwargs):
    if setting in ("STATIC_URL", "STATIC_ROOT", "STORAGES", "DEBUG", "FORCE_SCRIPT_NAME"):
        _static_urls.clear()


setting_changed.connect(_forget_static_urls, dispatch_uid="site-tags-static-urls")


@register.simple_tag
def static_asset(path):
    """`{% static path %}`, its URL computed once per process."""
    url = _static_urls.get(path)
    if url is None:
        url = _static_urls[path] = static(path)
    return url


# What the inclusion tag's template (includes/meta_tags.html) wrote, byte for
# byte: it was rendered at every page (issue 19).
_META = (
    "<title>{title_prefix}Decide IEEM</title>\n"
    '<meta name="description" content="{description}">\n'
    '<meta property="og:type" content="website">\n'
    '<meta property="og:site_name" content="Decide IEEM">\n'
    '<meta property="og:locale" content="es_MX">\n'
    '<meta property="og:title" content="{title}">\n'
    '<meta property="og:description" content="{description}">\n'
    "{og_url}\n"
    '<meta name="twitter:card" content="summary">\n'
    '<meta name="twitter:title" content="{title}">\n'
    '<meta name="twitter:description" content="{description}">\n'
)


# Descriptions as the meta tags show them, per text and language (the truncation
# mark is translated): a page's text is the same at every request.
_descriptions = {}


def _clean_description(text):
    text = str(text)  # as strip_tags reads it
    key = (text, get_language())
    clean = _descriptions.get(key)
    if clean is None:
        clean = " ".join(Truncator(strip_tags(text)).chars(300).split())
        if len(_descriptions) >= 1024:  # bounded: one entry per page and language
            _descriptions.clear()
        _descriptions[key] = clean
    return clean


def meta_values(context):
    """Title, description and URL of the page or view being rendered."""
    page = context.get("page")
    title = context.get("meta_title") or ""
    description = context.get("meta_description") or ""
    if page is not None and not title:
        title = page.seo_title or page.title
    if page is not None and not description:
        description = _page_description(page)
    request = context.get("request")
    return {
        "title": title or "Decide IEEM",
        "description": _clean_description(description or DEFAULT_DESCRIPTION),
        "url": request.build_absolute_uri() if request else "",
    }


@register.simple_tag(takes_context=True)
def meta_tags(context):
    """Title and description for <title>, description and link previews.

    Pages give them through seo_title/title and search_description (or a
    `meta_description` property); plain views put `meta_title` and
    `meta_description` in their context. Rendered in Python, as
    templates/includes/meta_tags.html renders `meta_values` (same HTML).
    """
    values = meta_values(context)
    escape = conditional_escape if context.autoescape else str
    title = escape(values["title"])
    url = values["url"]
    return mark_safe(  # noqa: S308 - every value above is escaped
        _META.format(
            title_prefix=f"{title} \u00b7 " if values["title"] != "Decide IEEM" else "",
            title=title,
            description=escape(values["description"]),
            og_url=f'<meta property="og:url" content="{escape(url)}">' if url else "",
        )
    )


@register.simple_tag(takes_context=True)
def target_extras(context, page, block_id=""):
    """Fragments other apps attach to a page or one of its blocks.

    Apps register a Wagtail hook "decide_target_extras" taking
    (context, page, block_id) and returning HTML (or ""), so content apps
    render participation controls without knowing the app that draws them.
    """

    parts = [fn(context, page, block_id) for fn in hooks.get_hooks("decide_target_extras")]
    return mark_safe("".join(str(p) for p in parts if p))


@register.filter
def enrich(html, page=None):
    """Post-process rendered rich text with every "decide_enrich_html" hook.

    Each hook takes (html, page) and returns HTML; the glossary uses it to link
    terms. `page` lets a hook honour per-page switches.
    """

    html = str(html)
    for fn in hooks.get_hooks("decide_enrich_html"):
        html = fn(html, page)
    return mark_safe(html)


@register.simple_tag
def not_found_links():
    """[(url, label)] the 404 page suggests: registered by the apps that own
    those sections (home.navigation.register_section)."""
    return NOT_FOUND_LINKS


@register.simple_tag(takes_context=True)
def visit_counter(context):
    """The page view of a visitor without JavaScript (participation/statistics/
    counting.py: site.js sends a beacon instead): the <noscript> image that
    base.html's template wrote, in Python (the same bytes; every page renders it,
    and the template's failed lookup of request.GET.q cost two dir() of a
    QueryDict; issue 19). The search term is cut to its first 80 characters."""
    request = context.get("request")
    path = getattr(request, "path", "")
    term = request.GET.get("q", "") if request is not None else ""
    term = term[:80] if isinstance(term, str) else ""
    query = f"&amp;q={quote(term, safe='')}" if term else ""
    return mark_safe(
        f'<noscript id="contar-visita" data-ruta="{conditional_escape(path)}" '
        f'data-q="{conditional_escape(term)}"><img class="visit-pixel" '
        f'src="/participa/visita.gif?ruta={quote(path, safe="")}{query}" '
        'alt="" width="1" height="1"></noscript>'
    )  # every value is escaped (quote() leaves nothing HTML would read)
