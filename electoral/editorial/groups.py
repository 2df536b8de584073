"""Wagtail groups and permissions of IEEM staff and of each actor's editors.

Every function here is idempotent: `setup_site` and the signal that runs
when an actor page is created call them again and again. Per-actor groups
are reset to exactly the permissions listed here, so a permission granted
by hand to a party group on another page never survives a sync.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import router
from django.db.models import Exists, F, Q, Subquery
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from electoral.parties.models import PartiesIndexPage, PoliticalActorPage
from home.compiled import CompiledQuery
from home.pagetree import home_page

from .models import ActorEditorGroup, PartyEditorAccount

ADMIN_GROUP = "Administración IEEM"
COMMS_GROUP = "Comunicación IEEM"
MODERATION_GROUP = "Moderación IEEM"
STAFF_GROUPS = (ADMIN_GROUP, COMMS_GROUP, MODERATION_GROUP)
EDITOR_GROUP_PREFIX = "Editores "
PARTIES_COLLECTION = "Partidos y candidaturas"

ALL_PAGE_PERMISSIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
COMMS_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
EDITOR_PAGE_PERMISSIONS = ("add", "change")  # never publish: only "Enviar a revisión"
EDITOR_MEDIA_PERMISSIONS = ("add", "change", "choose")
STAFF_MEDIA_PERMISSIONS = ("add", "change", "choose", "delete")

# Models of this feature that only Administración may change (Comunicación
# gets every other permission of the `home` and `electoral` apps).
EDITORIAL_MODELS = ("partyeditoraccount", "actoreditorgroup", "ieemreviewtask", "capturereminder")


def _page_perm(action):
    return Permission.objects.get(
        content_type=ContentType.objects.get_for_model(Page), codename=f"{action}_page"
    )


def _media_perms(actions):
    perms = []
    for model in (Image, Document):
        ct = ContentType.objects.get_for_model(model)
        name = model._meta.model_name
        perms += [Permission.objects.get(content_type=ct, codename=f"{a}_{name}") for a in actions]
    return perms


def access_admin_permission():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def _grant_pages(group, page, actions):
    for action in actions:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_page_perm(action)
        )


def _grant_collection(group, collection, actions):
    for perm in _media_perms(actions):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=perm
        )


def parties_index():
    return PartiesIndexPage.objects.first()


def parties_index_location():
    """(pk, path) of the page parties_index() returns, or None: what the admin
    filters of every party editor's request need, without building the page."""
    return PartiesIndexPage.objects.values_list("pk", "path").first()


def ensure_staff_groups():
    """Create the three IEEM groups with their permissions; returns them by name."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in STAFF_GROUPS}
    access = access_admin_permission()
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()

    # Administración: everything.
    admin = groups[ADMIN_GROUP]
    admin.permissions.add(*Permission.objects.all())
    _grant_pages(admin, root_page, ALL_PAGE_PERMISSIONS)
    _grant_collection(admin, root_collection, STAFF_MEDIA_PERMISSIONS)

    # Comunicación: institutional pages and data; nothing under /partidos/.
    comms = groups[COMMS_GROUP]
    comms.permissions.add(
        access,
        *Permission.objects.filter(content_type__app_label__in=["home", "electoral"]).exclude(
            content_type__model__in=EDITORIAL_MODELS
        ),
    )
    _grant_collection(comms, root_collection, STAFF_MEDIA_PERMISSIONS)
    sync_institutional_sections()

    # Moderación: admin access, the audit report, and publish on the party
    # subtree (a workflow approval publishes as the approver).
    moderation = groups[MODERATION_GROUP]
    moderation.permissions.add(
        access,
        Permission.objects.get(
            content_type__app_label="electoral", codename="view_partyeditoraccount"
        ),
    )
    index = parties_index()
    if index is not None:
        _grant_pages(moderation, index, ("publish",))
    return groups


def grant_institutional_section(page):
    """Give Comunicación IEEM full editing rights on one section of the site."""
    comms = Group.objects.filter(name=COMMS_GROUP).first()
    if comms is None:
        return

    if isinstance(page.specific_deferred, PartiesIndexPage):
        return
    _grant_pages(comms, page, COMMS_PAGE_PERMISSIONS)


def sync_institutional_sections():
    """Comunicación edits every section under the home page except /partidos/.

    Page permissions apply to a page and everything below it, so they are
    granted per section rather than on the home page (which would include the
    party subtree and let Comunicación publish party pages without review).
    """

    home = home_page()
    if home is None:
        return
    for section in home.get_children():
        grant_institutional_section(section)


# --- Per-actor editor groups ---------------------------------------------


def _editor_group_name(actor):
    """ "Editores <siglas>"; independents (who share "IND") go by their name."""
    label = actor.acronym or actor.title
    if actor.kind == actor.KIND_INDEPENDENT or _name_taken(EDITOR_GROUP_PREFIX + label, actor):
        label = actor.title
    name = EDITOR_GROUP_PREFIX + label
    if _name_taken(name, actor):
        name = f"{name} ({actor.get_kind_display().lower()})"
    if _name_taken(name, actor):
        name = f"{name} {actor.slug}"
    return name[:150]


def _name_taken(name, actor):
    return (
        Group.objects.filter(name=name)
        .exclude(actor_link__actor_id=actor.pk)
        .filter(Q(actor_link__isnull=False) | Q(name__in=STAFF_GROUPS))
        .exists()
    )


def _parties_root_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=PARTIES_COLLECTION).first()
    return existing or root.add_child(name=PARTIES_COLLECTION)


def sync_actor(actor):
    """Give `actor` its editors' group and collection, with exactly the
    permissions they need (idempotent). Returns the ActorEditorGroup."""

    link = (
        ActorEditorGroup.objects.filter(actor_id=actor.pk)
        .select_related("group", "collection")
        .first()
    )
    name = _editor_group_name(actor)
    label = name.removeprefix(EDITOR_GROUP_PREFIX)
    if link is None:
        group, _ = Group.objects.get_or_create(name=name)
        collection = _parties_root_collection().add_child(name=label)
        link = ActorEditorGroup.objects.create(
            actor_id=actor.pk, group=group, collection=collection
        )
    else:
        group, collection = link.group, link.collection
        if group.name != name:
            group.name = name
            group.save(update_fields=["name"])
        if collection.name != label:
            collection.name = label
            collection.save(update_fields=["name"])

    # Model permissions: admin access only.
    group.permissions.set([access_admin_permission()])
    # Page permissions: add/change on its own subtree, nothing elsewhere.
    wanted_pages = {_page_perm(a).pk for a in EDITOR_PAGE_PERMISSIONS}
    GroupPagePermission.objects.filter(group=group).exclude(
        page_id=actor.pk, permission_id__in=wanted_pages
    ).delete()
    _grant_pages(group, actor, EDITOR_PAGE_PERMISSIONS)
    # Images and documents: its own collection only.
    wanted_media = [p.pk for p in _media_perms(EDITOR_MEDIA_PERMISSIONS)]
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=collection, permission_id__in=wanted_media
    ).delete()
    _grant_collection(group, collection, EDITOR_MEDIA_PERMISSIONS)
    return link


def sync_all_actors():
    return [sync_actor(actor) for actor in PoliticalActorPage.objects.all().order_by("path")]


# --- Who is who -----------------------------------------------------------


def _links_query(user_pk):
    """The ActorEditorGroup rows of the groups of user `user_pk`, with what the
    admin asks on every request (see editor_links_for), as plain values."""
    index = PartiesIndexPage.objects.order_by("path")
    return (
        ActorEditorGroup.objects.filter(group__user=user_pk)
        .annotate(
            actor_path=F("actor__path"),
            holds_staff_role=Exists(Group.objects.filter(user=user_pk, name__in=STAFF_GROUPS)),
            password_flagged=Exists(
                PartyEditorAccount.objects.filter(user_id=user_pk, must_change_password=True)
            ),
            index_pk=Subquery(index.values("pk")[:1]),
            index_path=Subquery(index.values("path")[:1]),
        )
        .order_by("pk")
        .values_list(*_LINK_FIELDS, *_LINK_ANNOTATIONS)
    )


_LINK_FIELDS = ("id", "actor_id", "group_id", "collection_id")
_LINK_ANNOTATIONS = ("actor_path", "holds_staff_role", "password_flagged", "index_pk", "index_path")
# Built and compiled once per process (home/compiled.py): a
# request only runs its SQL with the user's id.
_LINKS = CompiledQuery(ActorEditorGroup, _links_query)


def _load_links(user_pk):
    alias = router.db_for_read(ActorEditorGroup)
    links = []
    for row in _LINKS.rows(user_pk=user_pk):
        link = ActorEditorGroup.from_db(alias, _LINK_FIELDS, row[: len(_LINK_FIELDS)])
        path, staff, flagged, index_pk, index_path = row[len(_LINK_FIELDS) :]
        link.actor_path = path
        link.holds_staff_role = bool(staff)
        link.password_flagged = bool(flagged)
        # (pk, path) of the parties index, as parties_index_location() says.
        link.parties_index = None if index_pk is None else (index_pk, index_path)
        links.append(link)
    return links


def editor_links_for(user):
    """ActorEditorGroup rows of the groups `user` belongs to (cached per user object).

    One query for all the questions the admin asks on every request of a
    party editor: their links (with each actor page's tree path, so that
    nothing builds the page itself), whether they also hold an IEEM role
    (`is_party_editor`), whether their account still has to change its
    one-time password (the editorial middleware) and where the parties index
    is (`link.parties_index`, for the page filters of admin_hooks). `link.actor`
    is still there, loaded when asked for. The query's SQL is compiled once per
    process, the query itself runs once per request (per user object): a
    change of groups, links or password flag counts from the next request on.
    """

    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_decide_editor_links", None)
    if cached is None:
        cached = _load_links(user.pk)
        user._decide_editor_links = cached
    return cached


def is_party_editor(user):
    """True for a party editor who holds no IEEM role (the restricted admin)."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return False
    links = editor_links_for(user)
    return bool(links) and not links[0].holds_staff_role


def actor_for_page(page):
    """The PoliticalActorPage `page` belongs to (itself included), or None."""
    return PoliticalActorPage.objects.ancestor_of(page, inclusive=True).first()
