"""Move the page views counted in Redis into the daily buckets (DailyCount).

Run it every minute from cron when REDIS_URL is set (without Redis every view
is written to the database at once and this command has nothing to do).
"""

from django.core.management.base import BaseCommand

from participation.statistics import counting


class Command(BaseCommand):
    help = "Pasa a la base de datos las visitas contadas en Redis (estadísticas de uso)."

    def handle(self, *args, **options):
        if counting.redis_client() is None:
            self.stdout.write(
                "Sin Redis: las visitas ya se guardan directamente en la base de datos."
            )
            return
        moved = counting.flush()
        self.stdout.write(f"Visitas pasadas a la base de datos: {moved}")
