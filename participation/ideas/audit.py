"""Moderation decisions on ideas, recorded in Wagtail's log.

Each decision (from an idea's form or from a bulk action) becomes an entry
in the idea's history (*Historial*) and in *Informes → Registro de acciones*:
who decided, when, and the reason of a rejection. The idea row keeps only
the latest decision; the log keeps all of them.
"""

from wagtail.log_actions import LogFormatter, log

from .models import Idea

ACTIONS = {
    Idea.ACCEPTED: "decide.idea.accept",
    Idea.REJECTED: "decide.idea.reject",
    Idea.PENDING: "decide.idea.pending",
}
REASONS = dict(Idea.REASON_CHOICES)


class _Accepted(LogFormatter):
    label = "Idea aceptada"
    message = "Idea aceptada: se entregará al partido"


class _Rejected(LogFormatter):
    label = "Idea rechazada"

    def format_message(self, log_entry):
        reason = REASONS.get((log_entry.data or {}).get("reason", ""), "")
        return f"Idea rechazada por «{reason}»" if reason else "Idea rechazada"


class _Pending(LogFormatter):
    label = "Idea devuelta a pendiente"
    message = "Idea devuelta a pendiente de moderación"


def register_actions(actions):
    """Body of the `register_log_actions` hook (participation/wagtail_hooks.py)."""
    actions.register_action(ACTIONS[Idea.ACCEPTED])(_Accepted)
    actions.register_action(ACTIONS[Idea.REJECTED])(_Rejected)
    actions.register_action(ACTIONS[Idea.PENDING])(_Pending)


def log_moderation(idea, user, *, bulk=False):
    return log(
        instance=idea,
        action=ACTIONS[idea.status],
        user=user,
        data={"status": idea.status, "reason": idea.reason, "bulk": bulk},
    )
