import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from participation.models import Idea, Reaction, Target
from participation.setup_steps import ADMINS_GROUP, MODERATORS_GROUP, participation_permissions
from tests.participation.factories import IdeaFactory, ReactionFactory, TargetFactory
from tests.participation.ideas.test_ideas import XSS

pytestmark = pytest.mark.django_db
LIST = "/admin/participacion/ideas/"


@pytest.fixture
def groups(db):
    participation_permissions(stdout=io.StringIO())
    party = Group.objects.create(name="Partido de Prueba (editores)")
    party.permissions.add(Permission.objects.get(codename="access_admin"))
    return {
        "moderator": Group.objects.get(name=MODERATORS_GROUP),
        "admin": Group.objects.get(name=ADMINS_GROUP),
        "party": party,
    }


def user_in(django_user_model, group, name):
    user = django_user_model.objects.create_user(name, password="clave-larga-de-prueba")
    user.groups.add(group)
    return user


def moderation_log(idea):
    """(action, user, reason) of the moderation entries in the idea's log, oldest first."""
    entries = ModelLogEntry.objects.for_instance(idea).filter(action__startswith="decide.idea.")
    return [
        (e.action, e.user.get_username(), e.data.get("reason", ""))
        for e in entries.order_by("timestamp", "pk")
    ]


@pytest.fixture
def target(feedback_page):
    return TargetFactory(
        page=feedback_page,
        block_id="b1",
        kind=Target.KIND_TOPIC,
        label="Seguridad",
        page_title="Plataforma de prueba",
        actor_title="Partido de Prueba",
        actor_acronym="PDP",
    )


@pytest.fixture
def other_target(feedback_page):
    return TargetFactory(
        page=feedback_page,
        block_id="b2",
        label="Salud",
        page_title="Plataforma de prueba",
        actor_title="Otro Partido",
        actor_acronym="OP",
    )


def make_idea(target, text, **extra):
    return IdeaFactory(target=target, text=text, **extra)


def test_moderator_queue_filters_by_status_actor_and_target(
    client, django_user_model, groups, target, other_target
):
    make_idea(target, "Idea pendiente sobre seguridad")
    make_idea(target, "Idea aceptada sobre seguridad", status=Idea.ACCEPTED)
    make_idea(other_target, "Idea pendiente sobre salud")
    client.force_login(user_in(django_user_model, groups["moderator"], "mod"))
    html = client.get(LIST).content.decode()
    assert all(t in html for t in ("Idea pendiente sobre seguridad", "Idea pendiente sobre salud"))
    html = client.get(LIST + "?status=pendiente").content.decode()
    assert "Idea aceptada sobre seguridad" not in html and "Idea pendiente sobre salud" in html
    html = client.get(LIST + "?actor=Otro+Partido").content.decode()
    assert "Idea pendiente sobre salud" in html and "sobre seguridad" not in html
    html = client.get(LIST + f"?target={target.pk}&status=aceptada").content.decode()
    assert "Idea aceptada sobre seguridad" in html and "pendiente" not in html.split("<tbody")[-1]
    html = client.get(
        LIST + "?created_at_from=2000-01-01&created_at_to=2000-01-02"
    ).content.decode()
    assert "sobre seguridad" not in html


def test_bulk_accept_and_reject_with_reason(client, django_user_model, groups, target):
    a = make_idea(target, "Primera idea")
    b = make_idea(target, "Segunda idea")
    c = make_idea(target, "Tercera idea")
    moderator = user_in(django_user_model, groups["moderator"], "mod")
    client.force_login(moderator)
    base = "/admin/bulk/participation/idea/"
    r = client.get(f"{base}accept_ideas/?id={a.pk}&id={b.pk}&next={LIST}")
    assert r.status_code == 200 and "Vas a aceptar 2 ideas" in r.content.decode()
    r = client.post(f"{base}accept_ideas/?id={a.pk}&id={b.pk}&next={LIST}")
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.status == Idea.ACCEPTED and a.moderated_by == moderator and a.moderated_at
    # Rejecting needs a reason.
    r = client.post(f"{base}reject_ideas/?id={c.pk}&next={LIST}", {})
    assert r.status_code == 200 and "Indica el motivo del rechazo" in r.content.decode()
    c.refresh_from_db()
    assert c.status == Idea.PENDING
    r = client.post(f"{base}reject_ideas/?id={c.pk}&next={LIST}", {"reason": "datos_personales"})
    assert r.status_code == 302
    c.refresh_from_db()
    assert (c.status, c.reason) == (Idea.REJECTED, "datos_personales")
    assert Idea.objects.count() == 3  # nothing deleted
    # Each decision is in the idea's history, with who made it and the reason.
    assert moderation_log(a) == [("decide.idea.accept", "mod", "")]
    assert moderation_log(c) == [("decide.idea.reject", "mod", "datos_personales")]
    history = client.get(f"{LIST}history/{c.pk}/").content.decode()
    assert "Idea rechazada por «Datos personales»" in history
    # Accepting an idea that is already accepted records nothing new.
    client.post(f"{base}accept_ideas/?id={a.pk}&next={LIST}")
    assert len(moderation_log(a)) == 1


def test_edit_view_moderates_one_idea_and_requires_reason(
    client, django_user_model, groups, target
):
    idea = make_idea(target, "Una idea para moderar")
    moderator = user_in(django_user_model, groups["moderator"], "mod")
    client.force_login(moderator)
    url = f"{LIST}edit/{idea.pk}/"
    html = client.get(url).content.decode()
    assert "Una idea para moderar" in html
    r = client.post(url, {"status": "rechazada", "reason": ""})
    assert r.status_code == 200 and "Indica el motivo del rechazo" in r.content.decode()
    r = client.post(url, {"status": "rechazada", "reason": "spam", "text": "cambiado"})
    assert r.status_code == 302
    idea.refresh_from_db()
    assert (idea.status, idea.reason, idea.text) == ("rechazada", "spam", "Una idea para moderar")
    assert idea.moderated_by == moderator
    client.post(url, {"status": "aceptada", "reason": "spam"})
    idea.refresh_from_db()
    assert (idea.status, idea.reason) == ("aceptada", "")
    assert moderation_log(idea) == [
        ("decide.idea.reject", "mod", "spam"),
        ("decide.idea.accept", "mod", ""),
    ]
    history = client.get(f"{LIST}history/{idea.pk}/").content.decode()
    assert "Idea rechazada por «Spam»" in history and "Idea aceptada" in history


def test_nobody_can_delete_or_add_ideas(client, django_user_model, groups, target):
    idea = make_idea(target, "Idea que no se borra")
    admin = django_user_model.objects.create_superuser("root", password="clave-larga-de-prueba")
    client.force_login(admin)
    client.post(f"{LIST}delete/{idea.pk}/")
    r = client.post(f"/admin/bulk/participation/idea/delete/?id={idea.pk}")
    assert r.status_code == 404  # no bulk delete is registered for ideas
    assert Idea.objects.filter(pk=idea.pk).exists()
    assert client.get(f"{LIST}add/").status_code in (302, 403)
    html = client.get(LIST).content.decode()
    assert "Idea que no se borra" in html
    assert "/admin/bulk/participation/idea/delete/" not in html
    assert "/admin/bulk/participation/idea/reject_ideas/" in html


def test_queue_links_each_idea_to_its_moderation_form(client, django_user_model, groups, target):
    long_text = "Propongo una ruta de transporte nocturno " + "con paradas seguras " * 10 + "FIN"
    idea = make_idea(target, long_text)
    client.force_login(user_in(django_user_model, groups["moderator"], "mod"))
    html = client.get(LIST + "?status=pendiente").content.decode()
    assert f'href="{LIST}edit/{idea.pk}/"' in html
    assert "FIN" not in html  # the list shows a summary ...
    assert "FIN" in client.get(f"{LIST}edit/{idea.pk}/").content.decode()  # ... the form all of it


def test_xss_in_ideas_is_inert_in_the_admin(client, django_user_model, groups, target):
    idea = make_idea(target, XSS, name="<b>Ana</b>")
    client.force_login(user_in(django_user_model, groups["moderator"], "mod"))
    for url in (LIST, f"{LIST}edit/{idea.pk}/", f"{LIST}inspect/{idea.pk}/", LIST + "?q=alert"):
        html = client.get(url).content.decode()
        assert '<script>alert("x")' not in html, url
        assert "<img src=x onerror" not in html, url
    assert "&lt;script&gt;alert" in client.get(f"{LIST}inspect/{idea.pk}/").content.decode()
    r = client.get(f"/admin/bulk/participation/idea/accept_ideas/?id={idea.pk}")
    assert "<img src=x onerror" not in r.content.decode()


def test_reactions_report_shows_counts_to_staff_only(
    client, django_user_model, groups, target, other_target
):
    for i in range(3):
        ReactionFactory(target=target, participant=f"l{i}", value=Reaction.LIKE)
    ReactionFactory(target=target, participant="d", value=Reaction.DISLIKE)
    ReactionFactory(target=other_target, participant="d", value=Reaction.DISLIKE)
    make_idea(target, "pendiente uno")
    make_idea(target, "pendiente dos")
    make_idea(target, "aceptada", status=Idea.ACCEPTED)
    make_idea(other_target, "rechazada", status=Idea.REJECTED, reason="spam")
    url = reverse("participation_reactions_report")
    client.force_login(user_in(django_user_model, groups["admin"], "jefa"))
    html = client.get(url).content.decode()
    rows = {cells[2]: cells[4:] for cells in table_rows(html)}
    # likes, dislikes, flagged, pending, accepted, rejected: each figure counted once
    assert rows["Seguridad"] == ["3", "1", "0", "2", "1", "0"]
    assert rows["Salud"] == ["0", "1", "0", "0", "0", "1"]
    assert '<th>3</th><th>2</th><th>0</th><th colspan="3">4 ideas</th>' in html
    only_op = {
        cells[2] for cells in table_rows(client.get(url + "?actor=Otro+Partido").content.decode())
    }
    assert only_op == {"Salud"}
    client.force_login(user_in(django_user_model, groups["party"], "partido"))
    denied = client.get(url)
    assert denied.status_code in (302, 403) and "Seguridad" not in denied.content.decode()


def table_rows(html):
    """The cells' text of each body row of the first table in `html`."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_party_editors_see_no_participation_data(client, django_user_model, groups, target):
    make_idea(target, "Idea confidencial del partido")
    client.force_login(user_in(django_user_model, groups["party"], "partido"))
    dashboard = client.get("/admin/").content.decode()
    assert "Ideas ciudadanas por moderar" not in dashboard
    assert "Moderación de ideas" not in dashboard and "Reacciones por elemento" not in dashboard
    response = client.get(LIST)
    assert response.status_code in (302, 403)
    assert "Idea confidencial" not in response.content.decode()


def test_dashboard_panel_counts_pending_ideas(
    client, django_user_model, groups, target, other_target
):
    make_idea(target, "uno")
    make_idea(target, "dos")
    make_idea(other_target, "tres")
    make_idea(other_target, "cuatro", status=Idea.REJECTED, reason="spam")
    client.force_login(user_in(django_user_model, groups["moderator"], "mod"))
    html = client.get("/admin/").content.decode()
    assert "Ideas ciudadanas por moderar" in html
    assert "<strong>3</strong> ideas pendientes" in html
    assert "<td>Partido de Prueba</td><td>2</td>" in html


def test_setup_step_grants_group_permissions(groups):
    perms = set(groups["moderator"].permissions.values_list("codename", flat=True))
    assert {"view_idea", "change_idea", "view_reaction", "access_admin"} <= perms
    assert "delete_idea" not in perms
    participation_permissions(stdout=io.StringIO())  # idempotent
    assert Group.objects.filter(name=MODERATORS_GROUP).count() == 1
