from django.utils.functional import SimpleLazyObject
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from .models import ElectionCalendar
from .navigation import FOOTER_NAVIGATION, MAIN_NAVIGATION, available

# The <li> of each menu entry, as base.html's loops rendered them (byte for byte:
# the same indentation, the same escaping).
_MAIN_ITEM = (
    '\n                            <li><a href="{url}"{current}>{label}</a></li>\n'
    "                        "
)
_FOOTER_ITEM = (
    '\n                            <li><a href="{url}">{label}</a></li>\n                        '
)
_CURRENT = ' aria-current="page"'
# Menus rendered, keyed by everything they are made of (the entries shown and
# which is current): the same for every visitor, so kept per process.
_rendered = {}


def _menu(template, items):
    key = (template, items)
    html = _rendered.get(key)
    if html is None:
        html = mark_safe(
            "".join(
                template.format(
                    url=conditional_escape(url),
                    label=conditional_escape(label),
                    current=_CURRENT if current else "",
                )
                for url, label, current in items
            )
        )
        if len(_rendered) > 256:  # bounded: a key has at most one current entry per menu
            _rendered.clear()
        _rendered[key] = html
    return html


def main_menu(request, path):
    return _menu(
        _MAIN_ITEM,
        tuple(
            (url, label, path.startswith(url)) for url, label in available(MAIN_NAVIGATION, request)
        ),
    )


def footer_menu(request):
    return _menu(
        _FOOTER_ITEM,
        tuple((url, label, False) for url, label in available(FOOTER_NAVIGATION, request)),
    )


def site_shell(request):
    """Navigation for the base template (its entries as HTML, rendered in Python:
    the same for every visitor) and the election calendar (lazy: no query unless
    a template reads it)."""

    path = getattr(request, "path", "/")
    return {
        "main_menu": SimpleLazyObject(lambda: main_menu(request, path)),
        "footer_menu": SimpleLazyObject(lambda: footer_menu(request)),
        "calendar": SimpleLazyObject(lambda: ElectionCalendar.load(request_or_site=request)),
    }
