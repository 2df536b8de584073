"""StreamField blocks of platforms and candidate profiles.

Every item of a StreamField has a stable identifier (Wagtail's block id, a
UUID kept when other blocks are edited, added or moved). Citizens' reactions
and ideas attach to a platform's topic sections and to a profile's proposals
through that id, so editors can keep editing without orphaning them.
"""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from home.blocks import RICH_TEXT_FEATURES

PROPOSAL_TITLE_MAX = 120
PROPOSAL_TEXT_MAX = 1500
SECTION_TITLE_MAX = 160


class TopicSectionBlock(blocks.StructBlock):
    """One topic of a platform: the same taxonomy for every actor."""

    topic = SnippetChooserBlock(
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
    document = DocumentChooserBlock(
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

    topic = SnippetChooserBlock("electoral.Topic", label="Tema")
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
