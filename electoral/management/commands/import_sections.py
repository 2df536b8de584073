from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from electoral.importing import ImportFileError
from electoral.models import Section


class Command(BaseCommand):
    help = (
        "Importa el catálogo de secciones electorales (columnas seccion, municipio_ine y "
        "distrito_local; opcionales municipio_nombre y municipio_inegi), como el catálogo "
        "oficial del IEEM o la cartografía del INE. Reemplaza el catálogo y recalcula qué "
        "distritos tiene cada municipio; todo o nada."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="ARCHIVO.csv")
        parser.add_argument(
            "--fuente",
            dest="source",
            help="Fuente que citan las páginas, p. ej. «Catálogo de secciones del IEEM, 2024» "
            "(si falta: el nombre del archivo).",
        )

    def handle(self, *args, path, source=None, **options):
        try:
            with transaction.atomic():
                counts = Section.objects.import_csv(path, source=source)
        except ImportFileError as exc:
            raise CommandError(f"No se importó nada.\n{exc}") from None
        self.stdout.write(f"  secciones: {counts}")
        links = counts.extra["links"]
        self.stdout.write(f"  municipios en distritos: {links}")
        self.stdout.write(f"  municipios divididos entre varios distritos: {links.extra['split']}")
        self.stdout.write(
            f"  secciones sin distrito en el archivo que tomaron el único distrito de su "
            f"municipio: {counts.extra['derived_district']}"
        )
        self.stdout.write(f"  secciones sin distrito conocido: {counts.extra['without_district']}")
        self.stdout.write(self.style.SUCCESS("Catálogo de secciones importado."))
