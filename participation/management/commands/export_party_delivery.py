"""Generate (once) and write the package of one actor, or of every receiving actor.

    python manage.py export_party_delivery --actor pan --output pan.xlsx   # the workbook
    python manage.py export_party_delivery --actor pan --output pan.zip    # the whole package
    python manage.py export_party_delivery --all --output-dir entregas/

A package not generated yet is generated now (logged as generated from the
command line); one already generated is written as stored (same bytes and
checksum as the receipt). Regenerating is done in the admin only, by an
Administración IEEM user with a written reason.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from electoral.parties.models import PoliticalActorPage
from home.models import ElectionCalendar
from participation.delivery import services
from participation.delivery.recipients import all_recipients


class Command(BaseCommand):
    help = (
        "Genera (una sola vez) y escribe el paquete de entrega de un partido o candidatura "
        "independiente electa (--actor <slug> --output <archivo.xlsx|archivo.zip>) o de todos "
        "(--all --output-dir <carpeta>). Solo desde la fecha de entrega del calendario."
    )

    def add_arguments(self, parser):
        parser.add_argument("--actor", help="Slug del actor, p. ej. «pan».")
        parser.add_argument("--output", help="Archivo de salida: .xlsx (el libro) o .zip.")
        parser.add_argument("--all", action="store_true", help="Todos los actores que reciben.")
        parser.add_argument("--output-dir", help="Carpeta para --all (un ZIP por actor).")

    def handle(self, *args, **options):
        calendar = ElectionCalendar.load()
        if not services.delivery_open(calendar):
            raise CommandError(services.not_yet_message(calendar) + " No se generó nada.")
        if options["all"]:
            if options["actor"] or options["output"]:
                raise CommandError("Usa --all con --output-dir, o --actor con --output.")
            if not options["output_dir"]:
                raise CommandError("Falta --output-dir: la carpeta donde escribir los paquetes.")
            return self.export_all(Path(options["output_dir"]))
        if not options["actor"] or not options["output"]:
            raise CommandError("Indica --actor <slug> y --output <archivo.xlsx|archivo.zip>.")
        output = Path(options["output"])
        kind = output.suffix.lower()
        if kind not in (".xlsx", ".zip"):
            raise CommandError(
                f"«{output.name}»: el archivo de salida debe terminar en .xlsx (el libro) o .zip "
                "(el paquete completo)."
            )
        actor = PoliticalActorPage.objects.filter(slug=options["actor"]).first()
        if actor is None:
            slugs = ", ".join(
                PoliticalActorPage.objects.order_by("registration_order").values_list(
                    "slug", flat=True
                )
            )
            raise CommandError(f"No hay un actor con slug «{options['actor']}». Hay: {slugs}.")
        package = self.generate(actor)
        data = package.xlsx_data if kind == ".xlsx" else package.zip_data
        self.write(output, data)
        sha = package.xlsx_sha256 if kind == ".xlsx" else package.zip_sha256
        counts = package.counts
        self.stdout.write(
            f"{actor.title}: {output} ({len(bytes(data))} bytes, SHA-256 {sha}; "
            f"ideas {counts.get('Ideas', 0)}, elementos {counts.get('Resumen', 0)})."
        )
        return None

    def generate(self, actor):
        try:
            package, created = services.generate(actor)
        except services.DeliveryRefused as refusal:
            raise CommandError(str(refusal)) from None
        if created:
            self.stdout.write(f"{actor.title}: paquete generado (versión {package.version}).")
        else:
            self.stdout.write(
                f"{actor.title}: ya estaba generado (versión {package.version}); se escribe el "
                "mismo paquete."
            )
        return package

    def write(self, path, data):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(bytes(data))
        except OSError as error:
            raise CommandError(f"No se pudo escribir «{path}»: {error.strerror}.") from None

    def export_all(self, folder):
        written = skipped = 0
        for recipient in all_recipients():
            actor = recipient.actor
            if not recipient.receives:
                skipped += 1
                self.stdout.write(f"{actor.title}: sin paquete. {recipient.why_not}")
                continue
            package = self.generate(actor)
            path = folder / f"entrega-{actor.slug}.zip"
            self.write(path, package.zip_data)
            self.stdout.write(f"  {path} (SHA-256 {package.zip_sha256})")
            written += 1
        self.stdout.write(f"Paquetes escritos: {written}; actores sin paquete: {skipped}.")
