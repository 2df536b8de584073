"""Admin screens of the capture progress (electoral/editorial/capture.py).

- CapturePanel: a party editor's dashboard, only its own actor(s).
- BehindPanel: IEEM's dashboard, the actors furthest behind.
- CaptureReportView: every actor's progress, filterable, CSV/XLSX export
  (Administración, Moderación and Comunicación only).
"""

from datetime import datetime

import django_filters
from django.db.models import Count, F, Q
from django.http import HttpResponseForbidden
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from electoral.parties.models import PoliticalActorPage
from home.models import ElectionCalendar
from home.spreadsheets import neutralise

from .capture import progress_for
from .groups import STAFF_GROUPS, editor_links_for, is_party_editor

BEHIND_PANEL_SIZE = 8


def is_ieem_staff(user):
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    links = editor_links_for(user)
    if links:  # the query of a party editor's links already said it
        return links[0].holds_staff_role
    # Asked by the menu and the dashboard panels: once per user object (request).
    cached = getattr(user, "_decide_is_ieem_staff", None)
    if cached is None:
        cached = user._decide_is_ieem_staff = user.groups.filter(name__in=STAFF_GROUPS).exists()
    return cached


def capture_window(request=None):
    """(open, deadline) of the capture window from the calendar setting."""
    calendar = ElectionCalendar.load(request_or_site=request)
    return calendar.is_open("capture"), calendar.profile_capture_until


class CapturePanel(Component):
    """What the editor's actor must capture, with links to create or edit it."""

    name = "decide_capture_progress"
    template_name = "electoral/editorial/capture_panel.html"
    order = 50

    def __init__(self, actors):
        self.actors = actors

    def get_context_data(self, parent_context):
        request = parent_context.get("request")
        is_open, deadline = capture_window(request)
        return {
            "progress_list": progress_for(self.actors),
            "capture_open": is_open,
            "deadline": deadline,
        }


class BehindPanel(Component):
    name = "decide_capture_behind"
    template_name = "electoral/editorial/capture_behind_panel.html"
    order = 95

    def get_context_data(self, parent_context):
        request = parent_context.get("request")
        is_open, deadline = capture_window(request)
        rows = progress_for(PoliticalActorPage.objects.order_by("registration_order", "title"))
        rows = [r for r in rows if r.behind_score > 0]
        # Furthest behind first; ties keep the official registration order.
        rows.sort(key=lambda r: -r.behind_score)
        return {
            "rows": rows[:BEHIND_PANEL_SIZE],
            "behind_total": len(rows),
            "capture_open": is_open,
            "deadline": deadline,
            "report_url": reverse("decide_capture_report"),
        }


def homepage_panels(request, panels):
    user = request.user
    if is_party_editor(user):
        actors = sorted(
            PoliticalActorPage.objects.filter(
                pk__in=[link.actor_id for link in editor_links_for(user)]
            ),
            key=lambda a: (a.registration_order, a.title),
        )
        if actors:
            panels.insert(0, CapturePanel(actors))
    elif is_ieem_staff(user):
        panels.append(BehindPanel())


# --- The report ------------------------------------------------------------

PROGRESS_CHOICES = [
    ("faltan", "Con perfiles sin publicar"),
    ("completos", "Todos sus perfiles publicados"),
    ("sin-candidaturas", "Sin candidaturas que encabecen"),
]


class CaptureReportFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label="Tipo", choices=PoliticalActorPage.KIND_CHOICES, empty_label="Todos"
    )
    avance = django_filters.ChoiceFilter(
        label="Avance de perfiles",
        choices=PROGRESS_CHOICES,
        method="filter_progress",
        empty_label="Todos",
    )

    def filter_progress(self, queryset, name, value):
        heads = Q(candidacies__is_head=True)
        queryset = queryset.annotate(
            heads_total=Count("candidacies", filter=heads, distinct=True),
            heads_live=Count(
                "candidacies", filter=heads & Q(candidacies__profile__live=True), distinct=True
            ),
        )
        if value == "faltan":
            return queryset.filter(heads_live__lt=F("heads_total"))
        if value == "completos":
            return queryset.filter(heads_total__gt=0, heads_live=F("heads_total"))
        if value == "sin-candidaturas":
            return queryset.filter(heads_total=0)
        return queryset

    class Meta:
        model = PoliticalActorPage
        fields = ["kind"]


def _hours(progress):
    hours = progress.pending_hours
    return "" if hours is None else hours


class CaptureReportView(ReportView):
    page_title = "Avance de captura de los partidos"
    header_icon = "tasks"
    index_url_name = "decide_capture_report"
    index_results_url_name = "decide_capture_report_results"
    filterset_class = CaptureReportFilterSet
    paginate_by = 100
    export_filename = "avance-captura"
    columns = [
        TitleColumn(
            "actor",
            label="Partido, coalición o candidatura",
            accessor=lambda p: p.actor.title,
            get_url=lambda p: reverse("wagtailadmin_explore", args=[p.actor.pk]),
        ),
        Column("kind", label="Tipo", accessor=lambda p: p.actor.get_kind_display()),
        Column(
            "sections",
            label="Plataforma: apartados publicados",
            accessor=lambda p: f"{p.sections_published} de {p.sections_total}",
        ),
        Column("sections_in_review", label="Apartados en revisión"),
        Column(
            "profiles",
            label="Perfiles publicados",
            accessor=lambda p: (
                f"{p.profiles_published} de {p.profiles_total} ({p.profiles_percent} %)"
            ),
        ),
        Column("profiles_in_review", label="Perfiles en revisión"),
        Column("profiles_changes", label="Con cambios solicitados"),
        Column("profiles_missing", label="Perfiles faltantes"),
        DateColumn("last_edit", label="Última edición"),
        Column("pending", label="Horas esperando revisión", accessor=_hours),
    ]
    list_export = [
        "actor.registration_order",
        "actor.title",
        "actor.get_kind_display",
        "sections_published",
        "sections_in_review",
        "sections_missing",
        "sections_total",
        "profiles_published",
        "profiles_in_review",
        "profiles_changes",
        "profiles_missing",
        "profiles_total",
        "profiles_percent",
        "last_edit",
        "pending_since",
        "pending_hours",
    ]
    export_headings = {
        "actor.registration_order": "Orden de registro",
        "actor.title": "Partido, coalición o candidatura",
        "actor.get_kind_display": "Tipo",
        "sections_published": "Apartados de plataforma publicados",
        "sections_in_review": "Apartados en revisión",
        "sections_missing": "Apartados faltantes",
        "sections_total": "Temas del catálogo",
        "profiles_published": "Perfiles publicados",
        "profiles_in_review": "Perfiles en revisión",
        "profiles_changes": "Perfiles con cambios solicitados",
        "profiles_missing": "Perfiles faltantes",
        "profiles_total": "Candidaturas que encabeza",
        "profiles_percent": "Porcentaje publicado",
        "last_edit": "Última edición",
        "pending_since": "Revisión pendiente desde",
        "pending_hours": "Horas esperando revisión",
    }

    def dispatch(self, request, *args, **kwargs):
        if not is_ieem_staff(request.user):
            # A plain 403 (Wagtail turns PermissionDenied into a redirect home).
            return HttpResponseForbidden(
                "Solo el personal del IEEM ve el avance de captura de todos los partidos.",
                content_type="text/plain; charset=utf-8",
            )
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return PoliticalActorPage.objects.order_by("registration_order", "title")

    def get_filtered_queryset(self):
        # At most a few dozen actors: the progress of all of them, then pages.
        return progress_for(super().get_filtered_queryset())

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y%m%d}"

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime) and timezone.is_aware(value):
            value = timezone.localtime(value)
            if export_format == self.FORMAT_CSV:
                value = value.strftime("%Y-%m-%d %H:%M")
            else:
                value = value.replace(tzinfo=None)
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise(value)  # formula injection: one rule for every export
