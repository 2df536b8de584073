from django.core.management.base import BaseCommand, CommandError

from electoral.geography.importing import GeographyFiles, import_geography
from electoral.importing import ImportFileError


class Command(BaseCommand):
    help = (
        "Importa la geografía electoral (municipios, distritos, secciones, cabeceras y "
        "mapas) desde fixtures/ o desde los archivos indicados. Todo o nada; se puede repetir."
    )

    def add_arguments(self, parser):
        for name in (
            "municipalities",
            "crosswalk",
            "voters",
            "district_shapes",
            "sections",
            "head_towns",
            "municipality_shapes",
        ):
            parser.add_argument(f"--{name.replace('_', '-')}", dest=name, metavar="ARCHIVO")

    def handle(self, *args, **options):
        files = GeographyFiles().replace(
            **{k: options.get(k) for k in GeographyFiles.__dataclass_fields__}
        )
        try:
            import_geography(files, stdout=self.stdout)
        except ImportFileError as exc:
            raise CommandError(f"No se importó nada.\n{exc}") from None
        self.stdout.write(self.style.SUCCESS("Geografía electoral importada."))
