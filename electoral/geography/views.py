"""Geography page contexts and the "Mi boleta" views.

Every context here costs a fixed number of queries, whatever the number of
sections or candidacies (see tests/electoral/geography/test_query_budget.py).
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from home.models import ElectionCalendar
from home.text import fold_name_words

from .text import (
    SectionNumberError,
    compress_ranges,
    head_town_label,
    parse_section_number,
)

OFFICE_URLS = {
    "ayuntamiento": "/organos/ayuntamiento/",
    "diputacion": "/organos/diputacion-local/",
}
SEARCH_MAX_LENGTH = 80


def _site_relative(page):
    """URL of a geography page without a Site query ('/geografia/…/')."""
    return "/" + page.url_path.strip("/").split("/", 1)[1] + "/"


def _results_public(request):
    """Official results are linked from the calendar's results date on."""
    from home.navigation import feature_open

    return feature_open("results", request)


def _maps():
    from electoral.models import GeographyMap

    return {m.kind: m.svg for m in GeographyMap.objects.only("kind", "svg")}


def _sections_source():
    from electoral.models import SectionCatalogue

    return SectionCatalogue.objects.source() or "catálogo de secciones importado"


HEAD_TOWNS_SOURCE = (
    "estadística de las elecciones locales de 2018 del INE (cabecera distrital), con la misma "
    "distritación"
)


def geography_index_context(page, request):
    from electoral.models import DistrictPage, MunicipalityDistrict, MunicipalityPage

    districts = list(
        DistrictPage.objects.live()
        .order_by("number")
        .only("id", "number", "title", "url_path", "head_town", "head_town_municipality")
    )
    municipalities = list(
        MunicipalityPage.objects.live()
        .order_by("normalized_name")
        .only("id", "name", "normalized_name", "url_path")
    )
    by_id = {m.id: m for m in municipalities}
    district_by_id = {d.id: d for d in districts}
    for item in (*districts, *municipalities):
        item.link = _site_relative(item)
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


def _section_runs(numbers):
    return [f"{a}–{b}" if a != b else f"{a}" for a, b in compress_ranges(numbers)]


def district_context(page, request):
    """The district's municipalities (with their other districts when split),
    its sections per municipality and its head town: three queries."""
    from electoral.models import MunicipalityDistrict, Section

    links = list(
        MunicipalityDistrict.objects.filter(municipality__district_links__district=page)
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
        m.link = _site_relative(m)
        m.all_districts = getattr(m, "all_districts", [])
        link.district.link = _site_relative(link.district)
        link.district.section_count = link.section_count
        m.all_districts.append(link.district)
    sections, unknown = {}, {}
    for number, municipality_id, district_id in (
        Section.objects.filter(
            Q(district=page) | Q(district__isnull=True, municipality_id__in=list(municipalities))
        )
        .order_by("number")
        .values_list("number", "municipality_id", "district_id")
    ):
        target = sections if district_id == page.id else unknown
        target.setdefault(municipality_id, []).append(number)
    rows = []
    for m in municipalities.values():
        numbers = sections.get(m.id, [])
        rows.append(
            {
                "municipality": m,
                "split": len(m.all_districts) > 1,
                "other_districts": [d for d in m.all_districts if d.id != page.id],
                "section_count": len(numbers),
                "section_runs": _section_runs(numbers),
                "unknown_count": len(unknown.get(m.id, [])),
            }
        )
    town = municipalities.get(page.head_town_municipality_id)
    return {
        "results_public": _results_public(request),
        "municipality_rows": rows,
        "section_total": sum(r["section_count"] for r in rows),
        "unknown_rows": [r for r in rows if r["unknown_count"]],
        "head_town_text": head_town_label(page.head_town, town.name if town else None),
        "head_town_municipality": town,
        "sections_source": _sections_source(),
        "head_towns_source": HEAD_TOWNS_SOURCE,
    }


def municipality_context(page, request):
    """The municipality's districts (with their head towns) and its sections
    grouped by district: two queries."""
    from electoral.models import MunicipalityDistrict, Section

    links = list(
        MunicipalityDistrict.objects.filter(municipality=page)
        .select_related("district", "district__head_town_municipality")
        .only(
            "district__id",
            "district__number",
            "district__url_path",
            "district__head_town",
            "district__head_town_municipality__name",
            "section_count",
        )
        .order_by("district__number")
    )
    districts = []
    for link in links:
        district = link.district
        district.link = _site_relative(district)
        town = district.head_town_municipality
        district.head_town_text = head_town_label(district.head_town, town.name if town else None)
        districts.append(district)
    by_district = {}
    numbers = []
    for number, district_id in (
        Section.objects.filter(municipality=page)
        .order_by("number")
        .values_list("number", "district_id")
    ):
        numbers.append(number)
        by_district.setdefault(district_id, []).append(number)
    groups = []
    if len(districts) > 1 or by_district.get(None):
        for district in districts:
            if by_district.get(district.id):
                groups.append(
                    {
                        "district": district,
                        "count": len(by_district[district.id]),
                        "runs": _section_runs(by_district[district.id]),
                    }
                )
        if by_district.get(None):
            groups.append(
                {
                    "district": None,
                    "count": len(by_district[None]),
                    "runs": _section_runs(by_district[None]),
                }
            )
    return {
        "results_public": _results_public(request),
        "districts": districts,
        "split": len(districts) > 1,
        "section_count": len(numbers),
        "section_runs": _section_runs(numbers),
        "section_groups": groups,
        "unknown_district_count": len(by_district.get(None, [])),
        "sections_source": _sections_source(),
    }


# --- Mi boleta --------------------------------------------------------------


@dataclass
class Ballot:
    """One ballot a voter of the section receives.

    `office` is "ayuntamiento" or "diputacion". For a section whose district is
    unknown there is one possible "diputacion" ballot per candidate district
    (`possible` true). Apps that list candidacies attach them in
    `BallotView.get_ballots` (e.g. with one prefetch per office).
    """

    office: str
    title: str
    office_url: str
    municipality: object = None
    district: object = None
    possible: bool = False
    extra: dict = field(default_factory=dict)


def _lookup_context(**extra):
    return {
        "meta_title": "Mi boleta",
        "meta_description": (
            "Escribe el número de sección de tu credencial para votar y conoce tus boletas: "
            "el ayuntamiento de tu municipio y la diputación local de tu distrito."
        ),
        **extra,
    }


class BallotLookupView(View):
    """/mi-boleta/: the form; /mi-boleta/?seccion=N redirects to /mi-boleta/N/."""

    template_name = "electoral/ballot_lookup.html"

    def get(self, request):
        if "seccion" not in request.GET:
            return render(request, self.template_name, _lookup_context())
        raw = request.GET.get("seccion", "")
        try:
            number = parse_section_number(raw)
        except SectionNumberError as exc:
            return render(
                request,
                self.template_name,
                _lookup_context(seccion_value=raw[:40], lookup_error=str(exc)),
                status=400,
            )
        return HttpResponseRedirect(reverse("electoral:ballot", args=[number]))


class BallotView(View):
    """/mi-boleta/<n>/: the ballots of one section (fixed number of queries)."""

    template_name = "electoral/ballot_page.html"
    not_found_template_name = "electoral/ballot_lookup.html"

    def section_queryset(self):
        from electoral.models import Section

        return Section.objects.select_related(
            "municipality", "district", "district__head_town_municipality"
        ).only(
            "number",
            "municipality",
            "district",
            "municipality__id",
            "municipality__name",
            "municipality__url_path",
            "municipality__ine_code",
            "municipality__slug",
            "municipality__registered_voters",
            "district__id",
            "district__number",
            "district__url_path",
            "district__head_town",
            "district__head_town_municipality__name",
        )

    def possible_districts(self, section):
        """[the section's district]; when the catalogue gives it none, the districts
        its municipality's other sections lie in (each a possible ballot)."""
        from electoral.models import DistrictPage

        if section.district_id is not None:
            districts = [section.district]
        else:
            districts = list(
                DistrictPage.objects.filter(
                    municipality_links__municipality_id=section.municipality_id
                )
                .select_related("head_town_municipality")
                .order_by("number")
                .only("id", "number", "url_path", "head_town", "head_town_municipality__name")
            )
        for district in districts:
            town = district.head_town_municipality
            district.head_town_text = head_town_label(
                district.head_town, town.name if town else None
            )
        return districts

    def get_ballots(self, section, districts):
        municipality = section.municipality
        ballots = [
            Ballot(
                office="ayuntamiento",
                title=f"Ayuntamiento de {municipality.name}",
                office_url=OFFICE_URLS["ayuntamiento"],
                municipality=municipality,
            )
        ]
        for district in districts:
            ballots.append(
                Ballot(
                    office="diputacion",
                    title=f"Diputación local, distrito {district.number}",
                    office_url=OFFICE_URLS["diputacion"],
                    municipality=municipality,
                    district=district,
                    possible=section.district_id is None,
                )
            )
        # Candidacies on each ballot (electoral.parties): two queries for all ballots.
        from electoral.parties.ballots import attach_to_ballots

        return attach_to_ballots(ballots)

    def get(self, request, number):
        raw = number
        try:
            number = parse_section_number(raw)
        except SectionNumberError as exc:
            return render(
                request,
                self.not_found_template_name,
                _lookup_context(seccion_value=raw[:40], lookup_error=str(exc)),
                status=400,
            )
        if str(number) != raw:  # "0012" -> /mi-boleta/12/
            return HttpResponseRedirect(reverse("electoral:ballot", args=[number]))
        section = self.section_queryset().filter(number=number).first()
        if section is None:
            message = (
                f"La sección {number} no existe en el Estado de México. Revisa el número en tu "
                "credencial para votar (aparece como «SECCIÓN») y vuelve a intentarlo."
            )
            return render(
                request,
                self.not_found_template_name,
                _lookup_context(
                    seccion_value=str(number),
                    lookup_error=message,
                    meta_title="Sección no encontrada",
                ),
                status=404,
            )
        districts = self.possible_districts(section)
        for district in districts:
            district.link = _site_relative(district)
        section.municipality.link = _site_relative(section.municipality)
        calendar = ElectionCalendar.load(request_or_site=request)
        context = {
            "section": section,
            "municipality": section.municipality,
            "districts": districts,
            "district_known": section.district_id is not None,
            "ballots": self.get_ballots(section, districts),
            "calendar": calendar,
            "candidacies_public": calendar.is_open("candidacies"),
            "results_public": calendar.is_open("results"),
            "seccion_value": str(number),
            "meta_title": f"Mis boletas: sección {number}",
            "meta_description": (
                f"Boletas de la sección electoral {number} ({section.municipality.name}, "
                "Estado de México): ayuntamiento y diputación local."
            ),
        }
        return render(request, self.template_name, context)
