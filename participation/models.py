"""Reactions ("Me gusta" / "No me gusta") and citizen ideas.

A participant is never a user account: it is the keyed hash (HMAC) of a long
random token kept in a first-party cookie (see identity.py). A network address
is never stored raw either; ideas keep only its hash under a secret that
rotates every day (AddressSalt), so hashes of different days cannot be linked
once old secrets are purged.

What citizens react to is a Target: a page (platform or candidate profile)
plus a StreamField block id ("" = the whole page). Targets keep the page id
and a snapshot of their label and actor, so reactions and ideas survive the
edit or deletion of the block or page they were about.
"""

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils import timezone

__all__ = ["Target", "Reaction", "ReactionBurst", "Idea", "RateCounter", "AddressSalt"]


class Target(models.Model):
    """Something a citizen can react to: a page, or one block of it."""

    KIND_PLATFORM = "plataforma"
    KIND_TOPIC = "tema"
    KIND_PROPOSAL = "propuesta"
    KIND_PROFILE = "perfil"
    KIND_OTHER = "otro"
    KIND_CHOICES = [
        (KIND_PLATFORM, "Plataforma completa"),
        (KIND_TOPIC, "Tema de una plataforma"),
        (KIND_PROPOSAL, "Propuesta de una candidatura"),
        (KIND_PROFILE, "Perfil de candidatura completo"),
        (KIND_OTHER, "Otro"),
    ]

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Página",
    )
    page_key = models.PositiveIntegerField(
        "Id de la página", help_text="Se conserva aunque la página se elimine."
    )
    block_id = models.CharField("Id del bloque", max_length=64, blank=True)
    kind = models.CharField("Tipo", max_length=12, choices=KIND_CHOICES, default=KIND_OTHER)
    label = models.CharField("Elemento", max_length=255)
    page_title = models.CharField("Título de la página", max_length=255)
    actor = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Actor político",
    )
    actor_title = models.CharField("Actor político", max_length=255, blank=True)
    actor_acronym = models.CharField("Siglas", max_length=40, blank=True)
    actor_slug = models.SlugField("Slug del actor", max_length=255, blank=True)
    actor_order = models.PositiveIntegerField("Orden de registro", null=True, blank=True)
    created_at = models.DateTimeField("Creado", default=timezone.now)

    class Meta:
        verbose_name = "Elemento con participación"
        verbose_name_plural = "Elementos con participación"
        ordering = ["actor_order", "actor_title", "page_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["page_key", "block_id"], name="participation_target_page_block"
            )
        ]

    def __str__(self):
        actor = self.actor_acronym or self.actor_title
        return f"{actor} · {self.label}" if actor else self.label

    @property
    def still_exists(self):
        return self.page_id is not None


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
    address bucket within one window (participation/abuse.py).

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


class Idea(models.Model):
    """An idea, proposal or comment sent by a citizen. Never published, never
    deleted by moderation: rejected ideas keep their status and reason."""

    PENDING = "pendiente"
    ACCEPTED = "aceptada"
    REJECTED = "rechazada"
    STATUS_CHOICES = [
        (PENDING, "Pendiente"),
        (ACCEPTED, "Aceptada (se entregará)"),
        (REJECTED, "Rechazada"),
    ]
    REASON_CHOICES = [
        ("spam", "Spam"),
        ("ofensiva", "Ofensiva"),
        ("datos_personales", "Datos personales"),
        ("fuera_de_tema", "Fuera de tema"),
    ]

    target = models.ForeignKey(
        Target, on_delete=models.PROTECT, related_name="ideas", verbose_name="Elemento"
    )
    text = models.TextField("Texto")
    text_hash = models.CharField("Huella del texto", max_length=64, db_index=True)
    name = models.CharField("Nombre", max_length=120, blank=True)
    municipality = models.ForeignKey(
        "electoral.MunicipalityPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Municipio",
    )
    municipality_name = models.CharField("Municipio (texto)", max_length=120, blank=True)
    email = models.EmailField("Correo electrónico", blank=True)
    consent_at = models.DateTimeField("Aceptó el aviso de privacidad")
    participant = models.CharField("Participante (hash)", max_length=64, blank=True)
    address = models.CharField("Dirección de red (hash del día)", max_length=64, blank=True)
    status = models.CharField(
        "Estado", max_length=12, choices=STATUS_CHOICES, default=PENDING, db_index=True
    )
    reason = models.CharField(
        "Motivo del rechazo", max_length=20, choices=REASON_CHOICES, blank=True
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Moderó",
    )
    moderated_at = models.DateTimeField("Moderada", null=True, blank=True)
    created_at = models.DateTimeField("Recibida", default=timezone.now, db_index=True)
    delivered_at = models.DateTimeField("Entregada al partido", null=True, blank=True)
    notified_at = models.DateTimeField(
        "Aviso de entrega enviado",
        null=True,
        blank=True,
        help_text="Cuándo se avisó por correo a quien envió la idea que ya se entregó.",
    )
    personal_data_purged_at = models.DateTimeField(
        "Datos personales eliminados", null=True, blank=True
    )

    class Meta:
        verbose_name = "Idea ciudadana"
        verbose_name_plural = "Ideas ciudadanas"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="rechazada") | models.Q(reason=""),
                name="participation_idea_reason_only_when_rejected",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rechazada") | ~models.Q(reason=""),
                name="participation_idea_rejected_has_reason",
            ),
        ]

    def __str__(self):
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else text[:79] + "…"

    @property
    @admin.display(description="Idea")
    def summary(self):
        return str(self)

    def moderate(self, status, reason="", user=None):
        self.status = status
        self.reason = reason if status == self.REJECTED else ""
        self.moderated_by = user
        self.moderated_at = timezone.now()


class RateCounter(models.Model):
    """Fixed-window counters for rate limits, shared by every app process.

    Used when the cache is process-local (no REDIS_URL). Expired rows are
    removed by `manage.py purge_participation`.
    """

    key = models.CharField(max_length=200, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "Contador de límite"
        verbose_name_plural = "Contadores de límite"

    def __str__(self):
        return f"{self.key}: {self.count}"


class AddressSalt(models.Model):
    """The random secret network addresses are hashed with on one day."""

    day = models.DateField(primary_key=True)
    secret = models.CharField(max_length=64)

    class Meta:
        verbose_name = "Secreto diario de direcciones"
        verbose_name_plural = "Secretos diarios de direcciones"

    def __str__(self):
        return str(self.day)
