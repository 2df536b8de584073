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

from electoral.geography.models import DistrictPage, Section, site_relative
from electoral.geography.text import SectionNumberError, head_town_label, parse_section_number
from home.fragments import memo
from home.models import ElectionCalendar

from .ballots import attach_to_ballots

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
        # Candidacies on each ballot: two queries for all ballots.
        return attach_to_ballots(ballots)

    def section_ballots(self, number):
        """(section, districts, ballots) of section `number`, or None."""
        section = self.section_queryset().filter(number=number).first()
        if section is None:
            return None
        districts = self.possible_districts(section)
        for district in districts:
            district.link = site_relative(district)
        section.municipality.link = site_relative(section.municipality)
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
