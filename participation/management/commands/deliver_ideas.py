"""Mark accepted ideas as delivered to their parties and tell the citizens who asked.

Run by IEEM staff once the calendar's delivery date has come, after handing
each party its data; safe to run again (ideas accepted since then are
delivered, failed notices are retried, nothing is sent twice).
"""

from django.core.management.base import BaseCommand, CommandError

from home.models import ElectionCalendar
from participation.ideas import delivery
from participation.models import Idea
from participation.services import format_moment


class Command(BaseCommand):
    help = (
        "Marca como entregadas a los partidos las ideas aceptadas y avisa por correo a quienes "
        "lo pidieron (solo desde la fecha de entrega del calendario)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--simular",
            action="store_true",
            help="Solo cuenta lo que se entregaría y los avisos que se enviarían.",
        )

    def handle(self, *args, **options):
        calendar = ElectionCalendar.load()
        if not calendar.is_open("delivery"):
            when = calendar.delivery_from
            raise CommandError(
                "Aún no llega la fecha de entrega a los partidos"
                + (f" ({format_moment(when)})" if when else "")
                + ": no se marcó ni se avisó nada."
            )
        pending = Idea.objects.filter(status=Idea.PENDING).count()
        if options["simular"]:
            to_deliver = delivery.to_deliver()
            notices = to_deliver.exclude(email="").count() + delivery.pending_notices().count()
            self.stdout.write(
                f"Se entregarían {to_deliver.count()} ideas aceptadas; avisos pendientes: "
                f"{notices} ideas con correo. Nada se modificó."
            )
        else:
            by_actor = delivery.mark_delivered()
            total = sum(by_actor.values())
            detail = "; ".join(f"{actor}: {n}" for actor, n in sorted(by_actor.items()))
            self.stdout.write(
                f"Ideas entregadas en esta ejecución: {total}" + (f" ({detail})" if detail else "")
            )
            sent, failed = delivery.notify_delivered()
            self.stdout.write(f"Avisos por correo enviados: {sent}; fallidos: {failed}.")
            if failed:
                self.stderr.write(
                    "Algunos avisos no se pudieron enviar; quedan pendientes. Revisa el servidor "
                    "de correo y vuelve a ejecutar el comando."
                )
        if pending:
            what = (
                "Queda 1 idea pendiente de moderar: se entregará cuando se acepte"
                if pending == 1
                else f"Quedan {pending} ideas pendientes de moderar: se entregarán cuando se "
                "acepten"
            )
            self.stdout.write(f"{what} y se vuelva a ejecutar este comando.")
