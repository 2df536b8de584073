"""Wagtail hooks of the geography: the read-only list of sections."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin import ReadOnlyPermissionPolicy, SectionViewSet
from .models import Section


@hooks.register("register_admin_viewset")
def register_sections_admin():
    register_permission_policy(Section, ReadOnlyPermissionPolicy(Section), exact_class=True)
    return SectionViewSet()
