"""Repeated parts of the municipality page rendered in Python (issue 19: a
truly cold render). Each function gives, byte for byte, what the template
loop it replaced gave (templates/electoral/municipality_page.html and
electoral/includes/sections_list.html; tests/electoral/geography/test_pages.py
compares them with the loops): the Django template engine spent more on
these loops than the rest of the page's body.
"""

from html import escape as _escape

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import localize
from django.utils.safestring import mark_safe


def esc(value):
    """Django's conditional_escape, the same bytes (both use html.escape), without
    its lazy-string wrapper: these functions escape dozens of plain values a page."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape(str(value))


def number(value):
    """`{{ value }}` of an integer: localized, grouped only with USE_THOUSAND_SEPARATOR."""
    if getattr(settings, "USE_THOUSAND_SEPARATOR", False):
        return localize(value)
    return str(value)


def count(value):
    """`{{ value|intcomma }}` of a count: below 1,000 no locale groups its digits."""
    if isinstance(value, int) and 0 <= value < 1000:
        return str(value)
    return intcomma(value)


def _plural(count, singular, plural):
    """`|pluralize:"singular,plural"` of a number."""
    return singular if count == 1 else plural


def sections_list(runs):
    """electoral/includes/sections_list.html."""
    if not runs:
        return "\n"
    # (escaping the joined runs is escaping each: ", " has nothing to escape)
    return f'<p class="geo-sections">{esc(", ".join(runs))}</p>\n'


def district_links(districts):
    """The districts of the «Distritos locales» fact (the <dd>'s content)."""
    if not districts:
        return mark_safe("sin datos")
    one = len(districts) == 1
    parts = []
    for d in districts:
        part = f'<a href="{esc(d.link)}">{esc(number(d.number))}</a>'
        if one and d.head_town_text:
            part += f" — cabecera: {esc(d.head_town_text)}"
        parts.append(part)
    return mark_safe(", ".join(parts))  # every value is escaped


_ROW = (
    "\n                                <tr>\n                                    {}"
    '\n                                    <td class="num">{}</td>'
    "\n                                </tr>\n                            "
)


_CELL = "\n" + " " * 40
_END_CELLS = "\n" + " " * 36


def split_rows(groups):
    """The rows of the table of sections per district (<tbody>'s loop)."""
    out = []
    for group in groups:
        district = group["district"]
        if district:
            cells = (
                f'{_CELL}<th scope="row"><a href="{esc(district.link)}">'
                f"Distrito {esc(number(district.number))}</a></th>"
                f"{_CELL}<td>{esc(district.head_town_text or '—')}</td>{_END_CELLS}"
            )
        else:
            cells = (
                f'{_CELL}<th scope="row">Sin distrito en el catálogo</th>'
                f"{_CELL}<td>—</td>{_END_CELLS}"
            )
        out.append(_ROW.format(cells, esc(count(group["count"]))))
    return mark_safe("".join(out))  # every value is escaped


def section_lists(groups, runs):
    """The sections of the municipality: by district (`groups`), or one list."""
    if not groups:
        return mark_safe(f"\n            {sections_list(runs)}\n        ")
    out = ["\n            "]
    for group in groups:
        district = group["district"]
        if district:
            where = (
                f'En el <a href="{esc(district.link)}">'
                f"distrito local {esc(number(district.number))}</a>"
            )
        else:
            where = "Sin distrito en el catálogo"
        n = group["count"]
        out.append(
            f'\n                <h3>{where} <span class="meta">({esc(count(n))} '
            f"secci{_plural(n, 'ón', 'ones')})</span></h3>"
            f"\n                {sections_list(group['runs'])}\n            "
        )
    out.append("\n        ")
    return mark_safe("".join(out))  # every value is escaped
