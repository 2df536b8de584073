from django.utils.functional import SimpleLazyObject

from .models import ElectionCalendar
from .navigation import FOOTER_NAVIGATION, MAIN_NAVIGATION, available


def site_shell(request):
    """Navigation for the base template and the election calendar (lazy: no
    query unless a template reads it)."""

    path = getattr(request, "path", "/")
    return {
        "main_navigation": SimpleLazyObject(
            lambda: [
                {"url": url, "label": label, "current": path.startswith(url)}
                for url, label in available(MAIN_NAVIGATION, request)
            ]
        ),
        "footer_navigation": SimpleLazyObject(
            lambda: [
                {"url": url, "label": label} for url, label in available(FOOTER_NAVIGATION, request)
            ]
        ),
        "calendar": SimpleLazyObject(lambda: ElectionCalendar.load(request_or_site=request)),
    }
