from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission, GroupPagePermission, WorkflowPage

from electoral.editorial.groups import (
    ADMIN_GROUP,
    COMMS_GROUP,
    MODERATION_GROUP,
    ensure_staff_groups,
    sync_all_actors,
)
from electoral.editorial.models import ActorEditorGroup
from electoral.editorial.workflow import ensure_workflow
from electoral.models import PoliticalActorPage
from home.pagetree import ensure_child


def _page_perms(group):
    return sorted(
        (p.page.slug, p.permission.codename)
        for p in GroupPagePermission.objects.filter(group=group).select_related(
            "page", "permission"
        )
    )


def test_every_actor_gets_one_isolated_group(trees):
    pan = trees["pan"]
    assert pan.group.name == "Editores PAN"
    assert trees["va-por-el-estado-de-mexico"].group.name == "Editores PAN-PRI-PRD"
    # Independents share the "IND" label, so their groups carry their name.
    assert (
        trees["independiente-toluca"].group.name == "Editores Candidatura independiente en Toluca"
    )
    assert _page_perms(pan.group) == [("pan", "add_page"), ("pan", "change_page")]
    assert [p.codename for p in pan.group.permissions.all()] == ["access_admin"]
    media = GroupCollectionPermission.objects.filter(group=pan.group)
    assert {m.collection_id for m in media} == {pan.collection.pk}
    assert sorted(m.permission.codename for m in media) == [
        "add_document",
        "add_image",
        "change_document",
        "change_image",
        "choose_document",
        "choose_image",
    ]


def test_sync_is_idempotent_and_removes_stray_permissions(trees, parties_index):
    pan, morena = trees["pan"], trees["morena"]
    GroupPagePermission.objects.create(group=pan.group, page=morena.actor, permission_type="change")
    counts = (Group.objects.count(), ActorEditorGroup.objects.count())
    ensure_staff_groups()
    sync_all_actors()
    sync_all_actors()
    ensure_workflow(parties_index)
    ensure_workflow(parties_index)
    assert (Group.objects.count(), ActorEditorGroup.objects.count()) == counts
    assert _page_perms(pan.group) == [("pan", "add_page"), ("pan", "change_page")]
    assert WorkflowPage.objects.filter(page=parties_index).count() == 1


def test_a_new_actor_gets_its_group_at_once(trees, parties_index):
    actor, _ = ensure_child(
        parties_index,
        PoliticalActorPage,
        "pt-morena-naem-comun",
        title="Candidatura común PT-MORENA-NAEM",
        kind=PoliticalActorPage.KIND_COMMON,
        acronym="PAN",  # an acronym already taken: the group goes by the title
        full_name="Candidatura común",
        registration_order=30,
        registry_key="comun",
        ballot_label="PT_MORENA_NAEM",
    )
    link = ActorEditorGroup.objects.get(actor_id=actor.pk)
    assert link.group.name == "Editores Candidatura común PT-MORENA-NAEM"
    assert _page_perms(link.group) == [
        ("pt-morena-naem-comun", "add_page"),
        ("pt-morena-naem-comun", "change_page"),
    ]


def test_staff_groups(trees, parties_index):
    moderation = Group.objects.get(name=MODERATION_GROUP)
    assert _page_perms(moderation) == [("partidos", "publish_page")]
    comms = Group.objects.get(name=COMMS_GROUP)
    # Nothing on the party subtree: Comunicación cannot publish (or approve) party pages.
    assert not [slug for slug, _ in _page_perms(comms) if slug == "partidos"]
    admin = Group.objects.get(name=ADMIN_GROUP)
    root_perms = GroupPagePermission.objects.filter(group=admin, page__depth=1)
    assert {p.permission.codename for p in root_perms} >= {
        "add_page",
        "change_page",
        "publish_page",
    }
    assert admin.permissions.filter(codename="change_partyeditoraccount").exists()
    assert not comms.permissions.filter(codename="change_partyeditoraccount").exists()
