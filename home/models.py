from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from . import calendar
from .blocks import BodyStreamBlock


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
    # Other apps append their section index pages here (by label, not import).
    subpage_types = [
        "home.StandardPage",
        "electoral.PartiesIndexPage",
        "electoral.GlossaryIndexPage",
        "home.RepresentationIndexPage",
        "electoral.GeographyIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "Portada"
        verbose_name_plural = "Portadas"

    def get_context(self, request, *args, **kwargs):
        from .navigation import HOME_ENTRY_POINTS, available

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


@register_setting(icon="date")
class ElectionCalendar(BaseGenericSetting):
    """The dates of the process. Edited by IEEM staff, read by every feature."""

    platforms_public_from = models.DateTimeField(
        "Plataformas públicas desde", null=True, blank=True
    )
    candidacies_public_from = models.DateTimeField(
        "Candidaturas públicas desde", null=True, blank=True
    )
    participation_opens = models.DateTimeField(
        "Participación abierta desde",
        null=True,
        blank=True,
        help_text="Inicio de las campañas: se aceptan «Me gusta», «No me gusta» e ideas.",
    )
    participation_closes = models.DateTimeField(
        "Participación cerrada desde",
        null=True,
        blank=True,
        help_text="Fin de las campañas; debe ser antes de la veda electoral.",
    )
    election_day = models.DateField("Jornada electoral", null=True, blank=True)
    results_public_from = models.DateTimeField("Resultados públicos desde", null=True, blank=True)
    delivery_from = models.DateTimeField(
        "Entrega a partidos desde",
        null=True,
        blank=True,
        help_text="Desde esta fecha cada partido recibe la participación sobre su contenido.",
    )
    profile_capture_until = models.DateTimeField(
        "Captura de perfiles hasta",
        null=True,
        blank=True,
        help_text=(
            "Fecha límite del IEEM para que los partidos capturen su plataforma y los perfiles "
            "de quienes encabezan sus planillas y fórmulas. Después, su tablero indica que la "
            "captura cerró; para reabrirla, amplía esta fecha. Vacío: sin fecha límite."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("platforms_public_from"),
                FieldPanel("candidacies_public_from"),
            ],
            heading="Publicación",
        ),
        MultiFieldPanel(
            [FieldPanel("profile_capture_until")],
            heading="Captura de los partidos",
        ),
        MultiFieldPanel(
            [FieldPanel("participation_opens"), FieldPanel("participation_closes")],
            heading="Participación ciudadana (periodo de campañas)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("election_day"),
                FieldPanel("results_public_from"),
                FieldPanel("delivery_from"),
            ],
            heading="Jornada, resultados y entrega",
        ),
    ]

    class Meta:
        verbose_name = "Calendario electoral"

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if (
            self.participation_opens
            and self.participation_closes
            and self.participation_closes <= self.participation_opens
        ):
            errors["participation_closes"] = (
                "El cierre de la participación debe ser posterior a su apertura."
            )
        if self.participation_closes and self.election_day:
            from datetime import datetime, time

            from django.utils import timezone

            start = timezone.make_aware(datetime.combine(self.election_day, time.min))
            if self.participation_closes > start:
                errors["participation_closes"] = (
                    "La participación debe cerrar antes de la jornada electoral (veda)."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def phase(self):
        return calendar.current_phase(self)

    @property
    def phase_label(self):
        return calendar.PHASES[self.phase]

    def is_open(self, feature):
        return calendar.is_open(self, feature)

    def apply(self, dates):
        for field, value in vars(dates).items():
            setattr(self, field, value)


# --- Representation bodies (/organos/) ---------------------------------------


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
