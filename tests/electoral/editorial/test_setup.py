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
