from django.core.management.base import BaseCommand, CommandError

from electoral.importing import ImportFileError
from electoral.parties.importers import ensure_parties_index, import_actors
from home.pagetree import home_page


class Command(BaseCommand):
    help = (
        "Crea o actualiza los partidos, coaliciones, candidaturas comunes e independientes de "
        "2021 a partir de los archivos de fixtures/ (ver fixtures/SOURCES.md)."
    )

    def handle(self, *args, **options):
        home = home_page()
        if home is None:
            raise CommandError("No hay portada: ejecute primero `manage.py setup_site`.")
        try:
            report = import_actors(ensure_parties_index(home))
        except ImportFileError as exc:
            raise CommandError("\n".join(exc.messages)) from None
        self.stdout.write(self.style.SUCCESS(report.summary()))
        for note in report.notes:
            self.stdout.write(f"aviso: {note}")
