"""Electoral geography: local districts, municipalities and electoral sections.

Page tree: HomePage › GeographyIndexPage (/geografia/) › DistrictIndexPage
(/geografia/distritos/) › DistrictPage (/geografia/distritos/<n>/), and
GeographyIndexPage › MunicipalityIndexPage › MunicipalityPage
(/geografia/municipios/<slug>/). Official figures (names, codes, shapes,
sections, lista nominal) come from importers (`manage.py import_geography`);
editors write the prose.
"""

from django.db import models
from django.shortcuts import redirect
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from electoral.geography.managers import (
    DistrictPageManager,
    GeographyMapManager,
    MunicipalityDistrictManager,
    MunicipalityPageManager,
    SectionCatalogueManager,
    SectionManager,
)
from home.text import fold_name_words

__all__ = [
    "GeographyIndexPage",
    "DistrictIndexPage",
    "MunicipalityIndexPage",
    "DistrictPage",
    "MunicipalityPage",
    "MunicipalityDistrict",
    "Section",
    "GeographyMap",
    "SectionCatalogue",
]

PROSE_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class GeographyIndexPage(Page):
    """/geografia/: the two maps, the lists and the search by name."""

    intro = RichTextField("Presentación", blank=True, features=PROSE_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["electoral.DistrictIndexPage", "electoral.MunicipalityIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = "Geografía electoral"
        verbose_name_plural = "Geografía electoral"

    @property
    def meta_description(self):
        return self.search_description or (
            "Mapas y listas de los 45 distritos locales y los 125 municipios del Estado de "
            "México, con sus secciones electorales."
        )

    def get_context(self, request, *args, **kwargs):
        from electoral.geography.views import geography_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(geography_index_context(self, request))
        return context


class _ListRedirectPage(Page):
    """A container whose list lives on /geografia/ (anchor `list_anchor`)."""

    list_anchor = ""

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        parent = self.get_parent()
        return redirect(f"{parent.get_url(request)}#{self.list_anchor}")

    def serve_preview(self, request, mode_name):
        return self.serve(request)


class DistrictIndexPage(_ListRedirectPage):
    """/geografia/distritos/: holds the 45 DistrictPages; its list is on /geografia/."""

    list_anchor = "distritos"
    parent_page_types = ["electoral.GeographyIndexPage"]
    subpage_types = ["electoral.DistrictPage"]
    max_count = 1

    class Meta:
        verbose_name = "Lista de distritos locales"


class MunicipalityIndexPage(_ListRedirectPage):
    """/geografia/municipios/: holds the 125 MunicipalityPages."""

    list_anchor = "municipios"
    parent_page_types = ["electoral.GeographyIndexPage"]
    subpage_types = ["electoral.MunicipalityPage"]
    max_count = 1

    class Meta:
        verbose_name = "Lista de municipios"


class DistrictPage(Page):
    """One of the 45 local electoral districts (/geografia/distritos/<n>/)."""

    # Majority districts of the Legislature (districting INE/CG608/2016).
    DISTRICT_COUNT = 45

    number = models.PositiveSmallIntegerField("Número de distrito", unique=True)
    head_town = models.CharField(
        "Cabecera",
        max_length=120,
        blank=True,
        help_text=(
            "Como se muestra en el sitio. El importador la escribe a partir del nombre del INE "
            "mientras nadie la cambie aquí."
        ),
    )
    # Written by the importer (edomex_distritos_locales_cabeceras.csv): the head town as
    # INE writes it (upper case, no accents) and the municipality it lies in.
    head_town_ine = models.CharField(
        "Cabecera (nombre del INE)", max_length=120, blank=True, editable=False
    )
    head_town_municipality = models.ForeignKey(
        "electoral.MunicipalityPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="head_town_of_districts",
        verbose_name="Municipio de la cabecera",
    )
    description = RichTextField("Descripción", blank=True, features=PROSE_FEATURES)
    # Written by the importer (projected, simplified SVG path in the state map's frame).
    shape_path = models.TextField("Contorno (SVG)", blank=True, editable=False)
    shape_viewbox = models.CharField(max_length=40, blank=True, editable=False)

    objects = DistrictPageManager()

    content_panels = Page.content_panels + [
        FieldPanel("number", read_only=True),
        FieldPanel("head_town_ine", read_only=True),
        FieldPanel("head_town"),
        FieldPanel("description"),
    ]
    search_fields = Page.search_fields + [
        index.FilterField("number"),
        index.SearchField("head_town"),
        index.SearchField("description"),
    ]
    api_fields = [
        APIField("number"),
        APIField("head_town"),
        APIField("head_town_ine"),
        APIField("description"),
    ]

    parent_page_types = ["electoral.DistrictIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Distrito local"
        verbose_name_plural = "Distritos locales"
        ordering = ["number"]

    @property
    def meta_description(self):
        return self.search_description or (
            f"Distrito local {self.number} del Estado de México: municipios, secciones "
            "electorales y mapa."
        )

    def head_town_label(self, municipality_name=None):
        """«Toluca de Lerdo (Toluca)»: the head town, and its municipality when the
        names differ. `municipality_name` saves a query when already known."""
        from electoral.geography.text import head_town_label

        if municipality_name is None and self.head_town_municipality_id:
            municipality_name = self.head_town_municipality.name
        return head_town_label(self.head_town, municipality_name)

    def get_context(self, request, *args, **kwargs):
        from electoral.geography.views import district_context

        context = super().get_context(request, *args, **kwargs)
        context.update(district_context(self, request))
        return context


class MunicipalityPage(Page):
    """One of the 125 municipalities (/geografia/municipios/<slug>/).

    Both numberings are kept: INEGI (15001–15125) and INE/IEEM (1–125,
    alphabetical), which the IEEM results, candidacies and INE shapes use.
    """

    name = models.CharField("Nombre", max_length=120)
    # Lower case without accents, for search ("neza" finds Nezahualcóyotl).
    normalized_name = models.CharField(max_length=120, db_index=True, editable=False, default="")
    inegi_code = models.CharField("Clave INEGI", max_length=5, unique=True)
    ine_code = models.PositiveSmallIntegerField("Número INE/IEEM", unique=True)
    head_town = models.CharField("Cabecera municipal", max_length=120, blank=True)
    description = RichTextField("Descripción", blank=True, features=PROSE_FEATURES)
    registered_voters = models.PositiveIntegerField(
        "Lista nominal", null=True, blank=True, help_text="Personas en la lista nominal."
    )
    registered_voters_source = models.CharField(
        "Fuente de la lista nominal", max_length=200, blank=True
    )
    districts = models.ManyToManyField(
        DistrictPage,
        through="MunicipalityDistrict",
        related_name="municipalities",
        verbose_name="Distritos locales",
    )
    shape_path = models.TextField("Contorno (SVG)", blank=True, editable=False)
    shape_viewbox = models.CharField(max_length=40, blank=True, editable=False)

    objects = MunicipalityPageManager()

    content_panels = Page.content_panels + [
        FieldPanel("name", read_only=True),
        FieldPanel("inegi_code", read_only=True),
        FieldPanel("ine_code", read_only=True),
        FieldPanel("registered_voters", read_only=True),
        FieldPanel("head_town"),
        FieldPanel("description"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("ine_code"),
        index.SearchField("head_town"),
        index.SearchField("description"),
    ]
    api_fields = [
        APIField("name"),
        APIField("inegi_code"),
        APIField("ine_code"),
        APIField("head_town"),
        APIField("registered_voters"),
        APIField("registered_voters_source"),
        APIField("description"),
    ]

    parent_page_types = ["electoral.MunicipalityIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Municipio"
        verbose_name_plural = "Municipios"

    @property
    def meta_description(self):
        return self.search_description or (
            f"{self.name}, Estado de México: distrito local, secciones electorales, "
            "lista nominal y mapa."
        )

    def save(self, *args, **kwargs):
        self.normalized_name = fold_name_words(self.name)
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from electoral.geography.views import municipality_context

        context = super().get_context(request, *args, **kwargs)
        context.update(municipality_context(self, request))
        return context


class MunicipalityDistrict(models.Model):
    """A municipality has sections in a local district, and how many.

    Rebuilt from the section catalogue by every section import
    (`MunicipalityDistrictManager.rebuild_from_sections`): never typed.
    """

    municipality = models.ForeignKey(
        MunicipalityPage, on_delete=models.CASCADE, related_name="district_links"
    )
    district = models.ForeignKey(
        DistrictPage, on_delete=models.CASCADE, related_name="municipality_links"
    )
    section_count = models.PositiveIntegerField("Secciones", default=0)

    objects = MunicipalityDistrictManager()

    class Meta:
        verbose_name = "Municipio en distrito"
        verbose_name_plural = "Municipios en distritos"
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "district"], name="unique_municipality_district"
            )
        ]

    def __str__(self):
        return f"{self.municipality} — distrito {self.district.number}"


class Section(models.Model):
    """An electoral section: in exactly one municipality and one local district.

    `district` is null only when the imported catalogue leaves it blank and the
    municipality's other sections lie in several districts.
    """

    number = models.PositiveIntegerField("Número de sección", unique=True)
    municipality = models.ForeignKey(
        MunicipalityPage,
        on_delete=models.PROTECT,
        related_name="sections",
        verbose_name="Municipio",
    )
    district = models.ForeignKey(
        DistrictPage,
        on_delete=models.PROTECT,
        related_name="sections",
        null=True,
        blank=True,
        verbose_name="Distrito local",
    )

    objects = SectionManager()

    class Meta:
        verbose_name = "Sección electoral"
        verbose_name_plural = "Secciones electorales"
        ordering = ["number"]
        indexes = [
            models.Index(fields=["municipality", "number"], name="section_municipality_idx"),
            models.Index(fields=["district", "number"], name="section_district_idx"),
        ]

    def __str__(self):
        return f"Sección {self.number}"


class GeographyMap(models.Model):
    """A state map as inline SVG, rendered by the importer (never per request)."""

    DISTRICTS = "districts"
    MUNICIPALITIES = "municipalities"
    KIND_CHOICES = [(DISTRICTS, "Distritos locales"), (MUNICIPALITIES, "Municipios")]

    kind = models.CharField("Mapa", max_length=20, choices=KIND_CHOICES, unique=True)
    svg = models.TextField("SVG")
    shape_count = models.PositiveSmallIntegerField("Figuras", default=0)
    updated_at = models.DateTimeField("Actualizado", auto_now=True)

    objects = GeographyMapManager()

    class Meta:
        verbose_name = "Mapa estatal"
        verbose_name_plural = "Mapas estatales"

    def __str__(self):
        return self.get_kind_display()


class SectionCatalogue(models.Model):
    """Where the imported section catalogue comes from (one row, written by the
    section import; the public pages cite it)."""

    source = models.CharField("Fuente", max_length=300)
    file_name = models.CharField("Archivo", max_length=200)
    section_count = models.PositiveIntegerField("Secciones")
    imported_at = models.DateTimeField("Importado", auto_now=True)

    objects = SectionCatalogueManager()

    class Meta:
        verbose_name = "Catálogo de secciones"
        verbose_name_plural = "Catálogo de secciones"

    def __str__(self):
        return self.source
