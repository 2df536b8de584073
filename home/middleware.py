from django.conf import settings
from django.utils.cache import patch_cache_control

# Paths that are per-visitor by nature and must never be cached by a proxy.
PRIVATE_PREFIXES = ("/admin/", "/django-admin/", "/participa/")


class PublicCacheHeadersMiddleware:
    """Mark public pages for anonymous visitors as cacheable.

    A response qualifies when it answers an anonymous GET/HEAD with 200, sets
    no cookie, and its view did not choose its own Cache-Control. Responses
    for signed-in users are marked private. Everything else is left alone.
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
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
        return response
