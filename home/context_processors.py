from django.utils.functional import SimpleLazyObject

from .navigation import FOOTER_NAVIGATION, MAIN_NAVIGATION


def site_shell(request):
    """Navigation for the base template and the election calendar (lazy: no
    query unless a template reads it)."""
    from .models import ElectionCalendar

    path = getattr(request, "path", "/")
    return {
        "main_navigation": [
            {"url": url, "label": label, "current": path.startswith(url)}
            for url, label in MAIN_NAVIGATION
        ],
        "footer_navigation": [{"url": url, "label": label} for url, label in FOOTER_NAVIGATION],
        "calendar": SimpleLazyObject(lambda: ElectionCalendar.load()),
    }
