from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from electoral.geography.sources import GeographyImportError


class Command(BaseCommand):
    help = (
        "Importa el catálogo de secciones electorales (columnas seccion, municipio_ine y, "
        "si se conoce, distrito_local). Reemplaza el catálogo; todo o nada."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="ARCHIVO.csv")

    def handle(self, *args, path, **options):
        from electoral.models import Section

        try:
            with transaction.atomic():
                counts = Section.objects.import_csv(path)
        except GeographyImportError as exc:
            raise CommandError(f"No se importó nada.\n{exc}") from None
        self.stdout.write(f"  secciones: {counts}")
        self.stdout.write(f"  secciones sin distrito conocido: {counts.extra['without_district']}")
        self.stdout.write(self.style.SUCCESS("Catálogo de secciones importado."))
