"""StreamField blocks of platforms and candidate profiles.

Every item of a StreamField has a stable identifier (Wagtail's block id, a
UUID kept when other blocks are edited, added or moved). Citizens' reactions
and ideas attach to a platform's topic sections and to a profile's proposals
through that id, so editors can keep editing without orphaning them.
"""

import contextlib
import contextvars
import copy
from functools import cached_property

from django.db import router
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from home.blocks import RICH_TEXT_FEATURES
from home.compiled import CompiledQuery

PROPOSAL_TITLE_MAX = 120
PROPOSAL_TEXT_MAX = 1500
SECTION_TITLE_MAX = 160


# The rows of the taxonomy's topics ({pk: row of every concrete field}) kept
# for the page-cache generation, while a page converts its streams for an
# anonymous visitor (`topics_kept`).
_kept_topics = contextvars.ContextVar("kept_topics", default=None)


@contextlib.contextmanager
def topics_kept(topics):
    """Within the block, TopicChooserBlock reads its topics from `topics` (the
    row of every topic by its pk, as its query selects them, kept for the
    generation: a topic's save or delete purges it) instead of the database."""
    token = _kept_topics.set(topics)
    try:
        yield
    finally:
        _kept_topics.reset(token)


class TopicChooserBlock(SnippetChooserBlock):
    """The topic of a section or proposal: Wagtail's snippet chooser, with the
    topics of a whole StreamField read by SQL compiled once per process
    (home/compiled.py) instead of an `in_bulk` built by the ORM at every
    rendering of a platform or profile. Same instances, same query."""

    # Migrations see Wagtail's block: nothing of the definition changes.
    canonical_module_path = "wagtail.snippets.blocks.SnippetChooserBlock"

    @cached_property
    def _compiled(self):
        model = self.model_class
        names = [f.attname for f in model._meta.concrete_fields]
        query = CompiledQuery(
            model, lambda ids: model.objects.filter(pk__in=ids).values_list(*names)
        )
        return query, names, model.objects.all()._fetch_mode

    def bulk_to_python(self, values):
        values = list(values)
        ids = {v for v in values if v is not None}
        if not ids:
            return [None] * len(values)
        if any(type(v) is not int for v in ids):
            return super().bulk_to_python(values)
        query, names, fetch_mode = self._compiled
        model = self.model_class
        alias = router.db_for_read(model)
        kept = _kept_topics.get()
        if kept is None:
            rows = query.rows(ids=sorted(ids))
        else:  # the rows the query would give
            rows = [kept[pk] for pk in sorted(ids) if pk in kept]
        objects = {}
        for row in rows:
            obj = model.from_db(alias, names, row, fetch_mode=fetch_mode)
            objects[obj.pk] = obj
        seen, result = set(), []
        for pk in values:  # as Wagtail's ChooserBlock.bulk_to_python
            obj = objects.get(pk)
            if obj is not None and pk in seen:
                obj = copy.copy(obj)
            result.append(obj)
            seen.add(pk)
        return result


class OptionalDocumentChooserBlock(DocumentChooserBlock):
    """Wagtail's document chooser, answering a StreamField where no item has a
    document (most platforms) without building a query."""

    canonical_module_path = "wagtail.documents.blocks.DocumentChooserBlock"

    def bulk_to_python(self, values):
        values = list(values)
        if all(v is None for v in values):
            return [None] * len(values)
        return super().bulk_to_python(values)


class TopicSectionBlock(blocks.StructBlock):
    """One topic of a platform: the same taxonomy for every actor."""

    topic = TopicChooserBlock(
        "electoral.Topic",
        label="Tema",
        help_text="Tema del catálogo del IEEM; permite comparar plataformas por tema.",
    )
    title = blocks.CharBlock(
        label="Título del apartado",
        max_length=SECTION_TITLE_MAX,
        required=False,
        help_text=f"Opcional; si se deja vacío se usa el nombre del tema. "
        f"Máximo {SECTION_TITLE_MAX} caracteres.",
    )
    text = blocks.RichTextBlock(label="Texto", features=RICH_TEXT_FEATURES)
    document = OptionalDocumentChooserBlock(
        label="Documento oficial (PDF)",
        required=False,
        help_text="Opcional: el apartado en el documento registrado ante el IEEM.",
    )

    class Meta:
        icon = "list-ul"
        label = "Apartado por tema"


class PlatformStreamBlock(blocks.StreamBlock):
    topic_section = TopicSectionBlock()

    class Meta:
        label = "Apartados"


class ProposalBlock(blocks.StructBlock):
    """One campaign proposal of a candidate; reactions attach to its id."""

    topic = TopicChooserBlock("electoral.Topic", label="Tema")
    title = blocks.CharBlock(
        label="Título de la propuesta",
        max_length=PROPOSAL_TITLE_MAX,
        help_text=f"Máximo {PROPOSAL_TITLE_MAX} caracteres.",
    )
    text = blocks.TextBlock(
        label="Descripción",
        max_length=PROPOSAL_TEXT_MAX,
        help_text=f"Texto sin formato; máximo {PROPOSAL_TEXT_MAX} caracteres.",
    )

    class Meta:
        icon = "pick"
        label = "Propuesta"


class ProposalStreamBlock(blocks.StreamBlock):
    proposal = ProposalBlock()

    class Meta:
        label = "Propuestas"


class TrajectoryItemBlock(blocks.StructBlock):
    period = blocks.CharBlock(
        label="Periodo", max_length=40, required=False, help_text="Por ejemplo: 2015–2018."
    )
    title = blocks.CharBlock(label="Cargo, grado o actividad", max_length=160)
    institution = blocks.CharBlock(
        label="Institución u organización", max_length=160, required=False
    )
    description = blocks.TextBlock(
        label="Descripción", max_length=600, required=False, help_text="Máximo 600 caracteres."
    )

    class Meta:
        icon = "date"


class TrajectoryStreamBlock(blocks.StreamBlock):
    education = TrajectoryItemBlock(label="Formación académica")
    public_career = TrajectoryItemBlock(label="Trayectoria pública")
    professional_career = TrajectoryItemBlock(label="Trayectoria profesional")

    class Meta:
        label = "Trayectoria"
