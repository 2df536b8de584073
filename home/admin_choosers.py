"""Snippet choosers that check the model's permission policy.

Wagtail registers a chooser (choose, results, chosen, chosen-multiple) for
every snippet model and those views check no model permission, so any
signed-in admin user could read, for instance, citizens' idea texts through
``/admin/snippets/choose/participation/idea/``. A viewset that uses
``PermissionCheckedSnippetChooserViewSet`` answers 403 to a user who holds no
permission on the model (choose, view, add, change or delete).
"""

from django.core.exceptions import PermissionDenied
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser

CHOOSER_ACTIONS = ["choose", "view", "add", "change", "delete"]


class _PermissionRequired:
    def dispatch(self, request, *args, **kwargs):
        policy = policy_registry.get_by_type(self.model_class)
        if not policy.user_has_any_permission(request.user, CHOOSER_ACTIONS):
            raise PermissionDenied("No tienes permiso para elegir estos elementos.")
        return super().dispatch(request, *args, **kwargs)


class ChooseView(_PermissionRequired, chooser.ChooseView):
    pass


class ChooseResultsView(_PermissionRequired, chooser.ChooseResultsView):
    pass


class ChosenView(_PermissionRequired, chooser.SnippetChosenView):
    pass


class ChosenMultipleView(_PermissionRequired, chooser.SnippetChosenMultipleView):
    pass


class CreateView(_PermissionRequired, chooser.SnippetCreateView):
    pass


class PermissionCheckedSnippetChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    create_view_class = CreateView
