"""Wagtail admin of the parties: platform topics and the candidacy list (snippets)."""

from wagtail.snippets.models import register_snippet

from .admin import CandidacyViewSet, TopicViewSet

register_snippet(TopicViewSet)
register_snippet(CandidacyViewSet)
