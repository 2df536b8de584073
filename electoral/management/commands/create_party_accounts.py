from django.core.management.base import BaseCommand, CommandError

from electoral.editorial import accounts
from electoral.parties.models import PoliticalActorPage


class Command(BaseCommand):
    help = (
        "Crea las cuentas de edición de cada partido, coalición o candidatura (N por actor, en su "
        "grupo «Editores <siglas>») y escribe usuario y contraseña temporal en un CSV legible solo "
        "por quien lo genera (modo 600). Las contraseñas nunca se imprimen. Volver a ejecutarlo no "
        "duplica cuentas; --reset <usuario> emite una contraseña temporal nueva."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--actor",
            action="append",
            metavar="SLUG",
            help="Solo este actor (identificador de /partidos/<slug>/); se puede repetir.",
        )
        parser.add_argument(
            "--per-actor", type=int, default=2, metavar="N", help="Cuentas por actor (2)."
        )
        parser.add_argument(
            "--output",
            metavar="ARCHIVO.csv",
            help="Dónde escribir las credenciales (por omisión, en tu carpeta personal).",
        )
        parser.add_argument(
            "--reset",
            metavar="USUARIO",
            help="Emite una contraseña temporal nueva para esta cuenta.",
        )

    def handle(self, *args, actor=None, per_actor=2, output=None, reset=None, **options):
        if per_actor < 1:
            raise CommandError("--per-actor debe ser 1 o más.")
        actors = list(PoliticalActorPage.objects.order_by("registration_order", "title"))
        if actor:
            by_slug = {a.slug: a for a in actors}
            unknown = [slug for slug in actor if slug not in by_slug]
            if unknown:
                raise CommandError(
                    "No existe el actor: "
                    + ", ".join(unknown)
                    + ". Revisa /partidos/ para ver los identificadores."
                )
            actors = [by_slug[slug] for slug in actor]
        if not actors and not reset:
            raise CommandError("No hay partidos ni candidaturas: ejecuta antes setup_site.")

        path = output or accounts.default_output_path()
        if accounts.is_inside_project(path):
            self.stderr.write(
                self.style.WARNING(
                    f"Atención: {path} está dentro de la carpeta del proyecto; "
                    "no lo subas al repositorio."
                )
            )
        try:
            path, handle = accounts.open_credentials_file(path)
        except accounts.AccountError as exc:
            raise CommandError(str(exc)) from exc

        try:
            with handle:
                if reset:
                    credentials = [accounts.reset_password(reset)]
                else:
                    credentials = accounts.create_accounts(actors, per_actor)
                accounts.write_credentials(handle, credentials)
        except accounts.AccountError as exc:
            path.unlink(missing_ok=True)
            raise CommandError(str(exc)) from exc
        except BaseException:
            path.unlink(missing_ok=True)
            raise

        if not credentials:
            path.unlink(missing_ok=True)
            self.stdout.write(
                "Todas las cuentas ya existían; no se generó archivo de credenciales."
            )
            return
        accounts.log_exports(credentials, path)
        for cred in credentials:
            verb = "contraseña nueva" if reset else "creada"
            self.stdout.write(f"  {cred.username} ({cred.actor.acronym}): {verb}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(credentials)} credenciales en {path} (solo tú puedes leerlo). "
                "Entrégalo por un canal seguro y bórralo después."
            )
        )
