"""Daily capture reminders: each actor's editors get what is still missing.

`send_capture_reminders` (cron, daily) e-mails, while the calendar's capture
window is open, the editors of every actor that still has platform topics or
profiles to capture (or changes IEEM asked for). An actor with nothing left
gets no e-mail. A CaptureReminder row per actor and day makes a second run on
the same day send nothing.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from home.calendar import is_open
from home.models import ElectionCalendar

from .capture import actors_in_order, progress_for
from .models import ActorEditorGroup, CaptureReminder

MAX_LISTED = 40


@dataclass
class ReminderRun:
    open: bool = True
    deadline: object = None
    sent: list = field(default_factory=list)  # (actor, recipients, missing)
    complete: list = field(default_factory=list)  # actors with nothing missing
    already_sent: list = field(default_factory=list)
    no_recipients: list = field(default_factory=list)


def editors_with_email(actor):
    link = ActorEditorGroup.objects.filter(actor_id=actor.pk).first()
    if link is None:
        return []
    return list(
        get_user_model()
        .objects.filter(groups=link.group_id, is_active=True)
        .exclude(email="")
        .order_by("pk")
    )


def send_reminders(now=None):
    now = now or timezone.now()
    today = timezone.localdate(now)
    calendar = ElectionCalendar.load()
    run = ReminderRun(deadline=calendar.profile_capture_until)
    run.open = is_open(calendar, "capture", now=now)
    if not run.open:
        return run
    done_today = set(
        CaptureReminder.objects.filter(sent_on=today).values_list("actor_id", flat=True)
    )
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for progress in progress_for(actors_in_order().live()):
        actor = progress.actor
        missing = progress.missing_items
        changes = progress.changes_items
        if not missing and not changes:
            run.complete.append(actor)
            continue
        if actor.pk in done_today:
            run.already_sent.append(actor)
            continue
        recipients = editors_with_email(actor)
        if not recipients:
            run.no_recipients.append(actor)
            continue
        try:
            with transaction.atomic():
                CaptureReminder.objects.create(
                    actor_id=actor.pk,
                    sent_on=today,
                    recipients=len(recipients),
                    missing=len(missing) + len(changes),
                )
                _send(progress, missing, changes, recipients, calendar, base)
        except IntegrityError:  # another run got there first
            run.already_sent.append(actor)
            continue
        run.sent.append((actor, recipients, len(missing) + len(changes)))
    return run


def _send(progress, missing, changes, recipients, calendar, base):
    profiles = [i for i in missing if i.kind == "profile"]
    sections = [i for i in missing if i.kind == "section"]
    context = {
        "actor": progress.actor,
        "profile_counts": progress.profile_counts,
        "section_counts": progress.section_counts,
        "profiles": profiles[:MAX_LISTED],
        "profiles_more": max(0, len(profiles) - MAX_LISTED),
        "sections": sections,
        "changes": changes,
        "deadline": calendar.profile_capture_until,
        "base": base,
        "dashboard_url": base + reverse("wagtailadmin_home"),
    }
    subject = render_to_string("electoral/editorial/capture_reminder_subject.txt", context)
    body = render_to_string("electoral/editorial/capture_reminder.txt", context)
    send_mail(" ".join(subject.split()), body, None, [u.email for u in recipients])
