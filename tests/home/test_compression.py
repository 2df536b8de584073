"""Compressed responses (home/compression.py): HTML, CSV and JSON in brotli and
gzip, identical once decompressed; never a response that carries a secret."""

import gzip
import json
import re

import brotli
import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from electoral.models import CandidateProfilePage, PlatformPage
from home import compression
from home.compression import accepted_encodings, negotiate
from tests.electoral.results.helpers import set_phase

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def decoded(response, data=None):
    data = body(response) if data is None else data
    encoding = response.get("Content-Encoding")
    if encoding == "br":
        return brotli.decompress(data)
    if encoding == "gzip":
        return gzip.decompress(data)
    assert encoding is None, encoding
    return data


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        ("/", "text/html"),
        ("/geografia/", "text/html"),
        ("/candidaturas.csv", "text/csv"),
        ("/resultados/municipios/toluca.csv", "text/csv"),
        ("/resultados/municipios/toluca.json", "application/json"),
    ],
)
@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_html_csv_and_json_are_compressed(site, url, content_type, encoding):
    set_phase("results")
    plain = Client().get(url, HTTP_ACCEPT_ENCODING="identity")
    assert plain.status_code == 200 and plain["Content-Type"].startswith(content_type)
    assert "Content-Encoding" not in plain
    original = body(plain)
    # Twice: the first answer is rendered, the second (for pages) comes from the cache.
    for _ in range(2):
        packed = Client().get(url, HTTP_ACCEPT_ENCODING=f"{encoding}, deflate")
        assert packed["Content-Encoding"] == encoding
        assert "Accept-Encoding" in packed["Vary"]
        raw = body(packed)
        assert decoded(packed, raw) == original
        assert len(raw) < len(original) / 3, (url, len(raw), len(original))
    if content_type == "application/json":
        assert json.loads(decoded(packed, raw)) == json.loads(original)


def test_cached_html_is_the_same_page_in_every_encoding(site):
    pages = {}
    for encoding in ("identity", "gzip", "br"):
        client = Client(HTTP_ACCEPT_ENCODING=encoding)
        client.get("/geografia/")
        hit = client.get("/geografia/")
        assert hit["X-Cache"] == "hit"
        pages[encoding] = decoded(hit)
    assert pages["identity"] == pages["gzip"] == pages["br"]
    assert "Geografía electoral".encode() in pages["br"] or b"<main" in pages["br"]


def test_the_admin_and_signed_in_pages_are_never_compressed(site):
    """BREACH: a body with a CSRF token or an editor's data is sent uncompressed."""
    visitor = Client(HTTP_ACCEPT_ENCODING="gzip, br")
    login = visitor.get("/admin/login/")
    assert b"csrfmiddlewaretoken" in body(login)
    assert "Content-Encoding" not in login
    admin = Client(HTTP_ACCEPT_ENCODING="gzip, br")
    admin.force_login(get_user_model().objects.get(username="admin"))
    for url in ("/admin/", "/"):
        response = admin.get(url)
        assert response.status_code == 200
        assert "Content-Encoding" not in response, url


def test_encoding_negotiation():
    class Request:
        def __init__(self, header):
            self.META = {"HTTP_ACCEPT_ENCODING": header}

    assert accepted_encodings("gzip;q=0, br;q=0.5, identity") == {"br", "identity"}
    assert negotiate(Request("gzip, deflate, br, zstd")) == "br"
    assert negotiate(Request("gzip, deflate")) == "gzip"
    assert negotiate(Request("br;q=0, gzip")) == "gzip"
    assert negotiate(Request("")) == "identity"
    assert negotiate(Request("identity")) == "identity"


FIRST_VIEW_BUDGET = 40 * 1024


@pytest.mark.parametrize(
    "url",
    ["/", "/mi-boleta/5169/", "/resultados/municipios/toluca/", "profile"],
)
def test_first_view_with_css_and_js_is_under_40_kb(site, url):
    """What a phone downloads the first time: the page plus its CSS and scripts, in brotli."""
    set_phase("results")
    if url == "profile":
        url = CandidateProfilePage.objects.live().first().url
    client = Client(HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    page = client.get(url)
    assert page.status_code == 200, url
    html = decoded(page).decode()
    linked = r'<(?:link rel="stylesheet"|script)[^>]*(?:href|src)="(/static/[^"]+)"'
    assets = re.findall(linked, html)
    assert assets, "the page links its CSS and JS"
    total = len(body(page))
    for asset in assets:
        total += static_size_brotli(asset)
    assert total <= FIRST_VIEW_BUDGET, (url, total)


def static_size_brotli(url):
    """The size WhiteNoise sends a static file in (it serves the .br made at collectstatic)."""
    from django.contrib.staticfiles import finders

    path = finders.find(url.removeprefix("/static/"))
    assert path, url
    with open(path, "rb") as handle:
        return len(brotli.compress(handle.read(), quality=11))


def test_participation_json_with_a_csrf_token_is_not_compressed(site):
    set_phase("campaign")
    platform = PlatformPage.objects.live().first()
    response = Client(HTTP_ACCEPT_ENCODING="gzip, br").get(
        f"/participa/estado/?pagina={platform.pk}"
    )
    assert response.status_code == 200
    assert "csrfToken" in json.loads(response.content)
    assert "Content-Encoding" not in response


@pytest.mark.parametrize(
    ("page_cache", "quality"),
    [(True, compression.KEPT_QUALITY), (False, compression.PER_REQUEST_QUALITY)],
)
def test_brotli_quality_follows_how_often_the_bytes_are_compressed(
    site, settings, page_cache, quality
):
    """A page the origin cache keeps is compressed once per purge, at the better
    quality; one compressed at every request, at the fast one."""
    settings.PAGE_CACHE_ENABLED = page_cache
    assert compression.KEPT_QUALITY > compression.PER_REQUEST_QUALITY
    plain = Client().get("/aviso-de-privacidad/", HTTP_ACCEPT_ENCODING="identity").content
    packed = Client().get("/aviso-de-privacidad/", HTTP_ACCEPT_ENCODING="br")
    assert packed["Content-Encoding"] == "br"
    assert packed.get("X-Cache") == ("miss" if page_cache else None)
    assert packed.content == brotli.compress(plain, quality=quality)
    assert brotli.decompress(packed.content) == plain
