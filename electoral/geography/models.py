"""Electoral geography: local districts, municipalities and electoral sections.

Page tree: HomePage › GeographyIndexPage (/geografia/) › DistrictIndexPage
(/geografia/distritos/) › DistrictPage (/geografia/distritos/<n>/), and
GeographyIndexPage › MunicipalityIndexPage › MunicipalityPage
(/geografia/municipios/<slug>/). Official figures (names, codes, shapes,
sections, lista nominal) come from importers (`manage.py import_geography`);
editors write the prose.
"""

from dataclasses import dataclass
from types import SimpleNamespace

from django.db import models
from django.db.models import Q
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
from home.compiled import CompiledQuery
from home.fragments import memo
from home.navigation import feature_open
from home.text import fold_name_words

from . import html
from .text import compress_ranges, head_town_label

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
SEARCH_MAX_LENGTH = 80
HEAD_TOWNS_SOURCE = (
    "estadística de las elecciones locales de 2018 del INE (cabecera distrital), con la misma "
    "distritación"
)


def site_relative(page):
    """URL of a geography page without a Site query ('/geografia/…/')."""
    return site_relative_path(page.url_path)


def site_relative_path(url_path):
    """site_relative() of the page at `url_path`."""
    return "/" + url_path.strip("/").split("/", 1)[1] + "/"


@dataclass
class Place:
    """A municipality or district as a page shows it, read as plain values
    (`link`: its site_relative URL; a district's `head_town_text`, see
    text.head_town_label)."""

    id: int
    link: str
    name: str = ""
    slug: str = ""
    number: int = None
    head_town_text: str = ""


def district_place(id, url_path, number, head_town, town):
    return Place(
        id=id,
        link=site_relative_path(url_path),
        number=number,
        head_town_text=head_town_label(head_town, town),
    )


def _section_runs(numbers):
    return _formatted_runs(compress_ranges(numbers))


def _formatted_runs(runs):
    """[(first, last), ...] as the page writes them: "1–5", "7"."""
    return [f"{a}–{b}" if a != b else f"{a}" for a, b in runs]


def _maps():
    return {m.kind: m.svg for m in GeographyMap.objects.only("kind", "svg")}


def _sections_source():
    return SectionCatalogue.objects.source() or "catálogo de secciones importado"


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
        context = super().get_context(request, *args, **kwargs)
        context.update(self.index_context(request))
        return context

    def index_context(self, request):
        # Plain rows, not page instances: building 170 Page objects (modelcluster's
        # __init__ included) was a third of this page's time (bench/load.py).
        districts = [
            SimpleNamespace(**row)
            for row in DistrictPage.objects.live()
            .order_by("number")
            .values("id", "number", "title", "url_path", "head_town", "head_town_municipality_id")
        ]
        municipalities = [
            SimpleNamespace(**row)
            for row in MunicipalityPage.objects.live()
            .order_by("normalized_name")
            .values("id", "name", "normalized_name", "url_path")
        ]
        by_id = {m.id: m for m in municipalities}
        district_by_id = {d.id: d for d in districts}
        for item in (*districts, *municipalities):
            item.link = site_relative(item)
            item.related = []
        for district in districts:
            town_municipality = by_id.get(district.head_town_municipality_id)
            district.head_town_text = head_town_label(
                district.head_town, town_municipality.name if town_municipality else None
            )
        for municipality_id, district_id in MunicipalityDistrict.objects.order_by(
            "district__number"
        ).values_list("municipality_id", "district_id"):
            municipality, district = by_id.get(municipality_id), district_by_id.get(district_id)
            if municipality and district:
                municipality.related.append(district)
                district.related.append(municipality)
        for district in districts:
            district.related.sort(key=lambda m: m.normalized_name)
        # The lists as the template writes them ("Toluca, Metepec"; "1, 2"): a loop
        # per district and per municipality in the template was half of this
        # page's uncached time. Escaping the joined text equals joining escaped names.
        for district in districts:
            district.related_text = ", ".join(m.name for m in district.related)
        for municipality in municipalities:
            municipality.related_text = ", ".join(str(d.number) for d in municipality.related)

        query = " ".join(request.GET.get("q", "").split())[:SEARCH_MAX_LENGTH]
        needle = fold_name_words(query)
        results = None
        if query:
            results = [m for m in municipalities if needle and needle in m.normalized_name]
            if needle.isdigit():
                results = [d for d in districts if d.number == int(needle)] + results
        maps = _maps()
        return {
            "districts": districts,
            "municipalities": municipalities,
            "district_map": maps.get("districts", ""),
            "municipality_map": maps.get("municipalities", ""),
            "query": query,
            "results": results,
            "sections_source": _sections_source(),
        }


class _ListRedirectPage(Page):
    """A container whose list lives on /geografia/ (anchor `list_anchor`)."""

    list_anchor = ""
    api_fields: list = []  # no fields of its own: the API lists its children by type

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
        if municipality_name is None and self.head_town_municipality_id:
            municipality_name = self.head_town_municipality.name
        return head_town_label(self.head_town, municipality_name)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.district_context(request))
        return context

    def district_context(self, request):
        """The district's municipalities (with their other districts when split),
        its sections per municipality and its head town: three queries."""

        links = list(
            MunicipalityDistrict.objects.filter(municipality__district_links__district=self)
            .select_related("municipality", "district")
            .only(
                "municipality__id",
                "municipality__name",
                "municipality__normalized_name",
                "municipality__url_path",
                "district__id",
                "district__number",
                "district__url_path",
                "section_count",
            )
            .order_by("municipality__normalized_name", "district__number")
        )
        municipalities = {}
        for link in links:
            m = municipalities.setdefault(link.municipality.id, link.municipality)
            m.link = site_relative(m)
            m.all_districts = getattr(m, "all_districts", [])
            link.district.link = site_relative(link.district)
            link.district.section_count = link.section_count
            m.all_districts.append(link.district)
        sections, unknown = {}, {}
        for number, municipality_id, district_id in (
            Section.objects.filter(
                Q(district=self)
                | Q(district__isnull=True, municipality_id__in=list(municipalities))
            )
            .order_by("number")
            .values_list("number", "municipality_id", "district_id")
        ):
            target = sections if district_id == self.id else unknown
            target.setdefault(municipality_id, []).append(number)
        rows = []
        for m in municipalities.values():
            numbers = sections.get(m.id, [])
            rows.append(
                {
                    "municipality": m,
                    "split": len(m.all_districts) > 1,
                    "other_districts": [d for d in m.all_districts if d.id != self.id],
                    "section_count": len(numbers),
                    "section_runs": _section_runs(numbers),
                    "unknown_count": len(unknown.get(m.id, [])),
                }
            )
        town = municipalities.get(self.head_town_municipality_id)
        return {
            "results_public": feature_open("results", request),
            "municipality_rows": rows,
            "section_total": sum(r["section_count"] for r in rows),
            "unknown_rows": [r for r in rows if r["unknown_count"]],
            "head_town_text": head_town_label(self.head_town, town.name if town else None),
            "head_town_municipality": town,
            "sections_source": _sections_source(),
            "head_towns_source": HEAD_TOWNS_SOURCE,
        }


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
        context = super().get_context(request, *args, **kwargs)
        context.update(self.municipality_context(request))
        return context

    def municipality_context(self, request):
        """The municipality's districts (with their head towns) and its sections
        grouped by district: two queries, kept for the page-cache generation
        (home/fragments.py: any save in the geography purges it)."""
        context = memo("municipality", (self.pk,), self._municipality_rows, request)
        return {"results_public": feature_open("results", request), **context}

    def _municipality_rows(self):
        # Plain values through SQL compiled once per process (home/compiled.py):
        # the ORM built two page objects per district and compiled both
        # queries at every call, 1.5 of the page's 2.3 ms over the fixed part.
        # Each district's sections come as runs worked out at import time
        # (MunicipalityDistrict.section_runs): reading the municipality's
        # sections (304 in Toluca) was a fifth of the page.
        districts, counts, runs_of = [], {}, {}
        for *place, section_count, section_runs in _MUNICIPALITY_DISTRICTS.rows(pk=self.pk):
            district = district_place(*place)
            districts.append(district)
            counts[district.id] = section_count
            runs_of[district.id] = section_runs
        unknown = [row[0] for row in _MUNICIPALITY_UNKNOWN_SECTIONS.rows(pk=self.pk)]
        groups = []
        if len(districts) > 1 or unknown:
            for district in districts:
                if counts[district.id]:
                    groups.append(
                        {
                            "district": district,
                            "count": counts[district.id],
                            "runs": _formatted_runs(runs_of[district.id]),
                        }
                    )
            if unknown:
                groups.append(
                    {"district": None, "count": len(unknown), "runs": _section_runs(unknown)}
                )
        section_count = sum(counts.values()) + len(unknown)
        # One list of all the sections only when they are not listed by district
        # (then they are all in the one district, or there are none).
        runs = [] if groups else [run for d in districts for run in _formatted_runs(runs_of[d.id])]
        return {
            "districts": districts,
            "split": len(districts) > 1,
            "section_count": section_count,
            "section_groups": groups,
            "unknown_district_count": len(unknown),
            "sections_source": _sections_source(),
            # The page's loops, rendered in Python (html.py)
            "district_links_html": html.district_links(districts),
            "split_rows_html": html.split_rows(groups),
            "section_lists_html": html.section_lists(groups, runs),
        }


class MunicipalityDistrict(models.Model):
    """A municipality has sections in a local district, and how many.

    Rebuilt from the section catalogue by every section import
    (`MunicipalityDistrictManager.rebuild_from_sections`): never typed. Sections
    are read-only in the admin: the import is the only writer of both.
    """

    municipality = models.ForeignKey(
        MunicipalityPage, on_delete=models.CASCADE, related_name="district_links"
    )
    district = models.ForeignKey(
        DistrictPage, on_delete=models.CASCADE, related_name="municipality_links"
    )
    section_count = models.PositiveIntegerField("Secciones", default=0)
    # The sections' numbers as runs of consecutive numbers, [[first, last], ...]:
    # what the municipality's page lists, worked out at import time instead of
    # reading every section of the municipality at each visit (issue 19).
    section_runs = models.JSONField("Tramos de secciones", default=list, editable=False)

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


# The districts of a municipality (the head town's municipality's name) and its
# sections: MunicipalityPage._municipality_rows.
_MUNICIPALITY_DISTRICTS = CompiledQuery(
    MunicipalityDistrict,
    lambda pk: (
        MunicipalityDistrict.objects.filter(municipality_id=pk)
        .order_by("district__number")
        .values_list(
            "district_id",
            "district__url_path",
            "district__number",
            "district__head_town",
            "district__head_town_municipality__name",
            "section_count",
            "section_runs",
        )
    ),
)
# The sections without a district (the catalogue left it blank): usually none.
_MUNICIPALITY_UNKNOWN_SECTIONS = CompiledQuery(
    Section,
    lambda pk: (
        Section.objects.filter(municipality_id=pk, district__isnull=True)
        .order_by("number")
        .values_list("number", flat=True)
    ),
)
