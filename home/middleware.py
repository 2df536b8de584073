from django.conf import settings
from django.utils.cache import patch_cache_control

from .pagecache import cap_by_calendar

# Paths that are per-visitor by nature and must never be cached by a proxy.
PRIVATE_PREFIXES = ("/admin/", "/django-admin/", "/participa/")


class PublicCacheHeadersMiddleware:
    """Mark public pages for anonymous visitors as cacheable, by browsers and CDNs.

    A response qualifies when it answers an anonymous GET/HEAD with 200, sets
    no cookie, and its view did not choose its own Cache-Control. It gets
    `public, max-age=PUBLIC_CACHE_SECONDS, s-maxage=CDN_CACHE_SECONDS,
    stale-while-revalidate=STALE_WHILE_REVALIDATE_SECONDS`, each capped by the
    next date of the election calendar (the pages change then). Responses for
    signed-in users are marked private. Everything else is left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        elif (
            response.status_code == 200
            and not request.path.startswith(PRIVATE_PREFIXES)
            and not response.cookies
        ):
            browsers = settings.PUBLIC_CACHE_SECONDS
            shared = getattr(settings, "CDN_CACHE_SECONDS", browsers)
            cap = cap_by_calendar(request, max(browsers, shared))
            patch_cache_control(
                response,
                public=True,
                max_age=min(browsers, cap),
                s_maxage=min(shared, cap),
                stale_while_revalidate=getattr(settings, "STALE_WHILE_REVALIDATE_SECONDS", 30),
            )
        return response
