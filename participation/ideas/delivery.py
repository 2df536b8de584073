"""Delivery of accepted ideas to the parties, and the e-mail promised to citizens.

The idea form offers an optional e-mail address "to be told when it is
delivered". Delivering is two steps, both idempotent:

1. `mark_delivered()` stamps `delivered_at` on every accepted idea not yet
   delivered (only once the calendar's delivery date has come). Ideas still
   pending or rejected are never delivered; ideas accepted later go with the
   next run.
2. `notify_delivered()` writes one message per address (never several
   citizens in one message) listing that person's delivered ideas, and stamps
   `notified_at` on each idea only when its message was accepted by the mail
   server. A failed message stays pending and is retried by the next run.

The e-mail names the element and the political actor, and the day the idea
was received; it does not repeat the idea's text, nor the sender's name:
anyone can type someone else's address in the form, so nothing a stranger
typed may reach that inbox in an IEEM message (the name was the only such
text). Labels and titles are written on one line, without control
characters, and an address that is not a single valid address (a line
break, a second address; the form lets none in) is never written to: it is
erased from its ideas and logged. After the delivery,
`purge_participation --datos-personales` erases the addresses; it refuses to
while notices are still pending.
"""

import logging
from collections import Counter, defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, mailers
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone

from .forms import EMAIL_MAX, has_control_characters
from .models import Idea

log = logging.getLogger(__name__)


def _day(value):
    return formats.date_format(timezone.localtime(value), r"j \d\e F \d\e Y").lower()


def to_deliver():
    return Idea.objects.filter(status=Idea.ACCEPTED, delivered_at__isnull=True)


def pending_notices():
    """Delivered ideas whose sender left an address and has not been told yet."""
    return Idea.objects.filter(
        delivered_at__isnull=False,
        notified_at__isnull=True,
        personal_data_purged_at__isnull=True,
    ).exclude(email="")


def mark_delivered(now=None):
    """Stamp every accepted, undelivered idea; returns {actor title: count}."""
    now = now or timezone.now()
    with transaction.atomic():
        ideas = list(to_deliver().select_for_update().select_related("target"))
        Idea.objects.filter(pk__in=[i.pk for i in ideas]).update(delivered_at=now)
    return Counter(i.target.actor_title or "Sin actor político" for i in ideas)


def _one_line(text):
    """Text for the notice: one line, no control or invisible formatting characters."""
    text = "".join(" " if has_control_characters(ch) else ch for ch in str(text or ""))
    return " ".join(text.split())


def valid_address(address):
    if not address or has_control_characters(address) or len(address) > EMAIL_MAX:
        return False
    try:
        validate_email(address)
    except ValidationError:
        return False
    return True


def _message(address, ideas):
    if not valid_address(address):  # notify_delivered never gets here with one
        raise ValueError("not a single valid e-mail address")
    context = {
        "items": [
            {
                "label": _one_line(idea.target.label),
                "page_title": _one_line(idea.target.page_title),
                "actor": _one_line(idea.target.actor_title) or "el actor político correspondiente",
                "received": _day(idea.created_at),
                "delivered": _day(idea.delivered_at),
            }
            for idea in ideas
        ],
        "privacy_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/aviso-de-privacidad/",
    }
    subject = render_to_string("participation/delivery_notice_subject.txt", context)
    body = render_to_string("participation/delivery_notice.txt", context)
    return EmailMessage(" ".join(subject.split()), body, to=[address])


def notify_delivered(now=None):
    """Send the pending notices; returns (messages sent, messages failed)."""
    by_address = defaultdict(list)
    for idea in pending_notices().select_related("target").order_by("created_at", "pk"):
        by_address[idea.email.strip().lower()].append(idea)
    for address in [a for a in by_address if not valid_address(a)]:
        log.warning("Erased an invalid notice address from %d ideas", len(by_address[address]))
        Idea.objects.filter(pk__in=[i.pk for i in by_address.pop(address)]).update(email="")
    if not by_address:
        return 0, 0
    sent = failed = 0
    backend = mailers.default
    try:
        backend.open()
    except Exception:  # the server is unreachable: everything stays pending
        log.exception("Could not connect to the mail server for delivery notices")
        return 0, len(by_address)
    try:
        for address, ideas in by_address.items():
            try:
                delivered = backend.send_messages([_message(address, ideas)])
            except Exception:
                log.exception("Delivery notice to one address failed")
                delivered = 0
            if delivered:
                Idea.objects.filter(pk__in=[i.pk for i in ideas]).update(
                    notified_at=now or timezone.now()
                )
                sent += 1
            else:
                failed += 1
    finally:
        backend.close()
    return sent, failed
