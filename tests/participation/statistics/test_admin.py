"""The statistics in the admin: IEEM moderators and administrators only (party
editors 403), live (Redis flushed first), date filters, CSV and XLSX export."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from openpyxl import load_workbook

from participation.models import Reaction
from participation.setup_steps import ADMINS_GROUP, MODERATORS_GROUP

from .conftest import beacon
from .test_public_page import _forbidden_names, _leaks

pytestmark = pytest.mark.django_db
REPORT = "/admin/estadisticas/"


def user_in(django_user_model, group, name):
    user = django_user_model.objects.create_user(name, password="clave-larga-de-prueba")
    user.groups.add(group)
    return user


@pytest.fixture
def party_editor(site, django_user_model):
    group = Group.objects.create(name="Partido de Prueba (editores de estadística)")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return user_in(django_user_model, group, "editor-prueba")


@pytest.fixture
def moderator(site, django_user_model):
    return user_in(django_user_model, Group.objects.get(name=MODERATORS_GROUP), "moderacion-prueba")


@pytest.mark.parametrize("suffix", ["", "?formato=csv", "?formato=xlsx", "?desde=2021-01-01"])
def test_party_editors_get_403(client, party_editor, suffix):
    client.force_login(party_editor)
    assert client.get(REPORT + suffix).status_code == 403
    dashboard = client.get("/admin/").content.decode()
    assert "Estadísticas de uso" not in dashboard and REPORT not in dashboard


def test_real_party_editor_accounts_get_403(client, site):
    from electoral.editorial.models import ActorEditorGroup

    groups = Group.objects.filter(
        pk__in=ActorEditorGroup.objects.values_list("group_id", flat=True)
    )
    assert groups.exists()
    for group in groups:
        assert not group.permissions.filter(codename="view_dailycount").exists(), group.name


@pytest.mark.parametrize("group_name", [MODERATORS_GROUP, ADMINS_GROUP])
def test_ieem_staff_see_the_report_and_the_dashboard_panel(
    client, site, django_user_model, participation, group_name
):
    user = user_in(django_user_model, Group.objects.get(name=group_name), "personal-ieem")
    client.force_login(user)
    beacon(client, "/quitadudas/", HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux) Firefox/125.0")
    r = client.get(REPORT)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Estadísticas de uso de la herramienta" in html
    likes = Reaction.objects.filter(value=Reaction.LIKE).count()
    shown = html.replace("&laquo;", "«").replace("&raquo;", "»")
    assert f'<th scope="row">«Me gusta»</th><td>{likes}</td>' in shown
    dashboard = client.get("/admin/").content.decode()
    assert "Estadísticas de uso de la herramienta" in dashboard
    assert 'href="/admin/estadisticas/"' in dashboard


def test_date_filters(client, moderator, participation):
    client.force_login(moderator)
    today = timezone.localdate()
    all_likes = Reaction.objects.filter(value=Reaction.LIKE).count()
    today_likes = Reaction.objects.filter(value=Reaction.LIKE, created_at__date=today).count()
    assert 0 < today_likes < all_likes
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(REPORT, {"desde": today.isoformat(), "formato": "csv"}).content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    likes = sum(
        int(r["valor"])
        for r in rows
        if r["serie"] == "reacciones-por-dia" and r["columna"] == "Me gusta"
    )
    assert likes == today_likes
    assert {r["clave"] for r in rows if r["serie"] == "reacciones-por-dia"} == {today.isoformat()}
    yesterday = today - timedelta(days=1)
    html = client.get(
        REPORT, {"desde": yesterday.isoformat(), "hasta": yesterday.isoformat()}
    ).content.decode()
    assert today.strftime("%d/%m/%Y") not in html and yesterday.strftime("%d/%m/%Y") in html


def test_bad_dates_say_so_in_spanish_and_keep_what_was_typed(client, moderator):
    client.force_login(moderator)
    html = client.get(REPORT, {"desde": "30/02/2021", "hasta": "2021-05-01"}).content.decode()
    assert "Escribe una fecha válida (aaaa-mm-dd)" in html
    assert 'value="30/02/2021"' in html and 'value="2021-05-01"' in html
    html = client.get(REPORT, {"desde": "2021-06-01", "hasta": "2021-05-01"}).content.decode()
    assert "La fecha final debe ser igual o posterior a la inicial." in html
    assert 'value="2021-06-01"' in html


def test_csv_and_xlsx_exports_hold_every_series_and_no_actor_or_target(
    client, moderator, participation
):
    client.force_login(moderator)
    for path in ["/", "/mi-boleta/5200/", *(t.page.url for t in participation if t.page)]:
        beacon(client, path, HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux) Firefox/125.0")
    names = _forbidden_names()
    r = client.get(REPORT, {"formato": "csv"})
    assert r["Content-Type"].startswith("text/csv")
    text = r.content.decode("utf-8-sig")
    assert not _leaks(text, names)
    rows = list(csv.DictReader(io.StringIO(text)))
    likes = sum(
        int(r["valor"])
        for r in rows
        if r["serie"] == "reacciones-por-dia" and r["columna"] == "Me gusta"
    )
    assert likes == Reaction.objects.filter(value=Reaction.LIKE).count()
    r = client.get(REPORT, {"formato": "xlsx"})
    assert r["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(r.content))
    assert "reacciones-por-dia" in book.sheetnames and "visitas-por-seccion" in book.sheetnames
    cells = " ".join(
        str(c.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for c in row
        if c.value
    )
    assert not _leaks(cells, names)
    sheet = book["reacciones-por-dia"]
    header = [c.value for c in sheet[2]]
    col = header.index("Me gusta")
    assert sum(row[col] for row in sheet.iter_rows(min_row=3, values_only=True)) == likes


def test_a_real_party_editor_is_refused_by_the_admin_guard(client, site, participation):
    """editor-pan (setup_site's demo party account): the editorial admin guard refuses
    every admin view not listed for party editors: a page navigation goes back to the
    dashboard with Wagtail's «no permission» message, anything else gets 403."""
    from django.contrib.auth import get_user_model

    from electoral.editorial.models import PartyEditorAccount

    editor = get_user_model().objects.get(username="editor-pan")
    PartyEditorAccount.objects.filter(user=editor).update(must_change_password=False)
    client.force_login(editor)
    page = client.get(REPORT, HTTP_ACCEPT="text/html")
    assert page.status_code == 302 and page["Location"] == "/admin/"
    for suffix in ("", "?formato=csv", "?formato=xlsx"):
        r = client.get(REPORT + suffix, HTTP_ACCEPT="application/json")
        assert r.status_code == 403, suffix
        assert b"Me gusta" not in r.content
    dashboard = client.get("/admin/").content.decode()
    assert "Estadísticas de uso" not in dashboard
