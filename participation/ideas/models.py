"""Citizen ideas, proposals and comments, moderated by the IEEM and delivered
to the parties. Re-exported by participation/models.py (app label `participation`).
"""

import hashlib

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils import timezone

from home.text import fold_case_and_spacing
from participation.targets import Target


def text_hash(text):
    """The fingerprint of an idea's text: equal for texts that differ only in
    case or spacing (accents and Ñ count)."""
    return hashlib.sha256(fold_case_and_spacing(text).encode()).hexdigest()


class IdeaManager(models.Manager):
    def receive(self, target, *, text, name, municipality, email, participant, address):
        """Store an idea a citizen sent about `target` (consent given now), pending moderation."""
        return self.create(
            target=target,
            text=text,
            text_hash=text_hash(text),
            name=name.strip(),
            municipality=municipality,
            municipality_name=municipality.title if municipality else "",
            email=email,
            consent_at=timezone.now(),
            participant=participant,
            address=address,
        )


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

    objects = IdeaManager()

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
