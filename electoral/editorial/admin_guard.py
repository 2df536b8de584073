"""Which admin URLs a party editor may open, and with which object ids.

Wagtail checks permissions view by view, and several of its views show an
object's title (a draft's, a task's, a page type's last edit) to any signed-in
admin user. Instead of patching those views one by one, a party editor's
request is checked against the resolved URL pattern before any view runs:

* the URL name must be on PARTY_EDITOR_VIEWS (deny by default: reports,
  workflows, settings, users, snippets other than the topic chooser, bulk
  actions… answer 403);
* every page id in the path or in ``?id=`` must be a page of their own actor
  (or a live page outside /partidos/); every revision, task state and workflow
  state id must belong to such a page;
* every image or document id must be one they may choose (their collection);
* every actor id in the path (``actor_id``: the delivery package, receipt
  and downloads of participation/delivery/) must be their own actor's.

IEEM staff and superusers are not affected: their views keep Wagtail's own
permission checks.
"""

import contextvars
import fnmatch
import functools

from django.core.exceptions import PermissionDenied
from django.db import connections, router
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from taggit.models import Tag
from wagtail.admin import filters
from wagtail.admin.auth import permission_denied
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.views import chooser as image_chooser
from wagtail.models import Page, Revision, TaskState, WorkflowState
from wagtail.permissions import policy_registry

from home.compiled import CompiledQuery

from .admin_hooks import page_visible_to_party_editor, visible_to_party_editor
from .groups import editor_links_for, parties_index
from .models import ActorEditorGroup

# URL names (namespace:name, fnmatch patterns) a party editor may open.
PARTY_EDITOR_VIEWS = (
    "wagtailadmin_home",
    "wagtailadmin_account",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset*",
    "wagtailadmin_javascript_catalog",
    "wagtail_modeladmin:javascript_catalog",
    "wagtailadmin_sprite",
    "wagtailadmin_dismissibles",
    "wagtailadmin_block_preview",
    "wagtailadmin_editing_sessions:*",
    "wagtailadmin_explore_root",
    "wagtailadmin_explore",
    "wagtailadmin_explore_results",
    "wagtailadmin_api:pages:*",
    "wagtailadmin_pages:add",
    "wagtailadmin_pages:preview_on_add",
    "wagtailadmin_pages:add_subpage",
    "wagtailadmin_pages:edit",
    "wagtailadmin_pages:preview_on_edit",
    "wagtailadmin_pages:view_draft",
    "wagtailadmin_pages:delete",
    "wagtailadmin_pages:unpublish",
    "wagtailadmin_pages:search",
    "wagtailadmin_pages:search_results",
    "wagtailadmin_pages:move",
    "wagtailadmin_pages:move_confirm",
    "wagtailadmin_pages:set_page_position",
    "wagtailadmin_pages:copy",
    "wagtailadmin_pages:workflow_action",
    "wagtailadmin_pages:collect_workflow_action_data",
    "wagtailadmin_pages:confirm_workflow_cancellation",
    "wagtailadmin_pages:workflow_preview",
    "wagtailadmin_pages:lock",
    "wagtailadmin_pages:unlock",
    "wagtailadmin_pages:revisions_*",
    "wagtailadmin_pages:workflow_history*",
    "wagtailadmin_pages:history*",
    "wagtailadmin_pages:usage",
    "wagtailadmin_choose_page*",
    "wagtailadmin_tag_autocomplete",
    "wagtailadmin_tag_model_autocomplete",
    "wagtailimages:*",
    "wagtaildocs:*",
    "wagtailimages_chooser:*",
    "wagtaildocs_chooser:*",
    "wagtailembeds:*",
    "wagtailsnippetchoosers_electoral_topic:*",
    # This project's own admin views are listed one by one (a new one is
    # denied to party editors until it is added here on purpose).
    "decide_party_audit",
    "decide_party_audit_results",
    # «Entrega de la participación»: the index shows only their own actor; the
    # package URLs carry an actor_id, checked below (ACTOR_KWARGS).
    "decide_delivery_index",
    "decide_delivery_zip",
    "decide_delivery_xlsx",
    "decide_delivery_receipt",
)

# Path arguments that name a page, per URL namespace ("" = any).
PAGE_KWARGS = {"page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"}
PAGE_PK_NAMESPACES = {"wagtailadmin_pages", "wagtailadmin_api:pages"}
IMAGE_KWARGS = {"image_id"}
DOCUMENT_KWARGS = {"document_id", "doc_id"}
# Path arguments that name a political actor (its page id): only their own.
ACTOR_KWARGS = {"actor_id"}


@functools.lru_cache(maxsize=512)
def _allowed(view_name):
    # (A function of the URL name and the constant list above: URL names are
    # the resolver's, a few hundred at most.)
    return any(fnmatch.fnmatchcase(view_name, pattern) for pattern in PARTY_EDITOR_VIEWS)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404("Identificador no válido") from None


# The pages a request names, compiled once per number of ids (up to this many).
_PAGE_ROWS = CompiledQuery(
    Page, lambda ids: Page.objects.filter(pk__in=ids).values_list("pk", "path", "live")
)
_COMPILED_IDS = 8


def _pages_visible(user, ids):
    ids = {_int(i) for i in ids}
    ops = connections[router.db_for_read(Page)].ops
    low, high = ops.integer_field_range(Page._meta.pk.get_internal_type())
    if not all(low <= i <= high for i in ids):
        return False  # no such page (the ORM would not even ask the database)
    if len(ids) <= _COMPILED_IDS:
        rows = _PAGE_ROWS.rows(ids=sorted(ids))
    else:
        rows = Page.objects.filter(pk__in=ids).values_list("pk", "path", "live")
    visible = {pk for pk, path, live in rows if visible_to_party_editor(user, pk, path, live)}
    return ids <= visible


def media_policy(model):
    return policy_registry.get_by_type(model)


def _media_visible(user, model, ids):
    policy = media_policy(model)
    ids = {_int(i) for i in ids}
    choosable = policy.instances_user_has_any_permission_for(user, ["choose", "change"])
    return ids <= set(choosable.filter(pk__in=ids).values_list("pk", flat=True))


def _page_of(model, pk, attr):
    obj = model.objects.filter(pk=_int(pk)).first()
    return getattr(obj, attr, None) if obj else None


def wants_html_page(request):
    """A normal browser navigation: GET/HEAD, not a modal's fetch, not JSON."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        return False
    accept = request.headers.get("accept", "")
    return "application/json" not in accept or "text/html" in accept


def refuse(request):
    """Refuse the way Wagtail itself does (wagtail.admin.auth.permission_denied):
    a page navigation goes to the admin home with «Lo sentimos, no tienes
    permisos para acceder a esta área.»; a fetch, a JSON request or a POST gets
    a bare 403. Whether the object exists (404) is not told apart from whether
    it belongs to another actor."""
    if not wants_html_page(request):
        raise PermissionDenied("No disponible para editores de partido")

    return permission_denied(request)


def check_request(request, match, user):
    """Raise PermissionDenied/Http404 if a party editor may not open this URL.
    Returns a response to send instead of the view's, or None."""
    name = match.view_name
    if not _allowed(name):
        raise PermissionDenied("No disponible para editores de partido")
    namespace = ":".join(match.namespaces)
    kwargs = match.kwargs
    page_ids = [v for k, v in kwargs.items() if k in PAGE_KWARGS]
    if "pk" in kwargs and namespace in PAGE_PK_NAMESPACES:
        page_ids.append(kwargs["pk"])
    if name.startswith("wagtailadmin_editing_sessions:") and kwargs.get("model_name") == "page":
        page_ids.append(kwargs.get("object_id"))
    if name in ("wagtailadmin_choose_page_chosen_multiple", "wagtailadmin_api:pages:listing"):
        page_ids += request.GET.getlist("id")
        page_ids += [request.GET[k] for k in ("child_of", "descendant_of") if request.GET.get(k)]
    page_ids += _linked_page_ids(kwargs)
    if page_ids and not _pages_visible(user, page_ids):
        if name == "wagtailadmin_explore" and wants_html_page(request):
            # Like Wagtail for a page outside the user's explorable root: back
            # to their own pages (the explorer's root for them).
            return redirect("wagtailadmin_explore_root")
        raise Http404("Página no disponible")
    _check_media(request, match, user)
    actor_ids = {_int(v) for k, v in kwargs.items() if k in ACTOR_KWARGS}
    if actor_ids and not actor_ids <= {link.actor_id for link in editor_links_for(user)}:
        raise Http404("No disponible")
    if name in ("wagtailadmin_tag_autocomplete", "wagtailadmin_tag_model_autocomplete"):
        return own_tags(request, user)
    return None


def _linked_page_ids(kwargs):
    """Pages that a revision, task state or workflow state in the path belongs to."""

    ids = []
    if kwargs.get("revision_id"):
        revision = Revision.objects.filter(pk=_int(kwargs["revision_id"])).first()
        ids.append(revision.object_id if revision else -1)
    if kwargs.get("task_state_id"):
        state = TaskState.objects.filter(pk=_int(kwargs["task_state_id"])).first()
        ids.append(state.workflow_state.object_id if state else -1)
    if kwargs.get("workflow_state_id"):
        ids.append(_page_of(WorkflowState, kwargs["workflow_state_id"], "object_id") or -1)
    return ids


def _check_media(request, match, user):
    namespace = ":".join(match.namespaces)
    kwargs = match.kwargs
    images = [v for k, v in kwargs.items() if k in IMAGE_KWARGS]
    documents = [v for k, v in kwargs.items() if k in DOCUMENT_KWARGS]
    if namespace == "wagtailimages_chooser":
        images += ([kwargs["pk"]] if "pk" in kwargs else []) + request.GET.getlist("id")
    if namespace == "wagtaildocs_chooser":
        documents += ([kwargs["pk"]] if "pk" in kwargs else []) + request.GET.getlist("id")
    if images and not _media_visible(user, get_image_model(), images):
        raise Http404("Imagen no disponible")
    if documents and not _media_visible(user, get_document_model(), documents):
        raise Http404("Documento no disponible")


def own_tags(request, user):
    """Tag autocomplete limited to the tags of the editor's own images and documents."""

    collections = [link.collection_id for link in editor_links_for(user)]
    term = request.GET.get("term", "")[:100]
    tags = Tag.objects.filter(name__istartswith=term).filter(
        pk__in=_tag_ids(get_image_model(), collections)
        | _tag_ids(get_document_model(), collections)
    )
    return JsonResponse(sorted(tags.values_list("name", flat=True)[:10]), safe=False)


def _tag_ids(model, collections):
    return set(
        model.objects.filter(collection_id__in=collections).values_list("tags__pk", flat=True)
    ) - {None}


# --- Popular tags (image and document listings and choosers) -------------
# Wagtail offers "the ten most popular tags" of all images/documents as a
# filter: another actor's tag names. For a party editor's request (set by the
# middleware) the tags come from their own collections only.

_current_editor = contextvars.ContextVar("decide_party_editor", default=None)


def set_current_editor(user):
    return _current_editor.set(user)


def reset_current_editor(token):
    _current_editor.reset(token)


def _popular_tags(original):
    def popular_tags_for_model(model, count=10):
        tags = original(model, count=count)
        user = _current_editor.get()
        if user is None:
            return tags

        collections = [link.collection_id for link in editor_links_for(user)]
        ids = _tag_ids(model, collections) if hasattr(model, "collection") else set()
        return Tag.objects.filter(pk__in=ids).order_by("name")[:count]

    return popular_tags_for_model


def install_tag_filter():
    for module in (filters, image_chooser):
        if not getattr(module.popular_tags_for_model, "_decide", False):
            module.popular_tags_for_model = _popular_tags(module.popular_tags_for_model)
            module.popular_tags_for_model._decide = True


# --- Chooser widgets (page forms, StreamField blocks) ----------------------
# A form re-rendered after an error (e.g. the media guard refusing another
# actor's document id typed into the hidden input) would show that object's
# title and edit link in its chooser widget. For a party editor's request a
# chooser shows nothing of an image, document or page of another actor.


def _other_actor_object(user, instance):
    if isinstance(instance, Page):
        index = parties_index()
        inside = index is not None and instance.path.startswith(index.path) and instance != index
        return inside and not page_visible_to_party_editor(user, instance.pk)
    if isinstance(instance, (get_image_model(), get_document_model())):
        own = {link.collection_id for link in editor_links_for(user)}
        collection = instance.collection
        others = ActorEditorGroup.objects.exclude(collection_id__in=own).select_related(
            "collection"
        )
        return any(
            collection.pk == link.collection_id or collection.path.startswith(link.collection.path)
            for link in others
            if link.collection_id
        )
    return False


def _guarded_value_data(original):
    def get_value_data(self, value):
        user = _current_editor.get()
        if user is not None:
            instance = self.get_instance(value)
            if instance is not None and _other_actor_object(user, instance):
                return None
        return original(self, value)

    get_value_data._decide = True
    return get_value_data


def install_chooser_filter():
    if not getattr(BaseChooser.get_value_data, "_decide", False):
        BaseChooser.get_value_data = _guarded_value_data(BaseChooser.get_value_data)
