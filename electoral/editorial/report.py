"""Admin report "Bitácora de partidos": Wagtail's audit log, filtered by actor."""

import django_filters
from django.urls import reverse_lazy
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.models import PageLogEntry
from wagtail.permission_policies import ModelPermissionPolicy

from electoral.parties.models import PoliticalActorPage

from .models import PartyEditorAccount


def _actor_choices():
    return [
        (a.pk, a.title) for a in PoliticalActorPage.objects.order_by("registration_order", "title")
    ]


class PartyAuditFilterSet(SiteHistoryReportFilterSet):
    actor = django_filters.ChoiceFilter(
        label="Partido, coalición o candidatura",
        method="filter_actor",
        choices=_actor_choices,
        empty_label="Todos",
    )

    def filter_actor(self, queryset, name, value):
        actor = PoliticalActorPage.objects.filter(pk=value).first()
        if actor is None:
            return queryset.none()
        if queryset.model is PageLogEntry:
            # The actor page and everything below it, account events included.
            return queryset.filter(page__path__startswith=actor.path)
        return queryset.none()

    class Meta:
        model = PageLogEntry
        fields = []


class PartyAuditView(LogEntriesView):
    page_title = "Bitácora de partidos"
    filterset_class = PartyAuditFilterSet
    index_url_name = "decide_party_audit"
    index_results_url_name = "decide_party_audit_results"
    permission_required = "view"

    @property
    def permission_policy(self):
        return ModelPermissionPolicy(PartyEditorAccount)

    def get_filename(self):
        return "bitacora-partidos-" + super().get_filename().removeprefix("audit-log-")


report_url = reverse_lazy("decide_party_audit")
