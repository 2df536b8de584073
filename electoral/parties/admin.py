"""Admin views for the platform topics (snippets) and the candidacy list."""

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from electoral.parties.candidacies import Candidacy
from electoral.parties.models import Topic
from home.admin_choosers import PermissionCheckedSnippetChooserViewSet


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Temas de plataforma"
    menu_order = 310
    add_to_admin_menu = False
    list_display = ["name", "slug", "description"]
    search_fields = ["name", "slug"]
    search_backend_name = None
    sort_order_field = "sort_order"
    # The chooser stays open to every admin user: party editors pick topics
    # in their platforms and proposals (the catalogue is public).


class CandidacyViewSet(SnippetViewSet):
    model = Candidacy
    icon = "group"
    menu_label = "Candidaturas"
    menu_order = 320
    add_to_admin_menu = False
    list_display = ["name", "office", "role", "actor", "municipality", "district", "gender"]
    list_filter = ["office", "role", "gender", "is_head"]
    search_fields = ["search_name", "name"]
    search_backend_name = None
    list_per_page = 50
    chooser_viewset_class = PermissionCheckedSnippetChooserViewSet
    ordering = ["municipality__ine_code", "actor__registration_order", "office", "position", "role"]
    panels = [
        FieldPanel("office", read_only=True),
        FieldPanel("position", read_only=True),
        FieldPanel("role", read_only=True),
        FieldPanel("name", read_only=True),
        FieldPanel("actor", read_only=True),
        FieldPanel("municipality", read_only=True),
        FieldPanel("district", read_only=True),
        FieldPanel("gender"),
        FieldPanel("reelection"),
        FieldPanel("source", read_only=True),
        FieldPanel("source_line", read_only=True),
    ]
