"""Participation's signal receivers, connected in ParticipationConfig.ready().

Every receiver has its sender: target lookups start afresh when a page that
receives participation is published, unpublished or deleted, and the
calendar memo when the ElectionCalendar is saved.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from home.models import ElectionCalendar
from home.participation import ParticipationTarget

from . import services, targets


def connect():
    post_save.connect(
        services.forget_calendar, sender=ElectionCalendar, dispatch_uid="participation-cal"
    )
    # Deleting a page of any specific type deletes its wagtailcore Page row too.
    post_delete.connect(targets.page_changed, sender=Page, dispatch_uid="participation-page-del")
    for model in apps.get_models():
        if issubclass(model, ParticipationTarget):
            label = model._meta.label_lower
            page_published.connect(
                targets.page_changed, sender=model, dispatch_uid=f"participation-pub-{label}"
            )
            page_unpublished.connect(
                targets.page_changed, sender=model, dispatch_uid=f"participation-unpub-{label}"
            )
