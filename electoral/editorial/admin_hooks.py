"""Wagtail admin hooks of the editorial feature (imported by electoral/wagtail_hooks.py).

Party editors already lack permissions on other actors' pages and media;
these hooks also keep other actors' pages out of the page chooser and the
explorer, and trim the admin menu to what a party editor uses.
"""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from . import audit
from .capture import remember_prefill
from .capture_admin import CaptureReportView, capture_window, homepage_panels, is_ieem_staff
from .groups import editor_links_for, is_party_editor, parties_index_location
from .report import PartyAuditView

# "entrega-participacion": their own package (participation/delivery/), shown
# by its own menu item only to an actor's editors and to IEEM staff.
PARTY_EDITOR_MENU = {"explorer", "images", "documents", "help", "entrega-participacion"}


def _parties_index_for(user):
    """(pk, path) of the parties index: what the query of the party editor's
    links already said (groups.editor_links_for), else asked."""
    links = editor_links_for(user)
    return links[0].parties_index if links else parties_index_location()


def _restrict_to_own_actor(queryset, user):
    """Drop pages of other actors (drafts or live) from an admin queryset."""
    index = _parties_index_for(user)
    if index is None:
        return queryset
    index_pk, index_path = index
    own = Q()
    for link in editor_links_for(user):
        own |= Q(path__startswith=link.actor_path)
    outside_parties = ~Q(path__startswith=index_path) | Q(pk=index_pk)
    return queryset.filter(own | (outside_parties & Q(live=True)))


def visible_to_party_editor(user, pk, path, live):
    """The rule of _restrict_to_own_actor for one page (its id, tree path and
    live flag), without a query: under their own actor, or a live page outside
    /partidos/ (the parties index itself included). Tree paths are digits and
    capital letters, so ``startswith`` is what the SQL ``LIKE 'path%'`` says."""
    index = _parties_index_for(user)
    if index is None:
        return True
    if any(path.startswith(link.actor_path) for link in editor_links_for(user)):
        return True
    index_pk, index_path = index
    return bool(live) and (not path.startswith(index_path) or pk == index_pk)


def page_visible_to_party_editor(user, page_id):
    return _restrict_to_own_actor(Page.objects.filter(pk=page_id), user).exists()


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser(pages, request):
    if is_party_editor(request.user):
        return _restrict_to_own_actor(pages, request.user)
    return pages


@hooks.register("construct_explorer_page_queryset")
def limit_explorer(parent_page, pages, request):
    if is_party_editor(request.user):
        return _restrict_to_own_actor(pages, request.user)
    return pages


@hooks.register("construct_main_menu")
def party_editor_menu(request, menu_items):
    if is_party_editor(request.user):
        menu_items[:] = [item for item in menu_items if item.name in PARTY_EDITOR_MENU]


def install_menu_filter():
    """A party editor's main menu asks only the items it keeps whether they are
    shown (party_editor_menu drops every other one anyway; some, like the forms
    item or the reports and settings submenus, query the database to answer).
    Installed once by the editorial middleware (idempotent)."""
    from wagtail.admin.menu import admin_menu

    original = admin_menu.menu_items_for_request
    if getattr(original, "_decide", False):
        return

    def menu_items_for_request(request):
        if not is_party_editor(getattr(request, "user", None)):
            return original(request)
        # wagtail.admin.menu.Menu.menu_items_for_request, on the kept items only.
        items = [
            item
            for item in admin_menu.registered_menu_items
            if item.name in PARTY_EDITOR_MENU and item.is_shown(request)
        ]
        for fn in hooks.get_hooks(admin_menu.construct_hook_name):
            fn(request, items)
        return items

    menu_items_for_request._decide = True
    admin_menu.menu_items_for_request = menu_items_for_request


@hooks.register("construct_homepage_summary_items")
def party_editor_summary(request, summary_items):
    # Site-wide counts are not a party editor's business.
    if is_party_editor(request.user):
        summary_items[:] = []


@hooks.register("construct_homepage_panels")
def capture_panels(request, panels):
    homepage_panels(request, panels)


@hooks.register("before_create_page")
def prefill_profile_from_candidacy(request, parent_page, page_class):
    closed = _capture_closed(request)
    if closed:
        return closed
    remember_prefill(request, parent_page, page_class)


@hooks.register("before_edit_page")
def refuse_party_edits_after_capture_deadline(request, page):
    return _capture_closed(request)


def _capture_closed(request):
    """After IEEM's capture deadline a party editor can no longer create or
    edit (IEEM reopens it by moving the date in the calendar)."""

    if not is_party_editor(request.user):
        return None
    is_open, deadline = capture_window(request)
    if is_open:
        return None
    when = formats.date_format(timezone.localtime(deadline), "DATETIME_FORMAT")
    messages.error(
        request,
        f"La captura cerró el {when} (fecha límite del IEEM): ya no se pueden crear ni editar "
        "páginas. Si el IEEM amplía la fecha, podrás volver a hacerlo.",
    )
    return redirect("wagtailadmin_home")


@hooks.register("register_log_actions")
def register_party_log_actions(actions):
    audit.register_actions(actions)


@hooks.register("register_admin_urls")
def party_audit_urls():
    return [
        path("reports/bitacora-partidos/", PartyAuditView.as_view(), name="decide_party_audit"),
        path(
            "reports/bitacora-partidos/results/",
            PartyAuditView.as_view(results_only=True),
            name="decide_party_audit_results",
        ),
        path("reports/captura/", CaptureReportView.as_view(), name="decide_capture_report"),
        path(
            "reports/captura/results/",
            CaptureReportView.as_view(results_only=True),
            name="decide_capture_report_results",
        ),
    ]


class PartyAuditMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.is_superuser or user.has_perm("electoral.view_partyeditoraccount")


@hooks.register("register_reports_menu_item")
def party_audit_menu_item():
    return PartyAuditMenuItem(
        "Bitácora de partidos",
        reverse("decide_party_audit"),
        name="party-audit",
        icon_name="history",
        order=1001,
    )


class CaptureReportMenuItem(MenuItem):
    def is_shown(self, request):
        return is_ieem_staff(request.user)


@hooks.register("register_reports_menu_item")
def capture_report_menu_item():
    return CaptureReportMenuItem(
        "Avance de captura",
        reverse("decide_capture_report"),
        name="capture-progress",
        icon_name="tasks",
        order=1002,
    )
