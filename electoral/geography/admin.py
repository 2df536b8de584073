"""Read-only admin list of electoral sections (official data: changed only by import)."""

from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from electoral.geography.models import Section

WRITE_ACTIONS = {"add", "change", "delete"}


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Nobody adds, edits or deletes in the admin (superusers included): only view."""

    def user_has_permission(self, user, action):
        if action in WRITE_ACTIONS:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in WRITE_ACTIONS])


class SectionViewSet(ModelViewSet):
    model = Section

    menu_label = "Secciones electorales"
    icon = "site"
    add_to_admin_menu = True
    menu_order = 320
    name = "secciones"
    url_prefix = "secciones"
    list_display = ["number", "municipality", "district"]
    list_filter = ["municipality", "district"]
    search_fields = ["number"]
    search_backend_name = None
    list_per_page = 100
    form_fields = ["number", "municipality", "district"]  # views exist but are denied
    inspect_view_enabled = True
    inspect_view_fields = ["number", "municipality", "district"]
    copy_view_enabled = False
    list_export = ["number", "municipality", "district"]
    export_filename = "secciones-electorales"

    def get_queryset(self, request):
        return self.model.objects.select_related("municipality", "district")
