"""Wagtail hooks of the results: the read-only list of the imported contests."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from electoral.geography.admin import ReadOnlyPermissionPolicy

from .admin import ContestViewSet
from .models import Contest


@hooks.register("register_admin_viewset")
def register_results_admin():
    register_permission_policy(Contest, ReadOnlyPermissionPolicy(Contest), exact_class=True)
    return ContestViewSet()
