"""Generate (once) and regenerate (with a reason) an actor's package."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from electoral.parties.models import PoliticalActorPage
from home.models import ElectionCalendar
from participation.services import format_moment

from . import audit
from .models import DeliveryPackage, sha256
from .package import build
from .recipients import recipient_for

GENERATE_PERMISSION = "participation.generate_delivery"
VIEW_PERMISSION = "participation.view_delivery"


class DeliveryRefused(Exception):
    """A generation that may not happen; the message is for IEEM staff (Spanish)."""


def delivery_open(calendar=None):
    calendar = calendar or ElectionCalendar.load()
    return calendar.is_open("delivery")


def when_text(calendar):
    return format_moment(calendar.delivery_from) if calendar.delivery_from else None


def not_yet_message(calendar):
    when = when_text(calendar)
    if when:
        return f"La entrega a los partidos empieza el {when} (calendario electoral)."
    return "El calendario electoral aún no tiene fecha de entrega a los partidos."


def _user_name(user):
    if user is None:
        return "Línea de comandos (export_party_delivery)"
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return f"{full} ({user.get_username()})" if full else user.get_username()


def generate(actor, user=None, *, reason="", regenerate=False, now=None):
    """The actor's package: built and stored on first call; later calls return the
    stored one unless `regenerate` (which needs a reason and, for a user, the
    generate permission of Administración IEEM)."""
    calendar = ElectionCalendar.load()
    if not delivery_open(calendar):
        raise DeliveryRefused(not_yet_message(calendar) + " Aún no se puede generar nada.")
    if user is not None and not user.has_perm(GENERATE_PERMISSION):
        raise PermissionDenied("Solo Administración IEEM genera los paquetes de entrega.")
    actor = actor.specific if not isinstance(actor, PoliticalActorPage) else actor
    recipient = recipient_for(actor)
    if not recipient.receives:
        raise DeliveryRefused(f"{actor.title}: {recipient.why_not}")
    reason = (reason or "").strip()
    with transaction.atomic():
        existing = DeliveryPackage.objects.select_for_update().filter(actor=actor).first()
        if existing is not None and not regenerate:
            return existing, False
        if existing is not None and not reason:
            raise DeliveryRefused(
                "Para regenerar un paquete escribe el motivo: queda en la bitácora y en el "
                "paquete nuevo."
            )
        now = now or timezone.now()
        version = existing.version + 1 if existing else 1
        built = build(
            recipient,
            calendar=calendar,
            generated_at=now,
            generated_by_name=_user_name(user),
            version=version,
        )
        package = existing or DeliveryPackage(actor=actor)
        package.actor_title = actor.title
        package.actor_slug = actor.slug
        package.zip_data = built.zip_bytes
        package.zip_sha256 = sha256(built.zip_bytes)
        package.xlsx_data = built.xlsx_bytes
        package.xlsx_sha256 = sha256(built.xlsx_bytes)
        package.data_sha256 = built.data_sha256
        package.counts = built.counts
        package.generated_at = now
        package.generated_by = user
        package.generated_by_name = _user_name(user)
        package.version = version
        package.reason = reason if existing else ""
        package.save()
        audit.log_generation(package, user, regenerated=existing is not None)
    return package, True
