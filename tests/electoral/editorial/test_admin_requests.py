"""The per-request work of the editorial guard (issue 14): its SQL is compiled
once per process, its answers are not. What the compiled queries return is
what the ORM says, and a change of groups, links or password flag counts on
the very next request."""

import pytest
from django.contrib.auth.models import Group
from django.db.models import Exists, F
from django.urls import reverse
from wagtail.models import Page

from electoral.editorial import groups
from electoral.editorial.admin_hooks import _restrict_to_own_actor, visible_to_party_editor
from electoral.editorial.groups import STAFF_GROUPS, editor_links_for, is_party_editor
from electoral.editorial.models import ActorEditorGroup, PartyEditorAccount
from electoral.models import PartiesIndexPage
from home.compiled import CompiledQuery
from home.pagetree import home_page
from tests.electoral.factories import make_editor, make_staff


def _orm_links(user):
    """editor_links_for as a plain ORM queryset (what it was before its SQL was compiled)."""
    index = PartiesIndexPage.objects.values_list("pk", "path").first()
    return [
        _row(link, index)
        for link in ActorEditorGroup.objects.filter(group__user=user.pk)
        .annotate(
            actor_path=F("actor__path"),
            holds_staff_role=Exists(Group.objects.filter(user=user.pk, name__in=STAFF_GROUPS)),
            password_flagged=Exists(
                PartyEditorAccount.objects.filter(user_id=user.pk, must_change_password=True)
            ),
        )
        .order_by("pk")
    ]


def _links(user):
    user.__dict__.pop("_decide_editor_links", None)
    return [_row(link, link.parties_index) for link in editor_links_for(user)]


def _row(link, index):
    """What the guard reads of a link, comparable between the two ways of asking."""
    return (
        link.pk,
        link.actor_id,
        link.group_id,
        link.collection_id,
        link.actor_path,
        link.holds_staff_role,
        link.password_flagged,
        index,
    )


def test_compiled_links_query_says_what_the_orm_says(trees, editors, moderator):
    pan, morena = trees["pan"], trees["morena"]
    flagged = make_editor(pan, "editor-pan-2", must_change_password=True)
    both = make_editor(morena, "editor-morena-y-pan")
    both.groups.add(pan.group)  # two actors' links
    staff_editor = make_editor(pan, "editora-del-ieem")
    staff_editor.groups.add(Group.objects.get(name=groups.MODERATION_GROUP))
    users = [*editors.values(), flagged, both, staff_editor, moderator]
    for user in users:
        assert _links(user) == _orm_links(user), user.username
    assert len(_links(both)) == 2
    assert _links(flagged)[0][6] is True and _links(editors["pan"])[0][6] is False
    assert _links(staff_editor)[0][5] is True and _links(editors["pan"])[0][5] is False
    assert _links(moderator) == []
    assert [is_party_editor(u) for u in (editors["pan"], staff_editor, moderator)] == [
        True,
        False,
        False,
    ]


def test_a_compiled_query_refuses_a_value_the_orm_transforms(db):
    # A LIKE pattern is not the value handed in: compiling must refuse it
    # rather than run the SQL with the sentinel in place.
    query = CompiledQuery(Page, lambda n: Page.objects.filter(title__contains=n))
    with pytest.raises(ValueError):
        query.rows(n=1)
    query = CompiledQuery(Page, lambda n: Page.objects.filter(depth=n).values_list("pk"))
    assert query.rows(n=2) == list(Page.objects.filter(depth=2).values_list("pk"))
    query = CompiledQuery(Page, lambda ids: Page.objects.filter(pk__in=ids).values_list("pk"))
    pks = sorted(Page.objects.values_list("pk", flat=True)[:3])
    assert [pk for (pk,) in query.rows(ids=pks)] == pks
    assert query.rows(ids=[pks[0], 0]) == [(pks[0],)]


def test_the_page_rule_in_python_is_the_sql_filter(trees, editors):
    """admin_guard checks the ids a URL names with visible_to_party_editor;
    the explorer and the choosers filter with _restrict_to_own_actor. Same
    answer for every page and every editor (drafts and live pages, inside and
    outside /partidos/, the parties index itself)."""
    draft = Page.objects.get(pk=trees["morena"].profile.pk)
    draft.live = False
    draft.save(update_fields=["live"])
    outside_draft = Page.objects.get(pk=home_page().pk)
    outside_draft.live = False
    outside_draft.save(update_fields=["live"])
    pages = list(Page.objects.values_list("pk", "path", "live"))
    outcomes = set()
    for user in editors.values():
        for pk, path, live in pages:
            in_python = visible_to_party_editor(user, pk, path, live)
            in_sql = _restrict_to_own_actor(Page.objects.filter(pk=pk), user).exists()
            assert in_python == in_sql, (user.username, path, live)
            outcomes.add(in_python)
    assert outcomes == {True, False}


def _allowed_and_refused(client, pan, morena):
    own = client.get(reverse("wagtailadmin_pages:edit", args=[pan.profile.pk]))
    other = client.get(reverse("wagtailadmin_pages:edit", args=[morena.profile.pk]))
    return own.status_code, other.status_code, other.get("Location")


def test_group_link_and_password_changes_count_on_the_next_request(client, trees, editors):
    pan, morena = trees["pan"], trees["morena"]
    user = editors["pan"]
    client.force_login(user)
    assert _allowed_and_refused(client, pan, morena) == (200, 302, "/admin/")

    # Moved to Morena's group: Morena's page now, PAN's no more.
    user.groups.set([morena.group])
    assert _allowed_and_refused(client, morena, pan) == (200, 302, "/admin/")
    user.groups.set([pan.group])
    assert _allowed_and_refused(client, pan, morena) == (200, 302, "/admin/")

    # A one-time password flagged again: the next admin request goes to the account page.
    PartyEditorAccount.objects.filter(user=user).update(must_change_password=True)
    flagged = client.get(reverse("wagtailadmin_pages:edit", args=[pan.profile.pk]))
    assert (flagged.status_code, flagged["Location"]) == (302, reverse("wagtailadmin_account"))
    PartyEditorAccount.objects.filter(user=user).update(must_change_password=False)
    assert _allowed_and_refused(client, pan, morena) == (200, 302, "/admin/")

    # Given an IEEM role: no longer the restricted party editor.
    moderation = Group.objects.get(name=groups.MODERATION_GROUP)
    user.groups.add(moderation)
    assert not is_party_editor(client.get("/admin/").wsgi_request.user)
    user.groups.remove(moderation)
    assert is_party_editor(client.get("/admin/").wsgi_request.user)

    # The group's link to its actor deleted: no actor's editor any more.
    ActorEditorGroup.objects.filter(group=pan.group).delete()
    assert not is_party_editor(client.get("/admin/").wsgi_request.user)


def test_staff_password_flag_counts_on_the_next_request(client, trees):
    staff = make_staff("comunicacion-2", groups.COMMS_GROUP)
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200
    PartyEditorAccount.objects.create(
        user=staff, actor_id=trees["pan"].actor.pk, issued_password="x", must_change_password=True
    )
    response = client.get("/admin/")
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_account"))


def _refused(response):
    if response.status_code == 302:
        return response["Location"] == "/admin/"
    return response.status_code in (403, 404)


@pytest.mark.parametrize("page_id", ["99999999999999999999999", "2147483648", "0"])
def test_an_impossible_page_id_is_a_plain_refusal(client, trees, editors, page_id):
    """Ids no page can have (beyond the column's range, too): refused like any
    other page of no one's, never a server error."""
    client.force_login(editors["pan"])
    urls = [
        f"/admin/pages/{page_id}/edit/",
        f"/admin/api/main/pages/?child_of={page_id}&for_explorer=1",
        f"/admin/choose-page/chosen-multiple/?id={trees['pan'].profile.pk}&id={page_id}",
    ]
    for url in urls:
        assert _refused(client.get(url)), url


def test_the_party_editors_menu_is_wagtails_menu_trimmed(client, trees, editors, moderator):
    """The main menu of a party editor asks only the items it keeps
    (admin_hooks.install_menu_filter): the same items as Wagtail's own
    Menu.menu_items_for_request followed by the trimming hook."""
    from wagtail.admin.menu import Menu, admin_menu

    assert getattr(admin_menu.menu_items_for_request, "_decide", False)
    for user in (editors["pan"], editors["independiente-toluca"], moderator):
        client.force_login(user)
        request = client.get(reverse("wagtailadmin_home")).wsgi_request
        ours = [item.name for item in admin_menu.menu_items_for_request(request)]
        wagtails = [item.name for item in Menu.menu_items_for_request(admin_menu, request)]
        assert ours == wagtails, user.username
        assert "explorer" in ours
        assert ("reports" in ours) == (user == moderator), ours  # Moderación's audit report
