from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyStreamBlock
from .election_calendar import ElectionCalendar
from .navigation import HOME_ENTRY_POINTS, HOME_SUBPAGE_TYPES, available

__all__ = [
    "HomePage",
    "ProsePage",
    "StandardPage",
    "ElectionCalendar",
    "RepresentationIndexPage",
    "RepresentationBodyPage",
]


class HomePage(Page):
    """The site root: lookup box, current phase and entry points."""

    intro = RichTextField(
        "Presentación",
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Texto breve bajo el título de la portada.",
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name="Contenido")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["wagtailcore.Page"]
    # Other apps add their section index pages (home.navigation.register_section).
    subpage_types = HOME_SUBPAGE_TYPES
    max_count = 1

    class Meta:
        verbose_name = "Portada"
        verbose_name_plural = "Portadas"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entry_points"] = available(HOME_ENTRY_POINTS, request)
        return context


class ProsePage(Page):
    """Base of the institutional prose pages: summary, StreamField body and
    the per-page switch of inline glossary links."""

    intro = models.TextField(
        "Resumen",
        blank=True,
        max_length=400,
        help_text="Una o dos frases; también se usa como descripción al compartir.",
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name="Contenido")
    glossary_links = models.BooleanField(
        "Enlazar términos del Quitadudas",
        default=True,
        help_text="Enlaza la primera aparición de cada término del glosario en el texto.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    settings_panels = Page.settings_panels + [FieldPanel("glossary_links")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.intro


class StandardPage(ProsePage):
    """Institutional prose: about, privacy notice…"""

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "Página institucional"
        verbose_name_plural = "Páginas institucionales"


class RepresentationIndexPage(ProsePage):
    """/organos/: what is elected, with one page per body and per ballot office."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.RepresentationBodyPage"]
    max_count = 1

    class Meta:
        verbose_name = "Qué se elige (índice de órganos)"
        verbose_name_plural = "Qué se elige (índices de órganos)"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = RepresentationBodyPage.objects.child_of(self).live().public()
        context["bodies"] = [p for p in children if p.kind == RepresentationBodyPage.BODY]
        context["offices"] = [p for p in children if p.kind == RepresentationBodyPage.OFFICE]
        return context


class RepresentationBodyPage(ProsePage):
    """/organos/<slug>/: a body (the Legislatura, the ayuntamiento) or an office on a ballot.

    Other apps link to these by slug: legislatura, ayuntamiento,
    diputacion-local, presidencia-municipal, sindicatura, regiduria.
    """

    BODY = "body"
    OFFICE = "office"
    KIND_CHOICES = [(BODY, "Órgano de representación"), (OFFICE, "Cargo en la boleta")]

    kind = models.CharField("Tipo", max_length=10, choices=KIND_CHOICES, default=BODY)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = ProsePage.search_fields + [index.FilterField("kind")]
    api_fields = [APIField("kind"), APIField("intro"), APIField("body")]

    parent_page_types = ["home.RepresentationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Órgano o cargo de elección"
        verbose_name_plural = "Órganos y cargos de elección"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["siblings"] = list(
            RepresentationBodyPage.objects.sibling_of(self, inclusive=False)
            .live()
            .public()
            .only("id", "title", "url_path", "path", "kind")
        )
        return context
