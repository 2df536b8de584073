"""Reactions ("Me gusta" / "No me gusta") and the bursts flagged among them.

Re-exported by participation/models.py (app label `participation`).
"""

from django.db import models
from django.utils import timezone

from participation.targets import Target


class Reaction(models.Model):
    """One participant's reaction to one target (the database keeps it unique)."""

    LIKE = "me_gusta"
    DISLIKE = "no_me_gusta"
    VALUE_CHOICES = [(LIKE, "Me gusta"), (DISLIKE, "No me gusta")]

    target = models.ForeignKey(
        Target, on_delete=models.PROTECT, related_name="reactions", verbose_name="Elemento"
    )
    participant = models.CharField("Participante (hash)", max_length=64)
    value = models.CharField("Reacción", max_length=12, choices=VALUE_CHOICES)
    created_at = models.DateTimeField("Creada", default=timezone.now)
    updated_at = models.DateTimeField("Actualizada", default=timezone.now)
    burst = models.ForeignKey(
        "ReactionBurst",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reactions",
        verbose_name="Ráfaga señalada",
        help_text="Se guardó dentro de una ráfaga sospechosa (ver abuse.py).",
    )

    class Meta:
        verbose_name = "Reacción"
        verbose_name_plural = "Reacciones"
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "target"], name="participation_one_reaction_per_target"
            )
        ]
        indexes = [models.Index(fields=["target", "value"], name="participation_reaction_tv")]

    def __str__(self):
        return f"{self.get_value_display()} · {self.target}"


class ReactionBurst(models.Model):
    """An anomalous burst on one target: many fresh participant ids from one
    address bucket within one window (participation/reactions/abuse.py).

    The bucket is the day's keyed hash of the address (or IPv6 /64), never the
    address; once that day's secret is purged it cannot be linked to anything.
    Reactions stored during the burst point here (Reaction.burst), so a
    delivery can say how many of an element's reactions were flagged.
    """

    target = models.ForeignKey(
        Target, on_delete=models.PROTECT, related_name="bursts", verbose_name="Elemento"
    )
    bucket = models.CharField("Conexión (huella del día)", max_length=64)
    window_start = models.DateTimeField("Inicio de la ventana")
    window_seconds = models.PositiveIntegerField("Duración de la ventana (segundos)")
    presses = models.PositiveIntegerField(
        "Pulsaciones de participantes nuevos",
        default=0,
        help_text="Todas las de esta conexión en este elemento durante la ventana.",
    )
    flagged = models.PositiveIntegerField("Guardadas y señaladas", default=0)
    refused = models.PositiveIntegerField("Rechazadas", default=0)
    first_at = models.DateTimeField("Primera señal", default=timezone.now)
    last_at = models.DateTimeField("Última señal", default=timezone.now)

    class Meta:
        verbose_name = "Ráfaga de reacciones"
        verbose_name_plural = "Ráfagas de reacciones"
        ordering = ["-last_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "bucket", "window_start"],
                name="participation_burst_target_bucket_window",
            )
        ]

    def __str__(self):
        return f"{self.target} · {self.presses} pulsaciones desde una conexión"
