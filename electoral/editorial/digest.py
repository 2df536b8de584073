"""Daily digest for moderators: party submissions waiting too long."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, TaskState

from .groups import MODERATION_GROUP, actor_for_page
from .models import IEEMReviewTask


@dataclass
class PendingItem:
    page: Page
    actor: Page | None
    requested_by: str
    submitted_at: object
    hours_waiting: int
    edit_url: str


def pending_items(older_than_hours=24, now=None):
    """IEEM review tasks in progress for more than `older_than_hours`, oldest first."""

    now = now or timezone.now()
    states = (
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            task__content_type=ContentType.objects.get_for_model(IEEMReviewTask),
            started_at__lte=now - timedelta(hours=older_than_hours),
        )
        .select_related("workflow_state__requested_by")
        .order_by("started_at")
    )
    page_ct = ContentType.objects.get_for_model(Page)
    states = [s for s in states if s.workflow_state.base_content_type_id == page_ct.pk]
    pages = Page.objects.in_bulk([int(s.workflow_state.object_id) for s in states])
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    items = []
    for state in states:
        page = pages.get(int(state.workflow_state.object_id))
        if page is None:
            continue
        requester = state.workflow_state.requested_by
        items.append(
            PendingItem(
                page=page,
                actor=actor_for_page(page),
                requested_by=requester.get_username() if requester else "—",
                submitted_at=state.started_at,
                hours_waiting=int((now - state.started_at).total_seconds() // 3600),
                edit_url=base + reverse("wagtailadmin_pages:edit", args=[page.pk]),
            )
        )
    return items


def moderators_with_email():
    return list(
        get_user_model()
        .objects.filter(groups__name=MODERATION_GROUP, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def send_digest(older_than_hours=24, now=None):
    """Email the list to every moderator; returns (items, recipients)."""
    items = pending_items(older_than_hours, now)
    recipients = moderators_with_email()
    if not items or not recipients:
        return items, []
    context = {
        "items": items,
        "hours": older_than_hours,
        "dashboard_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_home"),
    }
    subject = render_to_string("electoral/editorial/moderation_digest_subject.txt", context).strip()
    body = render_to_string("electoral/editorial/moderation_digest.txt", context)
    send_mail(subject, body, None, [u.email for u in recipients])
    return items, recipients
