"""Compressed responses: brotli or gzip for HTML, CSV, JSON, SVG and text.

Django's GZipMiddleware compresses every response, those carrying a CSRF
token or a signed-in editor's data included, which is what BREACH needs
(a secret and attacker-chosen text in one compressed body). Here only
responses without a secret are compressed: not the admin, not a signed-in
user's, not one that sets a cookie or carries a CSRF token. Public pages,
downloads and JSON are; they are the ones election night sends.

Brotli (the `Brotli` package, Google's own bindings) when the browser accepts
`br`, gzip otherwise; static files are compressed once at collectstatic by
WhiteNoise (brotli too, with the same package installed). `negotiate()` is
also the encoding part of the origin cache's key (home.pagecache).
"""

import functools

import brotli
from django.conf import settings
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_sequence, compress_string

COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/geo+json",
    "application/javascript",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/vnd.oai.openapi",
    "image/svg+xml",
)
# The admin and participation's JSON (it carries the visitor's CSRF token).
NO_COMPRESSION_PREFIXES = ("/admin/", "/django-admin/", "/participa/")
MIN_LENGTH = 200
# Two qualities, by how often the same bytes are compressed (issue 19):
# - KEPT_QUALITY (4) for a response the origin cache keeps (home.pagecache marks
#   the request): compressed once per purge and sent many times. On the
#   benchmark's pages (8-15 KB of HTML) it takes half to two thirds of quality
#   5's time (0.09-0.21 ms against 0.13-0.30) for 5-8 % more bytes (about 150:
#   1.9-3.9 KB a page), still smaller than gzip -9.
# - PER_REQUEST_QUALITY (1) for one compressed at every request (the origin
#   cache off, a page it does not keep, downloads): measured on the same pages,
#   a third to a quarter of quality 4's time (0.03-0.07 ms against 0.15-0.30)
#   for 10-18 % more bytes (300-650 a page), still about gzip -6's size.
KEPT_QUALITY = 4
PER_REQUEST_QUALITY = 1
# Set on the request by home.pagecache when its response will be kept.
KEPT_ATTRIBUTE = "_decide_page_kept"


@functools.lru_cache(maxsize=64)
def accepted_encodings(header):
    accepted = set()
    for part in header.split(","):
        token, _, params = part.strip().partition(";")
        token = token.strip().lower()
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if token and quality > 0:
            accepted.add(token)
    return frozenset(accepted)  # shared by lru_cache: never changed


def negotiate(request):
    """The encoding this site answers the request with: "br", "gzip" or "identity"."""
    accepted = accepted_encodings(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    if "br" in accepted:
        return "br"
    if "gzip" in accepted or "*" in accepted:
        return "gzip"
    return "identity"


def _compressible(response):
    content_type = response.get("Content-Type", "").lower()
    return content_type.startswith(COMPRESSIBLE_TYPES)


def carries_secret(request, response):
    """True when the body may hold a secret BREACH could recover."""
    if request.path_info.startswith(NO_COMPRESSION_PREFIXES):
        return True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    if response.cookies or response.has_header("Set-Cookie"):
        return True
    if settings.CSRF_COOKIE_NAME in response.cookies:
        return True
    return not response.streaming and b"csrfmiddlewaretoken" in response.content


def brotli_quality(request):
    """KEPT_QUALITY when the origin cache keeps this response, else PER_REQUEST_QUALITY."""
    return KEPT_QUALITY if getattr(request, KEPT_ATTRIBUTE, False) else PER_REQUEST_QUALITY


def _brotli_sequence(chunks, quality):
    compressor = brotli.Compressor(quality=quality)
    for chunk in chunks:
        data = compressor.process(chunk)
        if data:
            yield data
    yield compressor.finish()


class CompressionMiddleware:
    """Brotli/gzip for responses without secrets (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        return compress(request, response)


def compress(request, response):
    if response.has_header("Content-Encoding") or not _compressible(response):
        return response
    if not response.streaming and len(response.content) < MIN_LENGTH:
        return response
    if carries_secret(request, response):
        return response
    patch_vary_headers(response, ("Accept-Encoding",))
    encoding = negotiate(request)
    if encoding == "identity":
        return response
    if response.streaming:
        if response.is_async:
            return response  # the site has no async views; leave them as they are
        if encoding == "br":
            response.streaming_content = _brotli_sequence(
                response.streaming_content, brotli_quality(request)
            )
        else:
            response.streaming_content = compress_sequence(
                response.streaming_content, max_random_bytes=100
            )
        del response.headers["Content-Length"]
    else:
        if encoding == "br":
            compressed = brotli.compress(response.content, quality=brotli_quality(request))
        else:
            compressed = compress_string(response.content, max_random_bytes=100)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
    etag = response.get("ETag")
    if etag and etag.startswith('"'):
        response.headers["ETag"] = "W/" + etag
    response.headers["Content-Encoding"] = encoding
    return response
