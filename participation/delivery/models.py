"""The package of citizens' participation delivered to one political actor.

Re-exported by participation/models.py (app label `participation`).

A package is a snapshot: it is built once, when IEEM delivers (from the
calendar's delivery date), and its bytes are kept here, so every later
download serves exactly the same files and checksum that the receipt
(«oficio de remisión») names. Regenerating replaces the bytes, needs an
Administración IEEM user and a written reason, and is logged
(participation/delivery/audit.py).
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone


def sha256(data):
    return hashlib.sha256(bytes(data)).hexdigest()


class DeliveryPackage(models.Model):
    """One row per receiving actor (a party, or an elected independent)."""

    # SET_NULL: a delivered package stays on record (with the actor's title and
    # slug) even if the actor's page is deleted later.
    actor = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        related_name="delivery_package",
        verbose_name="Partido o candidatura independiente",
    )
    actor_title = models.CharField("Actor político", max_length=255)
    actor_slug = models.SlugField("Slug del actor", max_length=255)
    zip_data = models.BinaryField("Paquete ZIP")
    zip_sha256 = models.CharField("SHA-256 del ZIP", max_length=64)
    xlsx_data = models.BinaryField("Libro XLSX")
    xlsx_sha256 = models.CharField("SHA-256 del XLSX", max_length=64)
    data_sha256 = models.CharField(
        "SHA-256 de los datos",
        max_length=64,
        help_text="De los archivos CSV del paquete, en orden; se anota dentro del libro.",
    )
    counts = models.JSONField("Conteos por hoja", default=dict)
    generated_at = models.DateTimeField("Generado", default=timezone.now)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Generó",
    )
    generated_by_name = models.CharField("Generó (nombre)", max_length=200, blank=True)
    version = models.PositiveIntegerField("Versión", default=1)
    reason = models.TextField(
        "Motivo de la regeneración", blank=True, help_text="Vacío en la primera generación."
    )

    class Meta:
        verbose_name = "Paquete de entrega"
        verbose_name_plural = "Paquetes de entrega"
        ordering = ["actor__path"]
        default_permissions = ()  # packages are built by the delivery, never edited
        permissions = [
            ("view_delivery", "Puede ver y descargar los paquetes de entrega"),
            ("generate_delivery", "Puede generar y regenerar los paquetes de entrega"),
        ]

    def __str__(self):
        return f"Paquete de {self.actor_title} (versión {self.version})"

    def checksums_match(self):
        return sha256(self.zip_data) == self.zip_sha256 and sha256(self.xlsx_data) == (
            self.xlsx_sha256
        )
