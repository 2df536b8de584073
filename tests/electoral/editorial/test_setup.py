import io

from django.contrib.auth import get_user_model
from django.test import override_settings

from electoral.editorial import setup
from electoral.editorial.models import PartyEditorAccount


def run_steps():
    out = io.StringIO()
    for step in (setup.create_groups, setup.create_workflow, setup.create_demo_accounts):
        step(stdout=out)
    return out.getvalue()


def test_setup_steps_are_idempotent_and_create_demo_accounts(trees, client):
    run_steps()
    output = run_steps()
    assert "ya existía" in output and "/partidos/" in output
    User = get_user_model()
    moderator = User.objects.get(username="moderacion")
    assert list(moderator.groups.values_list("name", flat=True)) == ["Moderación IEEM"]
    assert moderator.check_password("decide-ieem-demo")
    editor = User.objects.get(username="editor-pan")
    assert list(editor.groups.values_list("name", flat=True)) == ["Editores PAN"]
    assert not PartyEditorAccount.objects.get(user=editor).must_change_password
    assert User.objects.filter(username="editor-va-por-el-estado-de-mexico").exists()
    login = client.post(
        "/admin/login/", {"username": "comunicacion", "password": "decide-ieem-demo"}
    )
    assert login.status_code == 302


@override_settings(DEMO_ACCOUNTS=False)
def test_no_demo_accounts_outside_dev(trees):
    output = run_steps()
    assert "desactivadas" in output
    assert not get_user_model().objects.filter(username__in=["moderacion", "editor-pan"]).exists()


def test_wagtail_default_groups_and_root_workflow_are_retired(trees, parties_index):
    from django.contrib.auth.models import Group
    from wagtail.models import Page, Workflow

    root = Page.get_first_root_node()
    default = Workflow.objects.get(name="Moderators approval")  # Wagtail's initial data
    assert default.active and Page.objects.get(pk=root.pk).get_workflow() == default
    assert Group.objects.filter(name__in=["Moderators", "Editors"]).count() == 2

    out = io.StringIO()
    setup.retire_defaults(stdout=out)
    assert "grupos borrados: Moderators, Editors" in out.getvalue()
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
    default.refresh_from_db()
    assert not default.active
    assert Page.objects.get(pk=root.pk).get_workflow() is None
    assert all(not task.active for task in default.tasks)
    run_steps()  # the party subtree keeps its own review
    assert parties_index.get_workflow().name == "Revisión IEEM"

    out = io.StringIO()
    setup.retire_defaults(stdout=out)
    assert out.getvalue().strip() == "nada que retirar"


def test_a_default_group_with_members_is_kept_and_named(trees):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user("alguien")
    user.groups.add(Group.objects.get(name="Editors"))
    out = io.StringIO()
    setup.retire_defaults(stdout=out)
    assert "grupos borrados: Moderators" in out.getvalue()
    assert "AVISO: el grupo «Editors» de Wagtail tiene usuarios y se conservó" in out.getvalue()
    assert Group.objects.filter(name="Editors").exists()
