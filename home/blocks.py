"""StreamField blocks shared by every app's prose pages."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Texto", max_length=120)
    level = blocks.ChoiceBlock(
        label="Nivel",
        choices=[("h2", "Título de sección (h2)"), ("h3", "Subtítulo (h3)")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = "Título"
        template = "blocks/heading_block.html"


class KeyFactBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Título", max_length=80, default="Dato clave")
    text = blocks.RichTextBlock(label="Texto", features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "pick"
        label = "Dato clave"
        template = "blocks/key_fact_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Documento")
    title = blocks.CharBlock(label="Texto del enlace", max_length=160)

    class Meta:
        icon = "doc-full"
        label = "Documento"
        template = "blocks/document_link_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label="Párrafo", features=RICH_TEXT_FEATURES)
    key_fact = KeyFactBlock()
    table = TableBlock(
        label="Tabla",
        table_options={"language": "es", "contextMenu": True},
        template="blocks/table_block.html",
    )
    document = DocumentLinkBlock()

    class Meta:
        label = "Contenido"
