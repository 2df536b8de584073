"""Wagtail log actions of the delivery: generation, regeneration, download.

Entries are logged against the actor's page, so Wagtail's site history and
the «Bitácora de partidos» report (filtered by actor) list them for
Administración IEEM. Each entry carries the actor, the checksums and, for a
regeneration, the reason.
"""

from wagtail.log_actions import LogFormatter, log
from wagtail.models import PageLogEntry

GENERATE = "decide.delivery.generate"
REGENERATE = "decide.delivery.regenerate"
DOWNLOAD = "decide.delivery.download"

ACTIONS = {
    GENERATE: (
        "Entrega: paquete generado",
        "Paquete de «{actor}» generado (versión {version}; SHA-256 del ZIP {zip_sha256})",
    ),
    REGENERATE: (
        "Entrega: paquete regenerado",
        "Paquete de «{actor}» regenerado (versión {version}; SHA-256 del ZIP {zip_sha256}). "
        "Motivo: {reason}",
    ),
    DOWNLOAD: (
        "Entrega: descarga",
        "Descarga: {what} de «{actor}» (versión {version}; SHA-256 {sha256})",
    ),
}


def register_actions(actions):
    """Body of the `register_log_actions` hook (participation/wagtail_hooks.py)."""
    for action, (label, template) in ACTIONS.items():

        class Formatter(LogFormatter):
            def format_message(self, log_entry, template=template):
                data = {"actor": "", "version": "", "zip_sha256": "", "reason": ""}
                data.update({"what": "", "sha256": ""})
                data.update(log_entry.data or {})
                try:
                    return template.format(**data)
                except (KeyError, IndexError):
                    return template

        Formatter.label = label
        actions.register_action(action)(Formatter)


def _data(package, **extra):
    return {
        "actor": package.actor_title,
        "actor_id": package.actor_id,
        "version": package.version,
        "zip_sha256": package.zip_sha256,
        "xlsx_sha256": package.xlsx_sha256,
        **extra,
    }


def log_generation(package, user, *, regenerated=False):
    return log(
        instance=package.actor.specific_deferred,
        action=REGENERATE if regenerated else GENERATE,
        user=user,
        data=_data(package, reason=package.reason if regenerated else ""),
    )


WHAT = {"zip": "el paquete ZIP", "xlsx": "el libro XLSX", "oficio": "el oficio de remisión"}


def log_download(package, user, kind):
    sha = package.xlsx_sha256 if kind == "xlsx" else package.zip_sha256
    return log(
        instance=package.actor.specific_deferred,
        action=DOWNLOAD,
        user=user,
        data=_data(package, what=WHAT[kind], kind=kind, sha256=sha),
    )


def downloads(actor_ids):
    """{actor id: [log entries of downloads]} newest first."""
    rows = {}
    for entry in (
        PageLogEntry.objects.filter(action=DOWNLOAD, page_id__in=list(actor_ids))
        .select_related("user")
        .order_by("-timestamp", "-pk")
    ):
        rows.setdefault(entry.page_id, []).append(entry)
    return rows
