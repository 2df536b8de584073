from django.core.management.base import BaseCommand
from django.db import transaction

from home.setup import registered_steps


class Command(BaseCommand):
    help = (
        "Deja el sitio listo: árbol de páginas, calendario, datos oficiales, contenido de "
        "ejemplo, grupos y flujos de trabajo. Se puede ejecutar varias veces sin duplicar nada."
    )

    def handle(self, *args, **options):
        for step in registered_steps():
            self.stdout.write(self.style.MIGRATE_HEADING(f"· {step.label}"))
            with transaction.atomic():
                step.func(stdout=self.stdout, style=self.style)
        self.stdout.write(self.style.SUCCESS("Sitio listo."))
