"""Models of the party-editor accounts and of the IEEM review task."""

from django import forms
from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import PermissionDenied
from django.db import models
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask

__all__ = ["ActorEditorGroup", "CaptureReminder", "IEEMReviewTask", "PartyEditorAccount"]


class RequestChangesForm(TaskStateCommentForm):
    """ "Request changes" must say why: the party editor reads it in the
    admin and in the notification email."""

    comment = forms.CharField(
        label="Motivo de los cambios solicitados",
        required=True,
        widget=forms.Textarea({"rows": 4}),
        help_text="El partido verá este texto en el administrador y lo recibirá por correo.",
        error_messages={"required": "Escribe el motivo: el partido lo necesita para corregir."},
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError("Escribe el motivo: el partido lo necesita para corregir.")
        return comment


class IEEMReviewTask(AbstractGroupApprovalTask):
    """Group approval whose "request changes" requires a written reason."""

    def get_form_for_action(self, action):
        if action == "reject":
            return RequestChangesForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        # The edit view passes the modal's data without re-validating it;
        # a rejection without a reason is refused whatever the path.
        if action_name == "reject" and not (kwargs.get("comment") or "").strip():
            raise PermissionDenied("Una solicitud de cambios necesita un motivo escrito.")
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return "Moderación del IEEM: aprueba o pide cambios con un motivo escrito."

    class Meta:
        verbose_name = "Revisión del IEEM"
        verbose_name_plural = "Revisiones del IEEM"


class PartyEditorAccount(models.Model):
    """A user account issued to a political actor's editors.

    `issued_password` keeps the hash of the one-time password handed out in
    the credentials file; while `must_change_password` is set the admin only
    lets the user reach the password change form.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="party_account",
        verbose_name="Usuario",
    )
    actor = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="Partido, coalición o candidatura",
    )
    must_change_password = models.BooleanField("Debe cambiar su contraseña", default=True)
    issued_password = models.CharField(max_length=128, editable=False)
    created_at = models.DateTimeField("Creada", auto_now_add=True)
    password_issued_at = models.DateTimeField("Contraseña emitida", auto_now_add=True)

    class Meta:
        verbose_name = "Cuenta de partido"
        verbose_name_plural = "Cuentas de partidos"

    def __str__(self):
        return self.user.get_username()

    def is_one_time_password(self, raw_password):
        return check_password(raw_password, self.issued_password)


class ActorEditorGroup(models.Model):
    """Links a political actor page to its editors' group and collection.

    Group names follow the acronym ("Editores PAN") but may change; this link
    is what the permission sync and the admin restrictions rely on.
    """

    actor = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="editor_group_link",
        verbose_name="Partido, coalición o candidatura",
    )
    group = models.OneToOneField(
        "auth.Group", on_delete=models.CASCADE, related_name="actor_link", verbose_name="Grupo"
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Colección de imágenes y documentos",
    )

    class Meta:
        verbose_name = "Grupo de edición de un partido"
        verbose_name_plural = "Grupos de edición de partidos"

    def __str__(self):
        return self.group.name


class CaptureReminder(models.Model):
    """One capture reminder e-mailed to an actor's editors (at most one a day)."""

    actor = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="Partido, coalición o candidatura",
    )
    sent_on = models.DateField("Día del envío")
    sent_at = models.DateTimeField("Enviado", auto_now_add=True)
    recipients = models.PositiveSmallIntegerField("Destinatarios", default=0)
    missing = models.PositiveIntegerField("Elementos pendientes", default=0)

    class Meta:
        verbose_name = "Recordatorio de captura"
        verbose_name_plural = "Recordatorios de captura"
        constraints = [
            models.UniqueConstraint(fields=["actor", "sent_on"], name="one_capture_reminder_a_day")
        ]

    def __str__(self):
        return f"{self.actor_id} {self.sent_on}"
