from django.core.management.base import BaseCommand
from django.utils import formats, timezone

from electoral.editorial.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Envía a las personas editoras de cada partido, coalición o candidatura lo que les falta "
        "capturar (plataforma y perfiles), mientras la captura está abierta. Como máximo un "
        "correo al día por actor; nada a quien ya no le falta nada. Ejecútalo una vez al día "
        "(cron)."
    )

    def handle(self, *args, **options):
        run = send_reminders()
        if not run.open:
            when = (
                formats.date_format(timezone.localtime(run.deadline), "DATETIME_FORMAT")
                if run.deadline
                else "—"
            )
            self.stdout.write(f"La captura de perfiles cerró el {when}: no se envía nada.")
            return
        for actor, recipients, missing in run.sent:
            self.stdout.write(
                f"{actor.title}: {missing} pendientes, enviado a {len(recipients)} persona(s)."
            )
        for actor in run.no_recipients:
            self.stderr.write(
                self.style.WARNING(f"{actor.title}: tiene pendientes pero nadie con correo.")
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Recordatorios enviados: {len(run.sent)}; ya enviados hoy: "
                f"{len(run.already_sent)}; sin pendientes: {len(run.complete)}; "
                f"sin destinatarios: {len(run.no_recipients)}."
            )
        )
