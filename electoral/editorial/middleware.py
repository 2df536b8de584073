"""What a party editor may do in the admin beyond Wagtail's own permission checks."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

MESSAGE = (
    "Por seguridad, antes de continuar cambia la contraseña temporal que te entregó el IEEM "
    "(apartado «Contraseña»). Registra también tu correo para recibir los avisos de revisión."
)

# Admin views that take a page id and show that page's title even to users
# without permission on it (the page chooser lets anyone browse by id).
PAGE_ID_VIEWS = {"wagtailadmin_choose_page_child": "parent_page_id"}


class PartyEditorAdminMiddleware:
    """1. A user holding a one-time password only reaches the account page
    (where Wagtail's password change form is) until they change it.
    2. A party editor cannot browse other actors' pages in the page chooser.
    3. The edit page of a page sent back by IEEM shows the reason on top."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._check(request)
        return response or self.get_response(request)

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
            self._guard_page_ids(match, user)
            self._show_requested_changes(request, match)
        return response

    @staticmethod
    def _resolve(request):
        try:
            return resolve(request.path)
        except Resolver404:
            return None

    @staticmethod
    def _show_requested_changes(request, match):
        """On the edit page, say plainly what IEEM asked to change."""
        if request.method != "GET" or match is None or match.view_name != "wagtailadmin_pages:edit":
            return
        from wagtail.models import Page, WorkflowState

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
            if request.method == "GET" and request.path == account_url and self._flagged(user):
                messages.warning(request, MESSAGE)
            return None
        if not self._flagged(user):
            return None
        return redirect(account_url)  # the account page shows MESSAGE

    @staticmethod
    def _guard_page_ids(match, user):
        from .admin_hooks import page_visible_to_party_editor
        from .groups import is_party_editor

        if match is None:
            return
        kwarg = PAGE_ID_VIEWS.get(match.url_name)
        if kwarg is None or not is_party_editor(user):
            return
        if not page_visible_to_party_editor(user, match.kwargs[kwarg]):
            raise Http404("Página no disponible")

    @staticmethod
    def _flagged(user):
        from .models import PartyEditorAccount

        return PartyEditorAccount.objects.filter(
            user_id=user.pk, must_change_password=True
        ).exists()
