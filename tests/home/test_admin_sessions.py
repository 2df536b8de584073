"""Admin sessions end after ADMIN_IDLE_TIMEOUT_SECONDS without a request."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import home.security


class Clock:
    def __init__(self, start=1_800_000_000.0):
        self.now = start

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(home.security.time, "time", clock)
    return clock


@pytest.fixture
def party_editor(home_site):
    from django.contrib.auth.models import Permission

    group, _ = Group.objects.get_or_create(name="Editores PRUEBA")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = get_user_model().objects.create_user("editor-prueba", "e@example.mx", "x" * 16)
    user.groups.add(group)
    return user


def test_default_is_thirty_minutes(settings):
    assert settings.ADMIN_IDLE_TIMEOUT_SECONDS == 30 * 60


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["staff", "party editor"])
def test_idle_admin_session_ends(client, home_site, party_editor, clock, kind):
    if kind == "staff":
        user = get_user_model().objects.create_superuser("ieem", "i@example.mx", "x" * 16)
    else:
        user = party_editor
    client.force_login(user)
    assert client.get("/admin/").status_code == 200

    clock.now += 29 * 60  # still active: each request restarts the count
    assert client.get("/admin/").status_code == 200
    clock.now += 29 * 60
    assert client.get("/admin/").status_code == 200

    clock.now += 30 * 60 + 1
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=%2Fadmin%2Fpages%2F"
    page = client.get(response["Location"])
    assert "Tu sesión se cerró tras 30 minutos sin actividad" in page.content.decode()
    assert "_auth_user_id" not in client.session
    # Signed out for good: the next request asks for the password again.
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_idle_timeout_is_a_setting(client, home_site, clock, settings):
    settings.ADMIN_IDLE_TIMEOUT_SECONDS = 5 * 60
    user = get_user_model().objects.create_superuser("ieem", "i@example.mx", "x" * 16)
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    clock.now += 5 * 60 + 1
    response = client.get("/admin/")
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "tras 5 minutos sin actividad" in page.content.decode()


@pytest.mark.django_db
def test_idle_signed_in_user_on_a_public_page_is_signed_out_quietly(client, home_site, clock):
    user = get_user_model().objects.create_superuser("ieem", "i@example.mx", "x" * 16)
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    clock.now += 31 * 60
    assert client.get("/").status_code == 200
    assert "_auth_user_id" not in client.session
