"""Electoral geography: local districts, municipalities and electoral sections."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

__all__ = ["DistrictPage", "MunicipalityPage", "MunicipalityDistrict", "Section"]


class DistrictPage(Page):
    """One of the 45 local electoral districts (/geografia/distritos/<n>/)."""

    number = models.PositiveSmallIntegerField("Número de distrito", unique=True)
    head_town = models.CharField("Cabecera", max_length=120, blank=True)
    description = RichTextField(
        "Descripción", blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )

    content_panels = Page.content_panels + [
        FieldPanel("number", read_only=True),
        FieldPanel("head_town"),
        FieldPanel("description"),
    ]
    search_fields = Page.search_fields + [
        index.FilterField("number"),
        index.SearchField("head_town"),
        index.SearchField("description"),
    ]
    api_fields = [APIField("number"), APIField("head_town"), APIField("description")]

    parent_page_types: list[str] = []  # set by the geography index pages below
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Distrito local"
        verbose_name_plural = "Distritos locales"
        ordering = ["number"]


class MunicipalityPage(Page):
    """One of the 125 municipalities (/geografia/municipios/<slug>/).

    Both numberings are kept: INEGI (15001–15125) and INE/IEEM (1–125,
    alphabetical), which the IEEM results, candidacies and INE shapes use.
    """

    name = models.CharField("Nombre", max_length=120)
    inegi_code = models.CharField("Clave INEGI", max_length=5, unique=True)
    ine_code = models.PositiveSmallIntegerField("Número INE/IEEM", unique=True)
    head_town = models.CharField("Cabecera municipal", max_length=120, blank=True)
    description = RichTextField(
        "Descripción", blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
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

    content_panels = Page.content_panels + [
        FieldPanel("name", read_only=True),
        FieldPanel("inegi_code", read_only=True),
        FieldPanel("ine_code", read_only=True),
        FieldPanel("head_town"),
        FieldPanel("description"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("ine_code"),
        index.SearchField("description"),
    ]
    api_fields = [
        APIField("name"),
        APIField("inegi_code"),
        APIField("ine_code"),
        APIField("head_town"),
        APIField("registered_voters"),
        APIField("description"),
    ]

    parent_page_types: list[str] = []
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Municipio"
        verbose_name_plural = "Municipios"


class MunicipalityDistrict(models.Model):
    """A municipality lies (wholly or partly) in a local district."""

    municipality = models.ForeignKey(
        MunicipalityPage, on_delete=models.CASCADE, related_name="district_links"
    )
    district = models.ForeignKey(
        DistrictPage, on_delete=models.CASCADE, related_name="municipality_links"
    )
    share_of_municipality = models.DecimalField(
        "Proporción del área municipal", max_digits=5, decimal_places=4
    )

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

    `district` is null while unknown (municipality split across districts and
    no official section catalogue imported yet).
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

    class Meta:
        verbose_name = "Sección electoral"
        verbose_name_plural = "Secciones electorales"
        ordering = ["number"]

    def __str__(self):
        return f"Sección {self.number}"
