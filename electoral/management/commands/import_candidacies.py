from django.core.management.base import BaseCommand, CommandError

from electoral.importing import ImportFileError
from electoral.models import Candidacy


class Command(BaseCommand):
    help = (
        "Importa candidaturas desde un CSV del registro del IEEM (columnas cargo, municipio, "
        "distrito, actor, posicion, calidad, nombre[, genero, reeleccion]) o el archivo de "
        "presidencias municipales 2021. Todo o nada: si una fila falla, no se guarda ninguna."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Archivo CSV (UTF-8; separado por comas o punto y coma)")
        parser.add_argument(
            "--source",
            help="Nombre de la fuente que se guarda en cada candidatura (por omisión, el archivo). "
            "Las candidaturas de esta fuente que ya no estén en el archivo se retiran.",
        )

    def handle(self, *args, path, source=None, **options):
        try:
            report = Candidacy.objects.import_csv(path, source=source)
        except ImportFileError as exc:
            raise CommandError(
                "No se importó nada:\n" + "\n".join(f"  - {e}" for e in exc.messages)
            ) from None
        self.stdout.write(self.style.SUCCESS(f"{path}: {report.summary()}"))
        for office, count in sorted(report.extra["by_office"].items()):
            self.stdout.write(f"  {office}: {count}")
