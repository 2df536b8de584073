"""setup_site steps owned by `home`: the page tree root, the calendar, demo admin."""

import json

from django.conf import settings
from django.contrib.auth import get_user_model

from .calendar import dates_for_phase
from .models import ElectionCalendar, RepresentationBodyPage, RepresentationIndexPage, StandardPage
from .pagetree import ensure_child, ensure_home_page, home_page
from .privacy import PRIVACY_BODY
from .representation_content import INDEX_BODY, INDEX_INTRO, INDEX_SLUG, INDEX_TITLE, PAGES
from .setup import setup_step

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "decide-ieem-demo"

HOME_INTRO = (
    "<p>Conoce qué se elige, encuentra tus boletas con el número de sección de tu "
    "credencial para votar, lee las plataformas y las propuestas de quienes buscan tu "
    "voto y dinos qué opinas.</p>"
)


def _paragraphs(*texts):
    return json.dumps([{"type": "paragraph", "value": f"<p>{t}</p>"} for t in texts])


@setup_step(order=100, label="Portada del sitio")
def create_home(*, stdout, **options):
    home, created = ensure_home_page(title="Decide IEEM", intro=HOME_INTRO)
    stdout.write(f"  portada: {'creada' if created else 'ya existía'} ({home.url_path})")


@setup_step(order=110, label="Calendario electoral")
def create_calendar(*, stdout, **options):
    cal = ElectionCalendar.load()
    if cal.participation_opens is None:
        cal.apply(dates_for_phase("campaign"))
        cal.save()
        stdout.write("  calendario: demostración en fase de campañas")
    else:
        stdout.write(f"  calendario: se conserva (fase actual: {cal.phase_label})")


@setup_step(order=120, label="Administrador de demostración")
def create_demo_admin(*, stdout, **options):
    if not getattr(settings, "DEMO_ACCOUNTS", False):
        stdout.write("  cuentas de demostración desactivadas en este entorno")
        return
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=DEMO_ADMIN_USERNAME,
        defaults={
            "email": "admin@example.org",
            "first_name": "Administración",
            "last_name": "IEEM",
        },
    )
    if created:
        user.is_staff = True
        user.is_superuser = True
        user.set_password(DEMO_ADMIN_PASSWORD)
        user.save()
    stdout.write(f"  administrador de demostración: {'creado' if created else 'ya existía'}")


PRIVACY_INTRO = (
    "Cómo trata el Instituto Electoral del Estado de México los datos que nos das "
    "al participar en Decide IEEM."
)


@setup_step(order=130, label="Aviso de privacidad")
def create_privacy_notice(*, stdout, **options):
    page, created = ensure_child(
        home_page(),
        StandardPage,
        "aviso-de-privacidad",
        title="Aviso de privacidad",
        intro=PRIVACY_INTRO,
        body=PRIVACY_BODY,
    )
    stdout.write(f"  aviso de privacidad: {'creado' if created else 'ya existía'}")


@setup_step(order=260, label="Qué se elige: Legislatura, ayuntamientos y cargos")
def create_representation_bodies(*, stdout, **options):
    index, _ = ensure_child(
        home_page(),
        RepresentationIndexPage,
        INDEX_SLUG,
        title=INDEX_TITLE,
        intro=INDEX_INTRO,
        body=json.dumps(INDEX_BODY),
    )
    created = 0
    for spec in PAGES:
        _, was_created = ensure_child(
            index,
            RepresentationBodyPage,
            spec.slug,
            title=spec.title,
            kind=spec.kind,
            intro=spec.intro,
            body=json.dumps(spec.body),
        )
        created += was_created
    stdout.write(f"  {index.url_path}: {created} páginas nuevas de {len(PAGES)}")
