"""Audit-log actions of party accounts, recorded in Wagtail's log.

Account events of a party editor are logged against the actor's page, so
the actor filter of the party audit report (a page-subtree filter) finds
them together with the workflow events of that actor's pages. Logins of
IEEM staff are logged against their user record.
"""

from wagtail.log_actions import LogFormatter, log

from .models import PartyEditorAccount

ACCOUNT_ACTIONS = {
    "decide.party_account.create": ("Cuenta de partido: creación", "Cuenta «{username}» creada"),
    "decide.party_account.password_reset": (
        "Cuenta de partido: nueva contraseña",
        "Contraseña temporal nueva para «{username}»",
    ),
    "decide.party_account.password_changed": (
        "Cuenta de partido: cambio de contraseña",
        "«{username}» cambió su contraseña temporal",
    ),
    "decide.party_account.login": ("Inicio de sesión", "«{username}» inició sesión"),
    "decide.party_account.export": (
        "Cuentas de partido: exportación de credenciales",
        "Credenciales exportadas ({count} cuentas: {usernames})",
    ),
}


def register_actions(actions):
    """Body of the `register_log_actions` hook (see electoral/wagtail_hooks.py)."""
    for action, (label, template) in ACCOUNT_ACTIONS.items():

        class Formatter(LogFormatter):
            def format_message(self, log_entry, template=template):
                data = dict(log_entry.data or {})
                data.setdefault("username", "")
                usernames = data.get("usernames") or []
                data.setdefault("count", len(usernames))
                data["usernames"] = ", ".join(usernames)
                try:
                    return template.format(**data)
                except (KeyError, IndexError):
                    return template

        Formatter.label = label
        actions.register_action(action)(Formatter)


def log_account_event(account, action, *, user=None, **data):
    return log(
        instance=account.actor.specific_deferred,
        action=action,
        user=user,
        data={"username": account.user.get_username(), **data},
    )


def log_export(actor, usernames, *, user=None, filename=""):
    return log(
        instance=actor,
        action="decide.party_account.export",
        user=user,
        data={"usernames": list(usernames), "file": filename},
    )


def log_login(user):
    account = PartyEditorAccount.objects.filter(user_id=user.pk).select_related("actor").first()
    if account is not None:
        return log_account_event(account, "decide.party_account.login", user=user)
    if user.is_staff or user.is_superuser or user.groups.exists():
        return log(
            instance=user,
            action="decide.party_account.login",
            user=user,
            data={"username": user.get_username()},
        )
    return None
