"""Read-only admin list of the imported results (official data: changed only by import)."""

from wagtail.admin.viewsets.model import ModelViewSet

from electoral.results.models import Contest


class ContestViewSet(ModelViewSet):
    model = Contest

    menu_label = "Resultados electorales"
    icon = "table"
    add_to_admin_menu = True
    menu_order = 330
    name = "resultados"
    url_prefix = "resultados"
    list_display = ["__str__", "status", "election_date", "total_votes", "registered_voters"]
    list_filter = ["office", "process_year", "kind", "status"]
    search_fields = ["key", "municipality__name", "reported_head_town"]
    search_backend_name = None
    list_per_page = 50
    form_fields = ["status"]  # views exist but are denied
    inspect_view_enabled = True
    inspect_view_fields = [
        "key",
        "office",
        "municipality",
        "district",
        "process_year",
        "election_date",
        "kind",
        "status",
        "source_name",
        "source_url",
        "record_url",
        "source_line",
        "reported_head_town",
        "notes",
        "non_registered",
        "null_votes",
        "total_votes",
        "registered_voters",
    ]
    copy_view_enabled = False
    list_export = [
        "key",
        "office",
        "process_year",
        "election_date",
        "kind",
        "status",
        "total_votes",
    ]
    export_filename = "resultados-electorales"

    def get_queryset(self, request):
        return self.model.objects.select_related("municipality", "district")
