from django.core.management.base import BaseCommand

from electoral.editorial.digest import send_digest


class Command(BaseCommand):
    help = (
        "Envía a Moderación IEEM la lista de páginas de partidos que esperan revisión desde hace "
        "más de 24 horas (ejecútalo una vez al día, p. ej. con cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=24, help="Antigüedad mínima en horas (24)."
        )

    def handle(self, *args, hours=24, **options):
        items, recipients = send_digest(older_than_hours=hours)
        if not items:
            self.stdout.write(f"Nada espera revisión desde hace más de {hours} h.")
        elif not recipients:
            self.stderr.write(
                self.style.WARNING(
                    f"{len(items)} páginas esperan revisión, "
                    "pero nadie de Moderación IEEM tiene correo."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Resumen enviado a {len(recipients)} personas: {len(items)} páginas en espera."
                )
            )
