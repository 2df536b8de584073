"""The "Mi boleta" views: /mi-boleta/ (the form) and /mi-boleta/<n>/ (the
ballots of one section with the candidacies on each).

They live with the parties because a ballot shows candidacies; the section
and its districts come from electoral.geography. Fixed number of queries
(see tests/electoral/geography/test_query_budget.py).
"""

from dataclasses import dataclass, field

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from electoral.geography.models import (
    DistrictPage,
    Place,
    Section,
    district_place,
    site_relative_path,
)
from electoral.geography.text import SectionNumberError, parse_section_number
from home.compiled import CompiledQuery
from home.fragments import memo
from home.models import ElectionCalendar

from .ballots import attach_to_ballots, render_groups

OFFICE_URLS = {
    "ayuntamiento": "/organos/ayuntamiento/",
    "diputacion": "/organos/diputacion-local/",
}


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

    @property
    def groups_html(self):
        """The list of `extra["groups"]`, rendered (ballots.render_groups)."""
        return render_groups(self.extra.get("groups", ()))


# What the page shows of the section, its municipality and district: plain
# values, the SQL compiled once per process (home/compiled.py).
_SECTION = CompiledQuery(
    Section,
    lambda number: (
        Section.objects.filter(number=number)
        .order_by()
        .values_list(
            "number",
            "municipality_id",
            "municipality__name",
            "municipality__url_path",
            "municipality__slug",
            "district_id",
            "district__number",
            "district__url_path",
            "district__head_town",
            "district__head_town_municipality__name",
        )[:1]
    ),
)


@dataclass
class BallotSection:
    number: int
    municipality: Place
    district: Place = None

    @property
    def district_id(self):
        return self.district.id if self.district is not None else None

    @property
    def municipality_id(self):
        return self.municipality.id


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

    def find_section(self, number):
        """The BallotSection of `number`, or None (one query)."""
        row = next(iter(_SECTION.rows(number=number)), None)
        if row is None:
            return None
        (
            number,
            municipality_id,
            name,
            municipality_path,
            slug,
            district_id,
            district_number,
            district_path,
            head_town,
            town,
        ) = row
        municipality = Place(
            id=municipality_id, link=site_relative_path(municipality_path), name=name, slug=slug
        )
        district = None
        if district_id is not None:
            district = district_place(district_id, district_path, district_number, head_town, town)
        return BallotSection(number=number, municipality=municipality, district=district)

    def possible_districts(self, section):
        """[the section's district]; when the catalogue gives it none, the districts
        its municipality's other sections lie in (each a possible ballot)."""
        if section.district is not None:
            return [section.district]
        rows = (
            DistrictPage.objects.filter(municipality_links__municipality_id=section.municipality_id)
            .order_by("number")
            .values_list("id", "url_path", "number", "head_town", "head_town_municipality__name")
        )
        return [district_place(*row) for row in rows]

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
        # Candidacies on each ballot: two queries for all ballots.
        return attach_to_ballots(ballots)

    def section_ballots(self, number):
        """(section, districts, ballots) of section `number`, or None."""
        section = self.find_section(number)
        if section is None:
            return None
        districts = self.possible_districts(section)
        return section, districts, self.get_ballots(section, districts)

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
        # The section, its districts and ballots with their candidacies: kept for
        # the page-cache generation (home/fragments.py; imports purge it).
        found = memo("ballot", (number,), lambda: self.section_ballots(number), request)
        if found is None:
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
        section, districts, ballots = found
        calendar = ElectionCalendar.load(request_or_site=request)
        context = {
            "section": section,
            "municipality": section.municipality,
            "districts": districts,
            "district_known": section.district_id is not None,
            "ballots": ballots,
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
