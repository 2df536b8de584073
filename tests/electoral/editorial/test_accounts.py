"""create_party_accounts, the forced password change, login throttling and the audit log."""

import csv
import io
import stat
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import PageLogEntry

from electoral.editorial import accounts
from electoral.editorial.models import PartyEditorAccount
from tests.electoral.factories import make_editor


class _FormFields(HTMLParser):
    """Default values of a form's fields, as a browser would post them."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.data[name] = a.get("value", "on")
            else:
                self.data[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            if "selected" in a or self._select not in self.data:
                self.data[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def account_form(client, **changes):
    parser = _FormFields()
    parser.feed(client.get(reverse("wagtailadmin_account")).content.decode())
    data = {k: v for k, v in parser.data.items() if k != "csrfmiddlewaretoken"}
    data.update(changes)
    return data


def change_password(client, old, new, **extra):
    return client.post(
        reverse("wagtailadmin_account"),
        account_form(
            client,
            **{
                "password-old_password": old,
                "password-new_password1": new,
                "password-new_password2": new,
                **extra,
            },
        ),
    )


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_party_accounts", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def read_rows(path):
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_creates_accounts_in_a_private_csv_without_printing_passwords(trees, tmp_path):
    out_file = tmp_path / "cuentas.csv"
    output = run("--output", str(out_file))
    rows = read_rows(out_file)
    assert len(rows) == 2 * len(trees)
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    for row in rows:
        assert row["contrasena_temporal"] not in output
        assert len(row["contrasena_temporal"]) == 20
    pan_rows = [r for r in rows if r["actor"] == "PAN"]
    assert [r["usuario"] for r in pan_rows] == ["pan-1", "pan-2"]

    user = get_user_model().objects.get(username="pan-1")
    assert user.check_password(pan_rows[0]["contrasena_temporal"])
    assert list(user.groups.values_list("name", flat=True)) == ["Editores PAN"]
    assert user.party_account.must_change_password
    assert not user.is_staff and not user.is_superuser

    # Creation and export are in the audit log, against the actor's page.
    logs = PageLogEntry.objects.filter(page=trees["pan"].actor)
    assert logs.filter(action="decide.party_account.create").count() == 2
    export = logs.get(action="decide.party_account.export")
    assert export.data["usernames"] == ["pan-1", "pan-2"]
    assert "contrasena" not in str(export.data) and pan_rows[0]["contrasena_temporal"] not in str(
        export.data
    )


def test_rerun_creates_nothing_new_and_reset_issues_a_new_password(trees, tmp_path):
    make_editor(trees["pan"], "editor-pan")  # a demo account does not count towards N
    first = tmp_path / "a.csv"
    run("--actor", "pan", "--output", str(first))
    old = {r["usuario"]: r["contrasena_temporal"] for r in read_rows(first)}
    assert set(old) == {"pan-1", "pan-2"}

    output = run("--actor", "pan", "--output", str(tmp_path / "b.csv"))
    assert "ya existían" in output and not (tmp_path / "b.csv").exists()
    assert PartyEditorAccount.objects.count() == 3

    run("--actor", "pan", "--per-actor", "3", "--output", str(tmp_path / "c.csv"))
    assert [r["usuario"] for r in read_rows(tmp_path / "c.csv")] == ["pan-3"]

    user = get_user_model().objects.get(username="pan-1")
    user.set_password("mi-clave-nueva-2021")
    user.save()
    assert not PartyEditorAccount.objects.get(user=user).must_change_password

    run("--reset", "pan-1", "--output", str(tmp_path / "d.csv"))
    (row,) = read_rows(tmp_path / "d.csv")
    user.refresh_from_db()
    assert row["usuario"] == "pan-1" and row["contrasena_temporal"] != old["pan-1"]
    assert user.check_password(row["contrasena_temporal"])
    assert user.party_account.must_change_password
    assert PageLogEntry.objects.filter(action="decide.party_account.password_reset").count() == 1


def test_command_errors_are_clear(trees, tmp_path):
    with pytest.raises(CommandError, match="No existe el actor: nadie"):
        run("--actor", "nadie", "--output", str(tmp_path / "x.csv"))
    with pytest.raises(CommandError, match="No hay una cuenta de partido"):
        run("--reset", "fantasma", "--output", str(tmp_path / "y.csv"))
    assert not (tmp_path / "y.csv").exists()
    existing = tmp_path / "z.csv"
    existing.write_text("no me borres")
    with pytest.raises(CommandError, match="ya existe"):
        run("--output", str(existing))
    assert existing.read_text() == "no me borres"


def test_default_output_is_outside_the_project(settings):
    path = accounts.default_output_path()
    assert not accounts.is_inside_project(path)
    assert path.name.startswith("decide-ieem-credenciales-") and path.suffix == ".csv"


def test_first_login_forces_a_password_change(client, trees, tmp_path):
    run("--actor", "pan", "--per-actor", "1", "--output", str(tmp_path / "c.csv"))
    (row,) = read_rows(tmp_path / "c.csv")
    login = client.post(
        reverse("wagtailadmin_login"),
        {"username": "pan-1", "password": row["contrasena_temporal"]},
    )
    assert login.status_code == 302
    assert PageLogEntry.objects.filter(action="decide.party_account.login").count() == 1

    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[trees["pan"].actor.pk]),
        reverse("wagtailimages:index"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_account")
    page = client.get(reverse("wagtailadmin_account")).content.decode()
    assert "cambia la contraseña temporal" in page

    # Keeping the one-time password is not a change.
    change_password(client, row["contrasena_temporal"], row["contrasena_temporal"])
    assert client.get(reverse("wagtailadmin_home")).status_code == 302

    # Wagtail's account form also asks for the e-mail address the notifications go to.
    response = change_password(
        client,
        row["contrasena_temporal"],
        "Nueva-clave-segura-2021",
        **{"name_email-email": "prensa@pan.example.org"},
    )
    assert response.status_code == 302
    assert not PartyEditorAccount.objects.get(user__username="pan-1").must_change_password
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert PageLogEntry.objects.filter(action="decide.party_account.password_changed").count() == 1


def test_admin_login_locks_out_after_five_failures(client, trees, editors):
    url = reverse("wagtailadmin_login")
    for _ in range(4):
        response = client.post(url, {"username": "editor-pan", "password": "incorrecta"})
        assert "Acceso bloqueado" not in response.content.decode()
    fifth = client.post(url, {"username": "editor-pan", "password": "incorrecta"})
    assert "Acceso bloqueado temporalmente" in fifth.content.decode()
    # Even the right password does not get in now, from this address.
    locked = client.post(url, {"username": "editor-pan", "password": "clave-de-prueba-123"})
    html = locked.content.decode()
    assert locked.status_code in (403, 429)
    assert "Acceso bloqueado temporalmente" in html and "30 minutos" in html
    # The lock is on the account *and* the address together: another account
    # from the same address still gets in…
    other = client.post(url, {"username": "editor-morena", "password": "clave-de-prueba-123"})
    assert other.status_code == 302


def test_a_stranger_elsewhere_cannot_lock_an_editor_out(client, trees, editors):
    """Five wrong passwords for editor-pan from another address lock only that address."""
    url = reverse("wagtailadmin_login")
    stranger = {"REMOTE_ADDR": "198.51.100.66"}
    for _ in range(6):
        client.post(url, {"username": "editor-pan", "password": "incorrecta"}, **stranger)
    assert client.post(
        url, {"username": "editor-pan", "password": "clave-de-prueba-123"}, **stranger
    ).status_code in (403, 429)
    # The editor, at their own address, signs in with the right password.
    own = client.post(
        url,
        {"username": "editor-pan", "password": "clave-de-prueba-123"},
        REMOTE_ADDR="10.9.8.7",
    )
    assert own.status_code == 302


def test_lock_out_follows_the_client_behind_a_trusted_proxy_only(client, trees, editors, settings):
    """X-Forwarded-For names the client only when the connection is a trusted proxy."""
    settings.TRUSTED_PROXIES = ["192.0.2.0/28"]
    url = reverse("wagtailadmin_login")

    def login(password, remote, forwarded):
        return client.post(
            url,
            {"username": "editor-pan", "password": password},
            REMOTE_ADDR=remote,
            HTTP_X_FORWARDED_FOR=forwarded,
        ).status_code

    for _ in range(5):
        login("incorrecta", "192.0.2.10", "10.9.8.7")
    assert login("clave-de-prueba-123", "192.0.2.11", "10.9.8.7") in (403, 429)
    # Another citizen behind the same proxy is another address: not locked.
    assert login("clave-de-prueba-123", "192.0.2.10", "10.9.8.8") == 302
    client.logout()
    # A client reaching gunicorn directly cannot dodge its lock-out with a forged header.
    for n in range(5):
        login("incorrecta", "198.51.100.66", f"203.0.113.{n}")
    assert login("clave-de-prueba-123", "198.51.100.66", "203.0.113.99") in (403, 429)


def test_login_attempts_keep_no_raw_address_and_no_access_log(client, trees, editors):
    from axes.models import AccessAttempt, AccessLog

    url = reverse("wagtailadmin_login")
    client.post(url, {"username": "editor-pan", "password": "incorrecta"}, REMOTE_ADDR="10.9.8.7")
    client.post(
        url,
        {"username": "editor-morena", "password": "clave-de-prueba-123"},
        REMOTE_ADDR="10.9.8.7",
    )
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "editor-pan" and attempt.failures_since_start == 1
    assert attempt.ip_address.startswith("fd") and "10.9.8.7" not in str(
        AccessAttempt.objects.values().get()
    )
    assert not AccessLog.objects.exists()  # successful logins are not recorded


def test_purge_access_logs_deletes_expired_attempts_and_is_idempotent(db):
    from datetime import timedelta

    from axes.models import AccessAttempt, AccessLog
    from django.utils import timezone

    def attempt(minutes_ago, username):
        row = AccessAttempt.objects.create(
            username=username,
            ip_address="fd00::1",
            user_agent="x",
            http_accept="x",
            path_info="/admin/login/",
            get_data="",
            post_data="",
            failures_since_start=3,
        )
        when = timezone.now() - timedelta(minutes=minutes_ago)
        AccessAttempt.objects.filter(pk=row.pk).update(attempt_time=when)

    attempt(31, "vencido")
    attempt(5, "vigente")
    AccessLog.objects.create(
        username="viejo", ip_address="203.0.113.5", user_agent="x", http_accept="x", path_info="/"
    )
    out = io.StringIO()
    call_command("purge_access_logs", stdout=out)
    assert "Intentos fallidos vencidos borrados: 1; registros de accesos: 1" in out.getvalue()
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["vigente"]
    assert not AccessLog.objects.exists()
    again = io.StringIO()
    call_command("purge_access_logs", stdout=again)
    assert "borrados: 0; registros de accesos: 0; registros de fallos: 0" in again.getvalue()
    assert AccessAttempt.objects.count() == 1
