"""The party editor's admin menu, the audit report by actor, and the moderators' digest."""

import io
from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import TaskState

from electoral.editorial.digest import pending_items
from tests.electoral.factories import make_staff


def menu_names(client):
    from wagtail.admin.menu import admin_menu

    request = client.get(reverse("wagtailadmin_home")).wsgi_request
    return {item.name for item in admin_menu.menu_items_for_request(request)}


def test_party_editor_menu_is_pages_images_documents_help_and_delivery(client, trees, editors):
    client.force_login(editors["pan"])
    names = menu_names(client)
    # «Entrega de la participación»: their own package (participation/delivery/).
    assert names <= {"explorer", "images", "documents", "help", "entrega-participacion"}
    assert "explorer" in names and "entrega-participacion" in names
    for url in (
        reverse("wagtailusers_users:index"),
        reverse("wagtailsnippets:index"),
        reverse("wagtailadmin_workflows:index"),
        reverse("decide_party_audit"),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response.url == "/admin/", url


def test_staff_menus_keep_their_tools(client, trees, moderator):
    client.force_login(moderator)
    names = menu_names(client)
    assert "explorer" in names and "reports" in names


def test_audit_report_filters_by_actor(client, trees, editors, moderator):
    pan, morena = trees["pan"], trees["morena"]
    log(pan.profile, "wagtail.edit", user=editors["pan"])
    log(morena.profile, "wagtail.edit", user=editors["morena"])
    log(
        pan.actor,
        "decide.party_account.login",
        user=editors["pan"],
        data={"username": "editor-pan"},
    )
    client.force_login(moderator)
    url = reverse("decide_party_audit")
    html = client.get(url, {"actor": pan.actor.pk}).content.decode()
    assert pan.profile.title in html and "«editor-pan» inició sesión" in html
    assert morena.profile.title not in html
    html = client.get(url).content.decode()
    assert pan.profile.title in html and morena.profile.title in html
    assert "Bitácora de partidos" in html


def _submit(page, user):
    from wagtail.models import Page

    page = Page.objects.get(pk=page.pk).specific
    workflow = page.get_workflow()
    page.save_revision(user=user)
    return workflow.start(page, user)


def test_digest_lists_items_waiting_more_than_24_hours(trees, editors, moderator):
    old = _submit(trees["pan"].profile, editors["pan"])
    _submit(trees["morena"].profile, editors["morena"])
    TaskState.objects.filter(workflow_state=old).update(
        started_at=timezone.now() - timedelta(hours=30)
    )
    items = pending_items(24)
    assert [i.page.pk for i in items] == [trees["pan"].profile.pk]
    assert items[0].hours_waiting == 30 and items[0].actor.pk == trees["pan"].actor.pk

    make_staff("moderacion2", "Moderación IEEM")
    mail.outbox.clear()
    out = io.StringIO()
    call_command("send_moderation_digest", stdout=out)
    assert "2 personas" in out.getvalue()
    (message,) = mail.outbox
    assert sorted(message.to) == ["moderacion2@example.org", "moderacion@example.org"]
    assert "1 página de partidos" in message.subject
    assert trees["pan"].profile.title in message.body and "30 h en espera" in message.body
    assert trees["morena"].profile.title not in message.body
    assert f"/admin/pages/{trees['pan'].profile.pk}/edit/" in message.body


def test_digest_is_quiet_when_nothing_waits(trees, moderator):
    mail.outbox.clear()
    out = io.StringIO()
    call_command("send_moderation_digest", stdout=out)
    assert "Nada espera revisión" in out.getvalue() and mail.outbox == []
