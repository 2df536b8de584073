"""The idea form: plain text, optional contact data, spam defences without captcha."""

import time
import unicodedata

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from electoral.models import MunicipalityPage

from . import services

TEXT_MIN = 10
TEXT_MAX = 2000
NAME_MAX = 120
# Idea.email is an EmailField: 254 characters in the database (RFC 5321's limit).
EMAIL_MAX = 254
_STARTED_SALT = "participation.idea-started"


def started_token():
    return signing.dumps(time.time(), salt=_STARTED_SALT)


def min_seconds():
    return getattr(settings, "PARTICIPATION_IDEA_MIN_SECONDS", 4)


def max_links():
    return getattr(settings, "PARTICIPATION_IDEA_MAX_LINKS", 2)


def has_control_characters(value):
    """Line breaks, tabs and other control or invisible formatting characters.

    Unicode categories Cc (controls: \\n, \\r, \\t, NUL…), Cf (format: the
    right-to-left override, zero-width characters…), Zl and Zp (line and
    paragraph separators). None belongs in a name or an address.
    """
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in value)


def _attributes_html(attrs):
    # As django/forms/widgets/attrs.html writes them.
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class InlineSelect(forms.Select):
    """Django's Select, with the same markup written in Python.

    The template renderer includes one template per <option>: for the 125
    municipalities of the idea form that was ~45 ms of a ~55 ms request.
    tests/participation/ideas/test_forms.py compares the two renderings.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"']
        parts.append(_attributes_html(widget["attrs"]) + ">")
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in group_choices:
                parts.append(
                    f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                    f"{_attributes_html(option['attrs'])}>{conditional_escape(option['label'])}"
                    "</option>\n"  # select_option.html ends with a newline
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part escaped above


class MunicipalityChoiceField(forms.ModelChoiceField):
    widget = InlineSelect

    # A page id is a positive 32-bit integer (Wagtail's Page.id).
    MAX_ID = 2**31 - 1

    def label_from_instance(self, obj):
        return obj.title

    def to_python(self, value):
        # Only plain ASCII digits within range reach the database: a huge
        # number made SQLite raise OverflowError (a 500 found by fuzzing).
        if value not in self.empty_values:
            text = str(value).strip()
            if not (text.isascii() and text.isdigit() and int(text) <= self.MAX_ID):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                )
            value = text
        return super().to_python(value)


class IdeaForm(forms.Form):
    texto = forms.CharField(
        label="Tu idea, propuesta o comentario",
        min_length=TEXT_MIN,
        max_length=TEXT_MAX,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": TEXT_MAX}),
        help_text=f"Entre {TEXT_MIN} y {TEXT_MAX:,} caracteres. Solo texto.",
        error_messages={
            "required": "Escribe tu idea, propuesta o comentario.",
            "min_length": "Tu texto es muy corto: escribe al menos %(limit_value)d caracteres "
            "(llevas %(show_value)d).",
            "max_length": "Tu texto es muy largo: el máximo es %(limit_value)d caracteres "
            "(llevas %(show_value)d).",
        },
    )
    nombre = forms.CharField(
        label="Tu nombre (opcional)",
        required=False,
        max_length=NAME_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"max_length": "El nombre admite hasta %(limit_value)d caracteres."},
    )
    municipio = MunicipalityChoiceField(
        label="Tu municipio (opcional)",
        required=False,
        queryset=None,
        empty_label="Prefiero no decirlo",
        error_messages={"invalid_choice": "Elige un municipio de la lista."},
    )
    correo = forms.EmailField(
        label="Tu correo electrónico (opcional)",
        required=False,
        max_length=EMAIL_MAX,
        help_text="Solo para avisarte cuando tu idea se entregue. No se comparte con el partido.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": "Escribe un correo electrónico válido, p. ej. nombre@correo.mx.",
            "max_length": "El correo admite hasta %(limit_value)d caracteres "
            "(llevas %(show_value)d).",
        },
    )
    acepto = forms.BooleanField(
        label="He leído y acepto el aviso de privacidad",
        error_messages={
            "required": "Para enviar tu idea necesitamos que aceptes el aviso de privacidad."
        },
    )
    # Honeypot: hidden from people (CSS and aria-hidden); bots fill it.
    sitio_web = forms.CharField(required=False, label="No llenes este campo")
    inicio = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what the list shows and the idea keeps (the id and the title).
        self.fields["municipio"].queryset = (
            MunicipalityPage.objects.live().order_by("title").only("id", "title")
        )
        self.fields["sitio_web"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        # Every rendering starts a new timer (also after an error).
        self.initial["inicio"] = started_token()
        if self.is_bound:
            data = self.data.copy()
            data["inicio"] = self.initial["inicio"]
            self._submitted_started = self.data.get("inicio", "")
            self.data = data
        else:
            self._submitted_started = ""

    def clean_nombre(self):
        name = self.cleaned_data["nombre"]
        if has_control_characters(name):
            raise forms.ValidationError(
                "Escribe tu nombre en una sola línea, sin saltos de línea, tabuladores ni "
                "caracteres de control.",
                code="control_characters",
            )
        return " ".join(name.split())

    def clean_correo(self):
        address = self.cleaned_data["correo"]
        if has_control_characters(address):
            raise forms.ValidationError(
                "Escribe tu correo en una sola línea, sin espacios ni saltos de línea.",
                code="control_characters",
            )
        return address

    def clean_texto(self):
        text = self.cleaned_data["texto"]
        if len(text.strip()) < TEXT_MIN:
            raise forms.ValidationError(
                f"Tu texto es muy corto: escribe al menos {TEXT_MIN} caracteres."
            )
        if services.count_links(text) > max_links():
            raise forms.ValidationError(
                f"Tu texto tiene demasiados enlaces: se admiten como máximo {max_links()}."
            )
        return text

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sitio_web"):
            raise forms.ValidationError(
                "No pudimos recibir tu idea. Si eres una persona, deja vacío el campo "
                "«No llenes este campo» y vuelve a enviarla.",
                code="honeypot",
            )
        if self._errors:
            # Field errors bring the form back anyway, with a fresh timer:
            # a person correcting them need not also read about the timer.
            return cleaned
        try:
            started = signing.loads(
                self._submitted_started, salt=_STARTED_SALT, max_age=60 * 60 * 24
            )
        except signing.SignatureExpired:
            raise forms.ValidationError(
                "El formulario caducó. Revisa tu texto y vuelve a enviarlo.", code="expired"
            ) from None
        except signing.BadSignature:
            raise forms.ValidationError(
                "No pudimos validar el formulario. Revisa tu texto y vuelve a enviarlo.",
                code="no_timer",
            ) from None
        if time.time() - float(started) < min_seconds():
            raise forms.ValidationError(
                "Enviaste el formulario demasiado rápido. Revisa tu texto y vuelve a enviarlo.",
                code="too_fast",
            )
        return cleaned
