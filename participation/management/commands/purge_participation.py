"""Purge what participation no longer needs.

Every run (safe as a daily cron job): expired rate-limit counters and the
address secrets of past days, so old address hashes can never be linked.

With --datos-personales, after the delivery to parties: names, e-mails and
address hashes of ideas (and of flagged bursts) are erased, and participant hashes are replaced by
row-unique placeholders (totals and texts stay; nobody can be followed).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from home.models import ElectionCalendar
from participation import identity, ratelimit
from participation.ideas import delivery
from participation.models import Idea, Reaction, ReactionBurst
from participation.statistics.figures import freeze_participants


class Command(BaseCommand):
    help = (
        "Borra contadores vencidos y secretos de días pasados; con --datos-personales, "
        "los datos personales tras la entrega."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--datos-personales",
            action="store_true",
            help="Borra nombre, correo y huellas de participantes (solo después de la entrega).",
        )
        parser.add_argument(
            "--forzar",
            action="store_true",
            help="Permite borrar datos personales antes de la fecha de entrega.",
        )

    def handle(self, *args, **options):
        counters = ratelimit.purge_expired()
        salts = identity.forget_salts_before(identity.retention_cutoff_day())
        self.stdout.write(
            f"Contadores vencidos borrados: {counters}; secretos de días pasados: {salts}"
        )
        if not options["datos_personales"]:
            return
        if not ElectionCalendar.load().is_open("delivery") and not options["forzar"]:
            raise CommandError(
                "Aún no llega la fecha de entrega a los partidos: los datos personales se "
                "conservan hasta entonces (usa --forzar si el IEEM lo decidió)."
            )
        notices = delivery.pending_notices().count()
        if notices and not options["forzar"]:
            raise CommandError(
                f"Hay {notices} ideas entregadas cuyo aviso por correo aún no se envía: ejecuta "
                "deliver_ideas (y revisa el correo) antes de borrar los datos personales, o usa "
                "--forzar para borrarlos sin avisar."
            )
        now = timezone.now()
        with transaction.atomic():
            # The public statistics' distinct participants per day, before the hashes go.
            frozen = freeze_participants()
            ideas = Idea.objects.filter(personal_data_purged_at__isnull=True).update(
                name="",
                email="",
                address="",
                participant="",
                personal_data_purged_at=now,
            )
            reactions = Reaction.objects.exclude(participant__startswith="borrado-").update(
                participant=Concat(Value("borrado-"), Cast(F("id"), CharField()))
            )
            ReactionBurst.objects.exclude(bucket="").update(bucket="")
        self.stdout.write(
            f"Datos personales borrados: {ideas} ideas; {reactions} reacciones anonimizadas; "
            f"participantes por día conservados para las estadísticas: {frozen} días."
        )
