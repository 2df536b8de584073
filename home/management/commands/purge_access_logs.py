"""Delete django-axes rows the lock-out no longer needs (safe as a cron job).

- AccessAttempt: failed logins. Kept only while they can still lock someone
  out (AXES_COOLOFF_TIME, 30 minutes); older ones are deleted.
- AccessLog (successful logins) and AccessFailureLog: not written at all
  (AXES_DISABLE_ACCESS_LOG, AXES_ENABLE_ACCESS_FAILURE_LOG = False); any row
  left from before is deleted, whatever its age.

The "IP address" of the rows axes keeps is a pseudonym (the day's keyed hash,
participation.identity.login_address), never the address. Running it twice
deletes nothing the second time.
"""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone


def cooloff():
    value = getattr(settings, "AXES_COOLOFF_TIME", None) or 0.5
    if isinstance(value, timedelta):
        return value
    if callable(value) or isinstance(value, str):
        return timedelta(hours=0.5)
    return timedelta(hours=float(value))


def purge(now=None):
    """Delete expired attempts and every access log row: {model name: rows deleted}."""
    cutoff = (now or timezone.now()) - cooloff()
    return {
        "intentos": AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0],
        "accesos": AccessLog.objects.all().delete()[0],
        "fallos": AccessFailureLog.objects.all().delete()[0],
    }


class Command(BaseCommand):
    help = (
        "Borra los intentos de acceso fallidos que ya no bloquean a nadie y cualquier "
        "registro de accesos de django-axes."
    )

    def handle(self, *args, **options):
        counts = purge()
        self.stdout.write(
            f"Intentos fallidos vencidos borrados: {counts['intentos']}; registros de "
            f"accesos: {counts['accesos']}; registros de fallos: {counts['fallos']}."
        )
