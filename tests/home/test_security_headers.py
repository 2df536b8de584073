"""Security headers on a public page and in the admin; inline admin scripts carry the nonce."""

import re

import pytest
from django.contrib.auth import get_user_model

SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)


def csp(response):
    return dict(
        (part.split(" ", 1) + [""])[:2]
        for part in (p.strip() for p in response["Content-Security-Policy"].split(";"))
        if part
    )


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in permissions
    policy = csp(response)
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["script-src"].startswith("'self'")
    assert policy["object-src"] == "'none'"
    assert policy["default-src"] == "'self'"
    # Nothing from another origin, anywhere.
    assert "http" not in response["Content-Security-Policy"]
    return policy


def inline_scripts(html):
    """Attributes of each <script> that runs inline code (no src, not a data block)."""
    found = []
    for attrs in SCRIPT.findall(html):
        if "src=" in attrs or re.search(r'type="(application/json|text/template)"', attrs):
            continue
        found.append(attrs)
    return found


@pytest.fixture
def admin_client(client, home_site):
    user = get_user_model().objects.create_superuser("seguridad", "s@example.mx", "x" * 16)
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_public_page_headers(client, home_site):
    response = client.get("/")
    assert response.status_code == 200
    policy = assert_common_headers(response)
    assert response["X-Frame-Options"] == "DENY"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["style-src"] == "'self'"  # no inline styles on public pages
    assert policy["script-src"] == "'self'"  # no inline script: no nonce, cacheable
    html = response.content.decode()
    assert inline_scripts(html) == []
    assert ' style="' not in html


@pytest.mark.django_db
def test_admin_login_page_headers(client, home_site):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = assert_common_headers(response)
    assert policy["frame-ancestors"] == "'self'"
    assert policy["style-src"] == "'self' 'unsafe-inline'"  # Wagtail's own styles only


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/pages/{home}/edit/",
        "/admin/settings/home/electioncalendar/{calendar}/",  # date-time widgets
        "/admin/redirects/add/",  # a page chooser widget
    ],
)
def test_admin_inline_scripts_carry_the_nonce(admin_client, home_site, path):
    from home.models import ElectionCalendar

    calendar = ElectionCalendar.load().pk
    response = admin_client.get(path.format(home=home_site.root_page_id, calendar=calendar))
    assert response.status_code == 200
    policy = assert_common_headers(response)
    scripts = inline_scripts(response.content.decode())
    if "settings" in path or "redirects" in path:
        assert scripts, "this page has inline scripts to check"
    if not scripts:  # the nonce is made only when a page uses it
        assert policy["script-src"] == "'self'"
        return
    nonce = re.fullmatch(r"'self' 'nonce-([^']+)'", policy["script-src"]).group(1)
    for attrs in scripts:
        assert f'nonce="{nonce}"' in attrs, f"inline <script{attrs}> without the nonce on {path}"


@pytest.mark.django_db
def test_nonce_changes_per_request(admin_client):
    first = csp(admin_client.get("/admin/redirects/add/"))["script-src"]
    second = csp(admin_client.get("/admin/redirects/add/"))["script-src"]
    assert first != second


@pytest.mark.django_db
def test_preview_may_be_framed_by_the_admin_only(admin_client, home_site):
    page = home_site.root_page.specific
    url = f"/admin/pages/{page.pk}/edit/preview/"
    edit = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert csp(response)["frame-ancestors"] == "'self'"


@pytest.mark.django_db
def test_the_preview_rendering_itself_takes_the_admin_policy(rf, home_site):
    # Wagtail renders a preview through a dummy request to the page's public
    # URL, with the whole middleware stack: that inner response sets the header.
    page = home_site.root_page.specific
    response = page.make_preview_request(original_request=rf.get("/admin/"))
    assert response.status_code == 200
    assert csp(response)["frame-ancestors"] == "'self'"
    assert "'unsafe-inline'" not in csp(response)["script-src"]
