"""Page forms refuse images and documents their user may not choose.

The admin choosers only offer a user the images and documents of the
collections they may choose from, but the form posts a bare id: an editor who
changes it would save (and preview, and publish through review) another
actor's unpublished file. ``MediaGuardPageFormMixin`` checks, on validation,
every image and document the form would store — foreign keys, StreamField
blocks at any depth, and rich text (document links, embedded images) — that
the page did not already use.
"""

import re

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry
from wagtail.rich_text import RichText

MESSAGE = {
    "image": "La imagen elegida no está disponible para tu cuenta: elige una de tu colección.",
    "document": (
        "El documento elegido no está disponible para tu cuenta: elige uno de tu colección."
    ),
}
RICH_TEXT_REFS = (
    ("document", re.compile(r"<a\b[^>]*\blinktype=\"document\"[^>]*\bid=\"(\d+)\"")),
    ("document", re.compile(r"<a\b[^>]*\bid=\"(\d+)\"[^>]*\blinktype=\"document\"")),
    ("image", re.compile(r"<embed\b[^>]*\bembedtype=\"image\"[^>]*\bid=\"(\d+)\"")),
    ("image", re.compile(r"<embed\b[^>]*\bid=\"(\d+)\"[^>]*\bembedtype=\"image\"")),
)


def media_refs(value):
    """{("image"|"document", id)} referenced by a field value."""
    refs = set()
    if isinstance(value, get_image_model()):
        refs.add(("image", value.pk))
    elif isinstance(value, get_document_model()):
        refs.add(("document", value.pk))
    elif isinstance(value, StreamValue):
        for child in value:
            refs |= media_refs(child.value)
    elif isinstance(value, StructValue):
        for item in value.values():
            refs |= media_refs(item)
    elif isinstance(value, (ListValue, list, tuple)):
        for item in value:
            refs |= media_refs(getattr(item, "value", item))
    elif isinstance(value, RichText):
        refs |= media_refs(value.source)
    elif isinstance(value, str) and ("linktype" in value or "embedtype" in value):
        for kind, pattern in RICH_TEXT_REFS:
            refs |= {(kind, int(pk)) for pk in pattern.findall(value)}
    return refs


def choosable(user, kind, ids):
    model = get_image_model() if kind == "image" else get_document_model()
    policy = policy_registry.get_by_type(model)
    allowed = policy.instances_user_has_any_permission_for(user, ["choose"])
    return set(allowed.filter(pk__in=ids).values_list("pk", flat=True))


class MediaGuardPageFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What the page already uses stays acceptable (e.g. an emblem IEEM set).
        self._media_before = {
            name: media_refs(getattr(self.instance, name, None)) for name in self.fields
        }

    def clean(self):
        cleaned = super().clean()
        user = getattr(self, "for_user", None)
        if user is None or user.is_superuser:
            return cleaned
        for name in list(cleaned):
            new = media_refs(cleaned.get(name)) - self._media_before.get(name, set())
            for kind in ("image", "document"):
                ids = {pk for k, pk in new if k == kind}
                if ids and ids - choosable(user, kind, ids):
                    self._refuse(name, MESSAGE[kind])
                    break
        return cleaned

    def _refuse(self, name, message):
        model_field = next(
            (f for f in self.instance._meta.get_fields() if getattr(f, "name", None) == name),
            None,
        )
        if isinstance(model_field, StreamField):
            error = StreamBlockValidationError(non_block_errors=ErrorList([message]))
        else:
            error = ValidationError(message)
        self.add_error(name, error)


class MediaGuardPageForm(MediaGuardPageFormMixin, WagtailAdminPageForm):
    pass
