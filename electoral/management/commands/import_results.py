from datetime import date

from django.core.management.base import BaseCommand, CommandError

from electoral.importing import ImportFileError
from electoral.models import Contest


class Command(BaseCommand):
    help = (
        "Importa resultados oficiales por distrito en el formato del INE/IEEM (una columna por "
        "partido o combinación, NUM_VOTOS_VALIDOS, NUM_VOTOS_CAN_NREG, NUM_VOTOS_NULOS, "
        "TOTAL_VOTOS, LISTA_NOMINAL). Todo o nada; se puede repetir."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="ARCHIVO")
        parser.add_argument("--contest", required=True, choices=["diputaciones"])
        parser.add_argument("--year", required=True, type=int, metavar="AÑO")
        parser.add_argument("--source", required=True, metavar="DOCUMENTO")
        parser.add_argument("--source-url", default="", metavar="URL")
        parser.add_argument("--date", default=None, metavar="AAAA-MM-DD", help="Jornada electoral.")

    def handle(self, *args, **options):
        try:
            when = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError:
            raise CommandError(f"Fecha no válida: «{options['date']}» (use AAAA-MM-DD).") from None
        try:
            counts = Contest.objects.import_district_file(
                options["file"],
                year=options["year"],
                source=options["source"],
                source_url=options["source_url"],
                election_date=when,
            )
        except ImportFileError as exc:
            raise CommandError(f"No se importó nada.\n{exc}") from None
        self.stdout.write(f"  diputaciones {options['year']}: {counts}")
        self.stdout.write(self.style.SUCCESS("Resultados importados."))
