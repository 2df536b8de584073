"""Quitadudas electoral: the glossary index (/quitadudas/) and its entries.

GlossaryIndexPage lists every entry A–Z and answers `?q=` searches;
GlossaryEntryPage is one term with its plain-language definition, an
"en otras palabras" example, related terms and the legal basis. Other pages
link glossary terms inline through the "decide_enrich_html" hook (see
electoral/wagtail_hooks.py and electoral/glossary/linker.py).
"""

import re

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from electoral.glossary.alphabet import group_by_letter
from electoral.glossary.search import clean_query, search_entries

__all__ = ["GlossaryIndexPage", "GlossaryEntryPage", "GlossaryRelatedTerm"]

DEFINITION_FEATURES = ["bold", "italic", "link", "ul", "ol"]
_FIRST_BLOCK = re.compile(r"<(p|li)\b[^>]*>(.*?)</\1>", re.S | re.I)


def first_paragraph_text(html):
    """Plain text of the first paragraph (or list item) of rich text."""
    match = _FIRST_BLOCK.search(html or "")
    text = strip_tags(match.group(2) if match else html or "")
    return " ".join(text.replace("&nbsp;", " ").split())


class GlossaryIndexPage(Page):
    """/quitadudas/: every entry A–Z, with search."""

    intro = models.TextField(
        "Presentación",
        blank=True,
        max_length=400,
        help_text="Una o dos frases; también se usa como descripción al compartir.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["electoral.GlossaryEntryPage"]
    max_count = 1

    class Meta:
        verbose_name = "Quitadudas electoral (índice)"
        verbose_name_plural = "Quitadudas electoral (índices)"

    @property
    def meta_description(self):
        return self.search_description or self.intro

    def entries(self):
        return GlossaryEntryPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        entries = list(self.entries())
        context["entries"] = entries
        context["letter_groups"] = group_by_letter(entries)
        if "q" in request.GET:
            query = clean_query(request.GET.get("q"))
            context["search_query"] = query
            context["search_results"] = (
                search_entries(query, entries, self.entries()) if query else []
            )
            if query:
                context["meta_title"] = f"Buscar «{query}» · {self.seo_title or self.title}"
        return context


class GlossaryEntryPage(Page):
    """/quitadudas/<slug>/: one term of the Quitadudas electoral."""

    alternative_terms = models.CharField(
        "Otras formas del término",
        max_length=300,
        blank=True,
        help_text=(
            "Separadas por comas: femenino, sinónimos, siglas o nombre completo "
            "(p. ej. «elección consecutiva»). Los plurales regulares ya se reconocen solos."
        ),
    )
    definition = RichTextField(
        "Definición",
        features=DEFINITION_FEATURES,
        help_text=(
            "En lenguaje sencillo. El primer párrafo, breve (una o dos frases), es el "
            "resumen que aparece en el índice, en las vistas previas y al pasar sobre el "
            "término en otras páginas."
        ),
    )
    example = RichTextField(
        "En otras palabras",
        blank=True,
        features=DEFINITION_FEATURES,
        help_text="Un ejemplo de la vida diaria o de la boleta que aterrice la definición.",
    )
    legal_basis = RichTextField(
        "Fundamento legal",
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Ley y, solo si es seguro, artículo. Deja vacío si no aporta.",
    )
    last_reviewed = models.DateField(
        "Última revisión",
        help_text="Fecha en que el personal del IEEM revisó el texto contra la ley vigente.",
    )
    inline_links = models.BooleanField(
        "Enlazar este término en el resto del sitio",
        default=True,
        help_text=(
            "Si está activo, la primera vez que el término aparece en el texto de otras "
            "páginas se enlaza a esta definición."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("alternative_terms"),
        FieldPanel("definition"),
        FieldPanel("example"),
        InlinePanel("related_terms", label="Términos relacionados", heading="Relacionados"),
        MultiFieldPanel(
            [FieldPanel("legal_basis"), FieldPanel("last_reviewed")],
            heading="Fundamento y revisión",
        ),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("inline_links")]
    search_fields = Page.search_fields + [
        index.SearchField("alternative_terms", boost=3),
        index.AutocompleteField("alternative_terms"),
        index.SearchField("definition"),
        index.SearchField("example"),
        index.SearchField("legal_basis"),
        index.FilterField("inline_links"),
    ]
    api_fields = [
        APIField("alternative_terms"),
        APIField("summary"),
        APIField("definition"),
        APIField("example"),
        APIField("legal_basis"),
        APIField("last_reviewed"),
    ]

    parent_page_types = ["electoral.GlossaryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Término del Quitadudas"
        verbose_name_plural = "Términos del Quitadudas"

    @property
    def summary(self):
        """The first paragraph of the definition, as plain text."""
        return first_paragraph_text(self.definition)

    @property
    def meta_description(self):
        return self.search_description or Truncator(self.summary).chars(300)

    @property
    def alternatives(self):
        return [t.strip() for t in self.alternative_terms.split(",") if t.strip()]

    def related_entries(self):
        """Live related entries, in the editor's order (one query)."""
        links = self.related_terms.select_related("target").order_by("sort_order")
        return [link.target for link in links if link.target.live]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_entries"] = self.related_entries()
        context["index"] = self.get_parent()
        return context


class GlossaryRelatedTerm(Orderable):
    page = ParentalKey(GlossaryEntryPage, on_delete=models.CASCADE, related_name="related_terms")
    target = models.ForeignKey(
        GlossaryEntryPage,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="Término",
    )

    panels = [PageChooserPanel("target", "electoral.GlossaryEntryPage")]

    class Meta(Orderable.Meta):
        verbose_name = "Término relacionado"
        verbose_name_plural = "Términos relacionados"
