"""Issue, reset and export the accounts of the party editors.

Passwords exist in clear only in memory and in the credentials file the
command writes (mode 600, created exclusively, by default in the home
directory of whoever runs it — never inside the project tree).
"""

import csv
import os
import re
import secrets
import string
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from . import audit
from .groups import sync_actor
from .models import PartyEditorAccount

ALPHABET = string.ascii_letters + string.digits
PASSWORD_LENGTH = 20


@dataclass(frozen=True)
class Credential:
    actor: object
    username: str
    password: str


class AccountError(Exception):
    """A problem the command reports in Spanish (no traceback)."""


def generate_password(user=None):
    """A random password that passes the project's password validators."""
    while True:
        password = "".join(secrets.choice(ALPHABET) for _ in range(PASSWORD_LENGTH))
        if not (
            any(c.islower() for c in password)
            and any(c.isupper() for c in password)
            and any(c.isdigit() for c in password)
        ):
            continue
        try:
            validate_password(password, user)
        except ValidationError:
            continue
        return password


def default_output_path(now=None):
    stamp = (now or timezone.localtime()).strftime("%Y%m%d-%H%M%S")
    return Path.home() / f"decide-ieem-credenciales-{stamp}.csv"


def is_inside_project(path):
    base = Path(settings.BASE_DIR).resolve()
    try:
        Path(path).resolve().relative_to(base)
    except ValueError:
        return False
    return True


def username_for(actor, number):
    return f"{actor.slug}-{number}"[:150]


def _issue_password(user):
    password = generate_password(user)
    user.set_password(password)
    user._decide_issuing_password = True  # not a change by the user (see signals)
    user.save()
    user._decide_issuing_password = False
    return password


@transaction.atomic
def create_accounts(actors, per_actor):
    """Make sure each actor has `per_actor` editor accounts; returns the new ones.

    Existing accounts are left untouched (their passwords are not re-issued).
    """

    User = get_user_model()
    created = []
    for actor in actors:
        link = sync_actor(actor)
        # Generated accounts are "<slug>-<n>" (demo accounts do not count).
        existing = PartyEditorAccount.objects.filter(
            actor_id=actor.pk, user__username__regex=rf"^{re.escape(actor.slug)}-[0-9]+$"
        ).count()
        number = 0
        while existing < per_actor:
            number += 1
            username = username_for(actor, number)
            if User.objects.filter(username=username).exists():
                continue
            user = User.objects.create_user(
                username=username,
                first_name="Edición",
                last_name=(actor.acronym or actor.title)[:150],
            )
            password = _issue_password(user)
            user.groups.add(link.group)
            account = PartyEditorAccount.objects.create(
                user=user, actor_id=actor.pk, issued_password=user.password
            )
            audit.log_account_event(account, "decide.party_account.create")
            created.append(Credential(actor, username, password))
            existing += 1
    return created


@transaction.atomic
def reset_password(username):
    account = (
        PartyEditorAccount.objects.select_related("user", "actor")
        .filter(user__username=username)
        .first()
    )
    if account is None:
        raise AccountError(f"No hay una cuenta de partido con el usuario «{username}».")
    user = account.user
    password = _issue_password(user)
    account.issued_password = user.password
    account.must_change_password = True
    account.password_issued_at = timezone.now()
    account.save(update_fields=["issued_password", "must_change_password", "password_issued_at"])
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    audit.log_account_event(account, "decide.party_account.password_reset")
    return Credential(account.actor.specific, username, password)


def open_credentials_file(path):
    """Create `path` for writing with mode 600; refuses to overwrite a file."""
    path = Path(path).expanduser()
    if not path.parent.is_dir():
        raise AccountError(f"La carpeta {path.parent} no existe.")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise AccountError(f"El archivo {path} ya existe; elige otro nombre.") from exc
    os.fchmod(fd, 0o600)  # whatever the umask
    return path, os.fdopen(fd, "w", newline="", encoding="utf-8")


def write_credentials(handle, credentials):
    writer = csv.writer(handle)
    writer.writerow(["actor", "usuario", "contrasena_temporal"])
    for cred in credentials:
        writer.writerow([cred.actor.acronym or cred.actor.title, cred.username, cred.password])


def log_exports(credentials, filename):
    by_actor = {}
    for cred in credentials:
        by_actor.setdefault(cred.actor.pk, (cred.actor, []))[1].append(cred.username)
    for actor, usernames in by_actor.values():
        audit.log_export(actor, usernames, filename=Path(filename).name)
