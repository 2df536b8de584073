"""Figures as a Mexican reader writes them: 166,232 votos; 45.32 %."""

from django import template

register = template.Library()


@register.filter
def cifra(value):
    """An integer with thousands separators («166,232»); None -> «no disponible»."""
    if value is None or value == "":
        return "no disponible"
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return value
