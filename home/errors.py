"""When a service the site depends on is down: a Spanish 503, never a traceback.

`SERVICE_ERRORS` are the exceptions that mean "the database (or Redis) cannot
be reached right now", as opposed to a bug: Django's OperationalError (server
gone, connection refused, database missing, too many connections, disk
full…) and InterfaceError (connection already closed), and Redis' connection
and timeout errors. Views that can do better (the idea form keeps what was
typed) catch them themselves; anything else reaches `home.views.server_error`,
which answers with `unavailable_response` instead of the plain 500 page.

Both responses are rendered without any database access (no context
processors, no navigation, no settings), since the database is what failed.
"""

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader

try:  # redis is a runtime dependency, but the site runs without a Redis server
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    _REDIS_ERRORS = (RedisConnectionError, RedisTimeoutError)
except ImportError:  # pragma: no cover
    _REDIS_ERRORS = ()

SERVICE_ERRORS = (OperationalError, InterfaceError, *_REDIS_ERRORS)
RETRY_AFTER_SECONDS = 60
MSG_UNAVAILABLE = (
    "El sitio tiene una falla técnica momentánea y no pudimos atender tu solicitud. "
    "No es tu culpa: inténtalo de nuevo en unos minutos."
)


def is_service_error(exc):
    return isinstance(exc, SERVICE_ERRORS)


def wants_json(request):
    return "HTTP_X_CSRFTOKEN" in request.META or "application/json" in request.META.get(
        "HTTP_ACCEPT", ""
    )


def _no_store(response):
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def unavailable_response(
    request, message=MSG_UNAVAILABLE, *, back_url="", payload=None, as_json=None
):
    """503 in Spanish: JSON ({"ok": false, "message": …} plus `payload`) for the
    page's scripts (or when `as_json`), otherwise a standalone HTML page."""
    if as_json or (as_json is None and wants_json(request)):
        return _no_store(
            JsonResponse({"ok": False, "message": message, **(payload or {})}, status=503)
        )
    html = loader.get_template("503.html").render({"message": message, "back_url": back_url})
    return _no_store(HttpResponse(html, status=503))
