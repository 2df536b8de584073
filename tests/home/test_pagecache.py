"""The origin cache (home/pagecache.py): what is served from it, what is never
stored, and the purge on every change of what pages show (issue 19)."""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from cms.settings.base import frontend_cache_from_env
from electoral.models import MunicipalityPage
from home import pagecache
from home.models import ElectionCalendar
from participation.statistics.models import VISITS
from tests.participation.statistics.conftest import BROWSER, beacon, stored

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """Off for the rest of the suite (cms/settings/test.py): on here."""
    settings.PAGE_CACHE_ENABLED = True


def anonymous():
    return Client(HTTP_ACCEPT_ENCODING="identity")


def signed_in_admin():
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def form_data(html, form_selector="form#page-edit-form"):
    """Every field of a Wagtail admin form as the browser would send it."""
    form = BeautifulSoup(html, "html.parser").select_one(form_selector)
    assert form is not None, form_selector
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("disabled") is not None:
            continue
        kind = field.get("type", "").lower()
        if field.name == "input" and kind in ("submit", "button", "file"):
            continue
        if kind in ("checkbox", "radio") and field.get("checked") is None:
            continue
        if field.name == "textarea":
            value = field.text
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            value = chosen.get("value", "") if chosen else ""
        else:
            value = field.get("value", "on" if kind == "checkbox" else "")
        data.setdefault(name, [])
        data[name].append(value)
    return {name: values if len(values) > 1 else values[0] for name, values in data.items()}


# --- Publishing in the admin is what the next visitor gets ------------------


def test_published_municipality_is_what_the_next_anonymous_visitor_gets(site):
    page = MunicipalityPage.objects.live().get(name="Toluca")
    url = page.url
    visitor = anonymous()
    first = visitor.get(url)
    assert first.status_code == 200 and first["X-Cache"] == "miss"
    assert "Cabecera de prueba" not in first.content.decode()
    again = visitor.get(url)
    assert again["X-Cache"] == "hit" and again.content == first.content

    # Data changed behind the cache's back (no signal) is not seen: the cache is real.
    MunicipalityPage.objects.filter(pk=page.pk).update(head_town="Cambio sin señal")
    assert "Cambio sin señal" not in visitor.get(url).content.decode()

    admin = signed_in_admin()
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(admin.get(edit_url).content.decode())
    data["head_town"] = "Cabecera de prueba"
    data["action-publish"] = "action-publish"
    published = admin.post(edit_url, data)
    assert published.status_code == 302, published.content.decode()[:2000]
    assert MunicipalityPage.objects.get(pk=page.pk).head_town == "Cabecera de prueba"

    after = visitor.get(url)
    assert after["X-Cache"] == "miss"
    assert "<dd>Cabecera de prueba</dd>" in after.content.decode()


def test_a_calendar_change_in_the_admin_is_visible_at_once(site):
    calendar = ElectionCalendar.load()
    calendar.statistics_public_from = timezone.now() + timezone.timedelta(days=30)
    calendar.results_public_from = timezone.now() + timezone.timedelta(days=30)
    calendar.save()
    visitor = anonymous()
    before = visitor.get("/estadisticas/")
    assert "se publican a partir del" in before.content.decode()
    assert visitor.get("/estadisticas/")["X-Cache"] == "hit"

    admin = signed_in_admin()
    edit_url = reverse("wagtailsettings:edit", args=["home", "electioncalendar"])
    form = admin.get(edit_url, follow=True)
    edit_url = form.redirect_chain[-1][0] if form.redirect_chain else edit_url
    data = form_data(form.content.decode(), "form[method=post]")
    past = timezone.localtime(timezone.now() - timezone.timedelta(days=1))
    data["statistics_public_from"] = past.strftime("%Y-%m-%d %H:%M")
    saved = admin.post(edit_url, data)
    assert saved.status_code == 302, saved.content.decode()[:3000]
    assert ElectionCalendar.load().is_open("statistics")

    after = visitor.get("/estadisticas/")
    assert after["X-Cache"] == "miss"
    assert "se publican a partir del" not in after.content.decode()


def test_no_entry_outlives_the_next_calendar_date(home_site):
    calendar = ElectionCalendar.load()
    now = timezone.now()
    calendar.results_public_from = now + timezone.timedelta(seconds=90)
    calendar.save()
    seconds = pagecache.seconds_to_next_calendar_date(calendar, now=now)
    assert 90 <= seconds <= 91
    response = anonymous().get("/")
    assert "max-age=300" not in response["Cache-Control"]
    max_age = int(re.search(r"\bmax-age=(\d+)", response["Cache-Control"]).group(1))
    assert 0 < max_age <= 91


# --- Never stored -----------------------------------------------------------

PUBLIC_URLS = [
    "/",
    "/geografia/",
    "/geografia/municipios/toluca/",
    "/mi-boleta/5169/",
    "/candidaturas/?municipio=toluca",
    "/partidos/",
    "/quitadudas/",
    "/resultados/",
    "/estadisticas/",
    "/aviso-de-privacidad/",
]


def test_no_cached_response_carries_a_cookie_or_a_csrf_token(site):
    visitor = anonymous()
    visitor.get("/admin/login/")  # now the visitor has a csrftoken cookie, like a real one
    assert settings.CSRF_COOKIE_NAME in visitor.cookies
    hits = 0
    for url in PUBLIC_URLS:
        for _ in range(2):
            response = visitor.get(url, follow=True)
            assert response.status_code == 200, url
            if response.get("X-Cache") == "hit":
                hits += 1
                assert not response.cookies, url
                assert "Set-Cookie" not in response, url
                assert "csrfmiddlewaretoken" not in response.content.decode(), url
                assert visitor.cookies[settings.CSRF_COOKIE_NAME].value not in (
                    response.content.decode()
                ), url
    assert hits >= len(PUBLIC_URLS) - 1


def _middleware(view):
    return pagecache.PageCacheMiddleware(view)


def _public(content=b"<p>hola</p>" * 30):
    response = HttpResponse(content)
    response["Cache-Control"] = "public, max-age=300"
    return response


def test_a_response_using_a_csrf_token_is_never_stored(home_site):
    calls = []

    def view(request):
        calls.append(1)
        return _public(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">'.encode())

    middleware = _middleware(view)
    for _ in range(3):
        response = middleware(RequestFactory().get("/formulario/"))
        assert "X-Cache" not in response
    assert len(calls) == 3


def test_responses_with_cookies_private_or_not_200_are_never_stored(home_site):
    def with_cookie(request):
        response = _public()
        response.set_cookie("x", "1")
        return response

    def private(request):
        response = HttpResponse("<p>mío</p>" * 30)
        response["Cache-Control"] = "private, no-cache"
        return response

    def not_found(request):
        response = _public()
        response.status_code = 404
        return response

    for view in (with_cookie, private, not_found, lambda request: HttpResponse("x" * 300)):
        calls = []

        def counted(request, view=view, calls=calls):
            calls.append(1)
            return view(request)

        middleware = _middleware(counted)
        for _ in range(2):
            assert middleware(RequestFactory().get("/una-pagina/")).get("X-Cache") is None
        assert len(calls) == 2, view


def test_a_public_response_is_stored_and_served_without_calling_the_view(home_site):
    calls = []

    def view(request):
        calls.append(1)
        return _public()

    middleware = _middleware(view)
    assert middleware(RequestFactory().get("/una-pagina/?a=1"))["X-Cache"] == "miss"
    assert middleware(RequestFactory().get("/una-pagina/?a=1"))["X-Cache"] == "hit"
    assert middleware(RequestFactory().head("/una-pagina/?a=1"))["X-Cache"] == "hit"
    assert middleware(RequestFactory().get("/una-pagina/?a=2"))["X-Cache"] == "miss"
    assert len(calls) == 2
    pagecache.purge()
    assert middleware(RequestFactory().get("/una-pagina/?a=1"))["X-Cache"] == "miss"
    assert len(calls) == 3


@pytest.mark.parametrize(
    "cookie",
    [settings.SESSION_COOKIE_NAME, "messages"],
)
def test_visitors_with_a_session_or_a_message_bypass_the_cache(home_site, cookie):
    calls = []

    def view(request):
        calls.append(1)
        return _public()

    middleware = _middleware(view)
    factory = RequestFactory()
    middleware(factory.get("/una-pagina/"))
    request = factory.get("/una-pagina/")
    request.COOKIES[cookie] = "abc"
    assert "X-Cache" not in middleware(request)
    assert len(calls) == 2


@pytest.mark.parametrize("path", ["/admin/", "/participa/estado/", "/api/v2/pages/"])
def test_admin_participation_and_api_are_never_cached(home_site, path):
    calls = []

    def view(request):
        calls.append(1)
        return _public()

    middleware = _middleware(view)
    for _ in range(2):
        assert "X-Cache" not in middleware(RequestFactory().get(path))
    assert len(calls) == 2


def test_signed_in_editors_get_fresh_private_pages(site):
    anonymous().get("/")
    admin = signed_in_admin()
    response = admin.get("/")
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_a_purge_inside_a_transaction_is_repeated_once_at_commit(home_site):
    def scheduled():
        return sum(1 for entry in connection.run_on_commit if entry[1] is pagecache._after_commit)

    assert connection.in_atomic_block  # the test's transaction
    connection.run_on_commit = [
        e for e in connection.run_on_commit if e[1] is not pagecache._after_commit
    ]
    before = pagecache.current_generation()
    pagecache.purge()
    during = pagecache.current_generation()
    pagecache.purge()
    pagecache.purge()
    assert during != before  # at once, for the other processes
    assert scheduled() == 1  # and once more at the commit
    connection.run_on_commit[-1][1]()
    assert pagecache.current_generation() not in (before, during)


def test_generation_is_shared_between_processes_with_local_memory(tmp_path, settings):
    settings.PAGE_CACHE_STAMP_FILE = str(tmp_path / "stamp")
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"},
    }
    settings.PAGE_CACHE_ALIAS = "pages"
    first = pagecache.current_generation()
    assert first == pagecache.current_generation()
    # Another process (a gunicorn worker, a management command) purges: the file changes.
    pagecache._write_stamp(settings.PAGE_CACHE_STAMP_FILE)
    assert pagecache.current_generation() != first


# --- Headers for browsers and CDNs; counting survives ------------------------


def test_public_pages_are_cdn_ready(site):
    visitor = anonymous()
    response = visitor.get("/geografia/municipios/toluca/")
    control = response["Cache-Control"]
    assert "public" in control and "s-maxage=" in control and "stale-while-revalidate=" in control
    vary = response.get("Vary", "")
    assert "Cookie" not in vary and "Accept-Language" not in vary
    etag = response["ETag"]
    assert visitor.get("/geografia/municipios/toluca/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_cached_pages_are_still_counted(site):
    visitor = Client(HTTP_USER_AGENT=BROWSER)
    assert visitor.get("/quitadudas/")["X-Cache"] == "miss"
    for _ in range(3):
        hit = visitor.get("/quitadudas/")
        assert hit["X-Cache"] == "hit"
        assert 'id="contar-visita" data-ruta="/quitadudas/"' in hit.content.decode()
        # What site.js does on each page shown, cached or not.
        assert beacon(visitor, "/quitadudas/").status_code == 204
    assert stored(VISITS, "quitadudas") == 3


def test_favicon_is_served(home_site):
    response = anonymous().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file


# --- The CDN -----------------------------------------------------------------

PURGED = []


class RecordingBackend(BaseBackend):
    """A CDN that writes down what it is asked to purge."""

    def purge(self, url):
        PURGED.append(url)


def test_frontend_cache_is_configured_from_the_environment():
    assert frontend_cache_from_env({}) == {}
    backends = frontend_cache_from_env(
        {
            "FRONTEND_CACHE_HTTP_URL": "http://varnish:6081",
            "FRONTEND_CACHE_CLOUDFLARE_ZONEID": "zona",
            "FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN": "token",
            "FRONTEND_CACHE_HOSTNAMES": "decide.ieem.org.mx, www.decide.ieem.org.mx",
        }
    )
    assert backends["http"]["LOCATION"] == "http://varnish:6081"
    assert backends["http"]["BACKEND"].endswith("HTTPBackend")
    assert backends["cloudflare"]["ZONEID"] == "zona"
    assert backends["cloudflare"]["BEARER_TOKEN"] == "token"
    assert backends["cloudflare"]["HOSTNAMES"] == ["decide.ieem.org.mx", "www.decide.ieem.org.mx"]
    assert "cloudfront" not in backends


def test_a_calendar_change_purges_the_listing_pages_at_the_cdn(home_site, settings):
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": f"{__name__}.RecordingBackend", "HOSTNAMES": ["localhost"]}
    }
    PURGED.clear()
    calendar = ElectionCalendar.load()
    connection.run_on_commit = []  # what the set-up left for the test's (never) commit
    calendar.election_day = timezone.localdate() + timezone.timedelta(days=3)
    calendar.save()
    assert PURGED == []  # not before the commit
    (callback,) = [entry[1] for entry in connection.run_on_commit]
    callback()
    root = home_site.root_url.rstrip("/")
    assert f"{root}/" in PURGED and f"{root}/resultados/" in PURGED


def test_an_unusable_stamp_file_serves_pages_uncached(home_site, settings, tmp_path):
    settings.PAGE_CACHE_STAMP_FILE = str(tmp_path / "no-such-folder" / "stamp")
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "u"},
    }
    settings.PAGE_CACHE_ALIAS = "pages"
    for _ in range(2):
        response = anonymous().get("/")
        assert response.status_code == 200
        assert "X-Cache" not in response
