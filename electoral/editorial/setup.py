"""setup_site steps of party accounts and IEEM moderation (orders 400-449)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from electoral.parties.models import PoliticalActorPage
from home.setup import setup_step

from .groups import (
    COMMS_GROUP,
    MODERATION_GROUP,
    ensure_staff_groups,
    parties_index,
    sync_all_actors,
)
from .models import ActorEditorGroup, PartyEditorAccount
from .workflow import ensure_workflow, retire_wagtail_defaults

DEMO_PASSWORD = "decide-ieem-demo"
DEMO_STAFF = [
    # username, group, first name, last name
    ("moderacion", MODERATION_GROUP, "Moderación", "IEEM"),
    ("comunicacion", COMMS_GROUP, "Comunicación", "IEEM"),
]


@setup_step(order=400, label="Grupos del IEEM y de cada partido")
def create_groups(*, stdout, **options):
    ensure_staff_groups()
    links = sync_all_actors()
    stdout.write(f"  grupos del IEEM listos; {len(links)} grupos «Editores <siglas>»")


@setup_step(order=405, label="Retiro de los grupos y el flujo predeterminados de Wagtail")
def retire_defaults(*, stdout, **options):
    removed, kept, deactivated = retire_wagtail_defaults()
    if removed:
        stdout.write(f"  grupos borrados: {', '.join(removed)}")
    for name in kept:
        stdout.write(
            f"  AVISO: el grupo «{name}» de Wagtail tiene usuarios y se conservó; pásalos a los "
            "grupos del IEEM o de su partido y vuelve a ejecutar setup_site"
        )
    if deactivated:
        stdout.write("  flujo «Moderators approval» desactivado (la raíz no lleva revisión)")
    if not (removed or kept or deactivated):
        stdout.write("  nada que retirar")


@setup_step(order=410, label="Flujo de trabajo «Revisión IEEM»")
def create_workflow(*, stdout, **options):
    index = parties_index()
    workflow = ensure_workflow(index)
    where = index.url_path if index else "(aún no hay /partidos/)"
    stdout.write(f"  «{workflow.name}» asignado a {where}")


def _demo_user(username, first_name, last_name, group_names):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "email": f"{username}@example.org",
            "first_name": first_name,
            "last_name": last_name,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(*Group.objects.filter(name__in=group_names))
    return user, created


def demo_party_actors():
    """The first party and the first coalition in registration order."""
    actors = PoliticalActorPage.objects.order_by("registration_order")
    picked = [
        actors.filter(kind__in=PoliticalActorPage.PARTY_KINDS).first(),
        actors.filter(kind=PoliticalActorPage.KIND_COALITION).first(),
    ]
    return [a for a in picked if a is not None]


@setup_step(order=420, label="Cuentas de demostración: moderación, comunicación y partidos")
def create_demo_accounts(*, stdout, **options):
    if not getattr(settings, "DEMO_ACCOUNTS", False):
        stdout.write("  cuentas de demostración desactivadas en este entorno")
        return

    for username, group, first, last in DEMO_STAFF:
        _, created = _demo_user(username, first, last, [group])
        stdout.write(f"  {username}: {'creada' if created else 'ya existía'}")
    for actor in demo_party_actors():
        link = ActorEditorGroup.objects.get(actor_id=actor.pk)
        user, created = _demo_user(
            f"editor-{actor.slug}", "Edición", actor.acronym, [link.group.name]
        )
        PartyEditorAccount.objects.get_or_create(
            user=user,
            defaults={
                "actor_id": actor.pk,
                "issued_password": user.password,
                # Demo accounts skip the forced change; real ones never do.
                "must_change_password": False,
            },
        )
        stdout.write(f"  {user.username}: {'creada' if created else 'ya existía'}")
