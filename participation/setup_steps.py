"""setup_site steps owned by participation: permissions of the IEEM groups."""

from django.contrib.auth.models import Group, Permission

from home.setup import setup_step

MODERATORS_GROUP = "Moderación IEEM"
ADMINS_GROUP = "Administración IEEM"

# Ideas and targets are moderated (change), never added or deleted in the admin.
MODERATOR_PERMISSIONS = [
    "view_idea",
    "change_idea",
    "view_target",
    "view_reaction",
    "view_reactionburst",
    # The per-party packages: seen and downloaded by moderators and
    # administrators only (Comunicación IEEM never sees per-party figures).
    "view_delivery",
    "view_dailycount",  # the tool's statistics (participation/statistics/)
]
# Only Administración IEEM generates (and, with a reason, regenerates) them.
ADMIN_PERMISSIONS = [*MODERATOR_PERMISSIONS, "generate_delivery"]


def _grant(group, codenames):
    perms = Permission.objects.filter(
        content_type__app_label="participation", codename__in=codenames
    )
    group.permissions.add(*perms)
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    group.permissions.add(*admin_access)


@setup_step(order=450, label="Permisos de participación ciudadana")
def participation_permissions(*, stdout, **options):
    for name, codenames in (
        (MODERATORS_GROUP, MODERATOR_PERMISSIONS),
        (ADMINS_GROUP, ADMIN_PERMISSIONS),
    ):
        group, created = Group.objects.get_or_create(name=name)
        _grant(group, codenames)
        stdout.write(
            f"  grupo «{name}»: {'creado' if created else 'ya existía'}; permisos de participación"
        )
