"""What a party editor may do in the admin beyond Wagtail's own permission checks."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from wagtail.models import Page, WorkflowState

from home.compiled import CompiledQuery

from .admin_guard import (
    check_request,
    install_chooser_filter,
    install_tag_filter,
    refuse,
    reset_current_editor,
    set_current_editor,
)
from .admin_hooks import install_menu_filter
from .groups import editor_links_for, is_party_editor
from .models import PartyEditorAccount

MESSAGE = (
    "Por seguridad, antes de continuar cambia la contraseña temporal que te entregó el IEEM "
    "(apartado «Contraseña»). Registra también tu correo para recibir los avisos de revisión."
)


# Whether a user without actor links (IEEM staff) still holds a one-time
# password: its SQL compiled once per process (home/compiled.py).
_FLAGGED = CompiledQuery(
    PartyEditorAccount,
    lambda user_pk: PartyEditorAccount.objects.filter(
        user_id=user_pk, must_change_password=True
    ).values_list("pk")[:1],
)

# The URL names of «Entrega de la participación» (participation/delivery/).
DELIVERY_VIEW_PREFIX = "decide_delivery_"


class PartyEditorAdminMiddleware:
    """1. A user holding a one-time password only reaches the account page
    (where Wagtail's password change form is) until they change it.
    2. A party editor reaches only the admin views and objects of their own
       actor (electoral/editorial/admin_guard.py).
    3. The edit page of a page sent back by IEEM shows the reason on top."""

    def __init__(self, get_response):
        # Once, when the middleware chain is built (idempotent), not per request.
        install_tag_filter()
        install_chooser_filter()
        install_menu_filter()
        self.get_response = get_response

    def __call__(self, request):
        response = self._check(request)
        if response is not None:
            return response
        user = getattr(request, "user", None)
        token = set_current_editor(user if user is not None and is_party_editor(user) else None)
        try:
            return self.get_response(request)
        finally:
            reset_current_editor(token)

    def _check(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        admin_prefix = reverse("wagtailadmin_home")
        if not request.path.startswith(admin_prefix):
            return None
        response = self._force_password_change(request, user, admin_prefix)
        if response is None:
            match = self._resolve(request)
            response = self._guard(request, match, user)
            if response is None:
                self._show_requested_changes(request, match, user)
        return response

    @staticmethod
    def _resolve(request):
        try:
            return resolve(request.path)
        except Resolver404:
            return None

    @staticmethod
    def _show_requested_changes(request, match, user):
        """On the edit page, say plainly what IEEM asked to change (only to a
        user who may edit that page: the comment and the moderator's name are
        that actor's business)."""
        if request.method != "GET" or match is None or match.view_name != "wagtailadmin_pages:edit":
            return

        page = Page.objects.filter(pk=match.kwargs["page_id"]).first()
        if page is None or not page.permissions_for_user(user).can_edit():
            return

        state = (
            WorkflowState.objects.filter(
                base_content_type=ContentType.objects.get_for_model(Page),
                object_id=str(match.kwargs["page_id"]),
                status=WorkflowState.STATUS_NEEDS_CHANGES,
            )
            .select_related("current_task_state__finished_by")
            .first()
        )
        task_state = state.current_task_state if state else None
        if task_state and task_state.comment:
            who = task_state.finished_by.get_full_name() if task_state.finished_by else "El IEEM"
            messages.warning(
                request,
                f"Moderación IEEM pidió cambios ({who}): «{task_state.comment}». "
                "Corrige y usa «Reenviar a Revisión IEEM».",
            )

    def _force_password_change(self, request, user, admin_prefix):
        if not self._flagged(user):
            return None  # (most requests: nothing to allow or to warn about)
        account_url = reverse("wagtailadmin_account")
        allowed = (
            account_url,
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_login"),
            admin_prefix + "jsi18n/",
            # The icon sprite every admin page fetches and inlines: redirected,
            # the account page's own HTML was inlined, so it showed twice.
            reverse("wagtailadmin_sprite"),
        )
        if request.path in allowed:
            if request.method == "GET" and request.path == account_url:
                messages.warning(request, MESSAGE)
            return None
        return redirect(account_url)  # the account page shows MESSAGE

    @staticmethod
    def _guard(request, match, user):
        """A party editor reaches only the admin views and objects listed in
        admin_guard (deny by default)."""

        if match is None or not is_party_editor(user):
            return None
        try:
            return check_request(request, match, user)
        except (PermissionDenied, Http404):
            if match.view_name.startswith(DELIVERY_VIEW_PREFIX):
                # A delivery package, workbook or receipt that is not theirs (or an
                # action they may not take): a plain 403/404, never the dashboard
                # redirect Wagtail uses for pages, so no download URL of another
                # actor ever looks like anything but a refusal.
                raise
            return refuse(request)

    @staticmethod
    def _flagged(user):
        links = editor_links_for(user)
        if links:  # a party editor: the query of their links already said it
            return links[0].password_flagged
        return bool(_FLAGGED.rows(user_pk=user.pk))
