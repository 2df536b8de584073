"""Admin for IEEM staff: the idea moderation queue and the dashboard panel.

Everything here needs a participation permission; party editors hold none,
so they never see participation data (DESIGN.md section 3).
"""

import django_filters
from django import forms
from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from home.admin_choosers import PermissionCheckedSnippetChooserViewSet
from participation.ideas.audit import log_moderation
from participation.models import Idea, Target
from participation.targets import actor_choices

MODERATE_PERMISSION = "participation.change_idea"


class IdeaPermissionPolicy(ModelPermissionPolicy):
    """Ideas come only from citizens and are never deleted: nobody may add or
    delete them in the admin, superusers included."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)


class IdeaFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Estado", choices=Idea.STATUS_CHOICES, empty_label="Todos"
    )
    reason = django_filters.ChoiceFilter(
        label="Motivo del rechazo", choices=Idea.REASON_CHOICES, empty_label="Todos"
    )
    actor = django_filters.ChoiceFilter(
        label="Actor político",
        field_name="target__actor_title",
        choices=actor_choices,
        empty_label="Todos",
    )
    target = django_filters.ModelChoiceFilter(
        label="Elemento",
        queryset=Target.objects.all(),
        empty_label="Todos",
    )
    created_at = django_filters.DateFromToRangeFilter(
        label="Recibida", widget=DateRangePickerWidget
    )

    class Meta:
        model = Idea
        fields = []


class IdeaModerationForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        status, reason = cleaned.get("status"), cleaned.get("reason")
        if status == Idea.REJECTED and not reason:
            self.add_error("reason", "Indica el motivo del rechazo.")
        if status != Idea.REJECTED:
            cleaned["reason"] = ""
        return cleaned

    def save(self, commit=True):
        idea = super().save(commit=False)
        idea.moderate(idea.status, idea.reason, getattr(self, "for_user", None))
        if commit:
            idea.save()
        return idea


class IdeaEditView(EditView):
    def save_instance(self):
        idea = super().save_instance()
        if {"status", "reason"} & set(self.form.changed_data):
            log_moderation(idea, self.request.user)
        return idea


def _actor_of(idea):
    return idea.target.actor_acronym or idea.target.actor_title or "—"


class IdeaViewSet(SnippetViewSet):
    model = Idea
    icon = "comment"
    menu_label = "Moderación de ideas"
    menu_name = "moderacion-ideas"
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "participacion/ideas"
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class = IdeaEditView
    # Wagtail's snippet chooser checks no permission: idea texts would reach
    # every admin user (party editors included).
    chooser_viewset_class = PermissionCheckedSnippetChooserViewSet
    list_per_page = 50
    filterset_class = IdeaFilterSet
    search_fields = ["text"]
    search_backend_name = None
    # A string first: Wagtail makes it the title column, a link to the
    # moderation form (full text, status and reason) with the row's buttons.
    list_display = [
        "summary",
        Column("actor", label="Actor político", accessor=_actor_of),
        Column("target", label="Elemento", accessor=lambda i: i.target.label),
        Column("status", label="Estado", accessor="get_status_display"),
        Column("reason", label="Motivo", accessor="get_reason_display"),
        DateColumn("created_at", label="Recibida", sort_key="created_at"),
    ]
    inspect_view_fields = [
        "text",
        "target",
        "name",
        "municipality_name",
        "status",
        "reason",
        "created_at",
        "moderated_at",
        "moderated_by",
        "delivered_at",
        "notified_at",
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("text", read_only=True),
                    FieldPanel("target", read_only=True),
                    FieldRowPanel(
                        [
                            FieldPanel("name", read_only=True),
                            FieldPanel("municipality_name", read_only=True),
                            FieldPanel("created_at", read_only=True),
                        ]
                    ),
                ],
                heading="Lo que envió la persona (no se puede editar)",
            ),
            MultiFieldPanel(
                [FieldPanel("status"), FieldPanel("reason")],
                heading="Moderación",
            ),
        ],
        base_form_class=IdeaModerationForm,
    )

    def get_queryset(self, request):
        return Idea.objects.select_related("target")


class ModerationReasonForm(forms.Form):
    reason = forms.ChoiceField(
        label="Motivo del rechazo",
        choices=Idea.REASON_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Indica el motivo del rechazo."},
    )


class _ModerateIdeasBulkAction(SnippetBulkAction):
    models = [Idea]
    template_name = "participation/admin/bulk_moderate.html"
    status = None

    def check_perm(self, obj):
        return self.request.user.has_perm(MODERATE_PERMISSION)

    def get_execution_context(self):
        reason = ""
        if self.cleaned_form is not None and hasattr(self.cleaned_form, "cleaned_data"):
            reason = self.cleaned_form.cleaned_data.get("reason", "")
        return {"user": self.request.user, "status": self.status, "reason": reason}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_label"] = self.display_name
        context["status"] = self.status
        return context

    @classmethod
    def execute_action(cls, objects, user=None, status=None, reason="", **kwargs):
        reason = reason if status == Idea.REJECTED else ""
        with transaction.atomic():
            count = Idea.objects.filter(pk__in=[o.pk for o in objects]).update(
                status=status, reason=reason, moderated_by=user, moderated_at=timezone.now()
            )
            for idea in objects:
                if (idea.status, idea.reason) != (status, reason):
                    idea.status, idea.reason = status, reason
                    log_moderation(idea, user, bulk=True)
        return count, 0


class AcceptIdeasBulkAction(_ModerateIdeasBulkAction):
    display_name = "Aceptar"
    action_type = "accept_ideas"
    aria_label = "Aceptar las ideas seleccionadas"
    action_priority = 10
    status = Idea.ACCEPTED

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"Ideas aceptadas: {num_parent_objects}. Se entregarán al partido."


class RejectIdeasBulkAction(_ModerateIdeasBulkAction):
    display_name = "Rechazar"
    action_type = "reject_ideas"
    aria_label = "Rechazar las ideas seleccionadas"
    action_priority = 20
    classes = {"serious"}
    status = Idea.REJECTED
    form_class = ModerationReasonForm

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"Ideas rechazadas: {num_parent_objects}. Se conservan con su motivo."


class PendingIdeasPanel(Component):
    name = "participation_pending_ideas"
    template_name = "participation/admin/pending_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        pending = Idea.objects.filter(status=Idea.PENDING)
        by_actor = (
            pending.values("target__actor_title")
            .annotate(n=Count("id"))
            .order_by("-n", "target__actor_title")[:12]
        )
        return {
            "pending_total": pending.count(),
            "oldest": pending.aggregate(oldest=Min("created_at"))["oldest"],
            "by_actor": by_actor,
        }
