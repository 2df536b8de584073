"""What every open-data and API response shares: the per-address rate limit
(429 with a Spanish JSON message), CORS for GET, and validators (ETag from the
body, Last-Modified when the data says when it changed) answering 304.

Applied as a view decorator (urls.py), not a middleware: the headers are the
views' own, so they compose with any site-wide cache or compression layer.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from participation import identity, ratelimit

RATE_LIMIT = "open_data_address"
TOO_MANY = (
    "Demasiadas solicitudes desde tu dirección de red. Espera un minuto y vuelve a intentarlo; "
    "para descargar todo a la vez usa el ZIP de /datos/."
)
READ_ONLY = "Esta API es de solo lectura: usa GET."
EXPOSED = "ETag, Last-Modified, Retry-After, Content-Disposition"


def allow_cors(response):
    """Any origin may read (GET) these public, anonymous endpoints; no credentials."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED
    return response


def error(message, status, **headers):
    response = JsonResponse(
        {"detalle": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )
    response["Cache-Control"] = "no-store"
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return allow_cors(response)


def etag_of(content):
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def open_endpoint(view):
    """Rate limit, CORS and validators around a read-only view.

    A view may set `response.last_modified_at` (an aware datetime) to send
    Last-Modified; the ETag is a hash of the body, so equal data gives an
    equal tag on every process.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
            return allow_cors(response)
        if request.method not in ("GET", "HEAD"):
            return error(READ_ONLY, 405, Allow="GET, HEAD, OPTIONS")
        if not ratelimit.hit(RATE_LIMIT, identity.address_hash(request)):
            return error(TOO_MANY, 429, Retry_After=str(ratelimit.limit(RATE_LIMIT)[1]))
        head = request.method == "HEAD"
        if head:
            # Answered as GET (django-ninja routes GET only); the server sends no body.
            request.method = "GET"
        try:
            response = view(request, *args, **kwargs)
        finally:
            if head:
                request.method = "HEAD"
        if callable(getattr(response, "render", None)) and not getattr(
            response, "is_rendered", True
        ):
            response = response.render()
        if response.status_code == 200 and not response.streaming:
            response["ETag"] = etag_of(response.content)
            changed = getattr(response, "last_modified_at", None)
            if changed is not None:
                response["Last-Modified"] = http_date(changed.timestamp())
            if not response.has_header("Cache-Control"):
                response["Cache-Control"] = f"public, max-age={settings.PUBLIC_CACHE_SECONDS}"
            response = get_conditional_response(
                request,
                etag=response["ETag"],
                last_modified=int(changed.timestamp()) if changed is not None else None,
                response=response,
            )
        return allow_cors(response)

    return wrapped
