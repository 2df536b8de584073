"""Public views of the complete candidacy list (/candidaturas/ and its CSV).

Every view runs a fixed number of SQL queries, whatever the number of
actors, platforms or candidacies (asserted in tests on ~20,000 rows).
"""

import csv
from datetime import date

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from electoral.geography.models import DistrictPage, MunicipalityPage
from electoral.parties.candidacies import OFFICE_BY_SLUG, OFFICE_SLUGS, Candidacy, Gender, Office
from electoral.parties.models import (
    NO_PROFILE_LABEL,
    PoliticalActorPage,
)
from home.models import ElectionCalendar
from home.spreadsheets import safe_row

from .ballots import attach_profiles
from .capture import (
    PROFILE_FILTER_CHOICES,
    filter_by_profile,
)

PAGE_SIZE = 50


# -- /candidaturas/ ----------------------------------------------------------


class CandidacyFilterForm(forms.Form):
    q = forms.CharField(label="Nombre", max_length=100, required=False)
    municipio = forms.ChoiceField(label="Municipio", required=False)
    distrito = forms.TypedChoiceField(label="Distrito local", required=False, coerce=int)
    partido = forms.ChoiceField(label="Partido, coalición o candidatura", required=False)
    cargo = forms.ChoiceField(
        label="Cargo",
        required=False,
        choices=[("", "Todos los cargos")]
        + [(slug, Office(office).label) for office, slug in OFFICE_SLUGS.items()],
    )
    genero = forms.ChoiceField(
        label="Género",
        required=False,
        choices=[("", "Todos")] + list(Gender.choices),
    )
    perfil = forms.ChoiceField(
        label="Perfil publicado por el partido",
        required=False,
        choices=PROFILE_FILTER_CHOICES,
    )

    def __init__(self, data, *, municipalities, districts, actors):
        super().__init__(data)
        self.fields["municipio"].choices = [("", "Todos los municipios")] + municipalities
        self.fields["distrito"].choices = [("", "Todos los distritos")] + [
            (n, f"Distrito {n}") for n in districts
        ]
        self.fields["partido"].choices = [("", "Todos")] + [(a["slug"], a["title"]) for a in actors]
        for name, fld in self.fields.items():
            fld.error_messages["invalid_choice"] = {
                "municipio": "No encontramos el municipio «%(value)s». Elige uno de la lista.",
                "distrito": "El distrito «%(value)s» no existe: hay distritos del 1 al 45.",
                "partido": "No encontramos el partido o candidatura «%(value)s».",
                "cargo": "El cargo «%(value)s» no existe. Elige uno de la lista.",
                "genero": "El valor de género «%(value)s» no es válido.",
                "perfil": "El valor «%(value)s» no es válido: elige con o sin perfil publicado.",
            }.get(name, "Valor no válido.")
        self.fields["q"].error_messages["max_length"] = "Escribe como máximo 100 caracteres."

    def filter(self, queryset, actors):
        data = self.cleaned_data
        if data.get("municipio"):
            queryset = queryset.filter(municipality__slug=data["municipio"])
        if data.get("distrito") not in (None, ""):
            queryset = queryset.in_district(data["distrito"])
        if data.get("partido"):
            actor = next(a for a in actors if a["slug"] == data["partido"])
            queryset = queryset.filter(
                actor_id__in=PoliticalActorPage.candidacy_actor_ids(actor["id"], actor["kind"])
            )
        if data.get("cargo"):
            queryset = queryset.filter(office=OFFICE_BY_SLUG[data["cargo"]])
        if data.get("genero"):
            queryset = queryset.filter(gender=data["genero"])
        if data.get("q"):
            queryset = queryset.matching(data["q"])
        if data.get("perfil"):
            queryset = filter_by_profile(queryset, data["perfil"])
        return queryset


def _filter_form(request):
    municipalities = list(MunicipalityPage.objects.order_by("name").values_list("slug", "name"))
    districts = list(DistrictPage.objects.order_by("number").values_list("number", flat=True))
    actors = list(
        PoliticalActorPage.objects.live()
        .order_by("registration_order", "title")
        .values("id", "slug", "title", "kind")
    )
    form = CandidacyFilterForm(
        request.GET, municipalities=municipalities, districts=districts, actors=actors
    )
    return form, actors


def _publication(request):
    calendar = ElectionCalendar.load(request_or_site=request)
    return calendar.is_open("candidacies"), calendar.candidacies_public_from


def candidacy_list(request):
    form, actors = _filter_form(request)
    is_open, public_from = _publication(request)
    context = {
        "form": form,
        "is_open": is_open,
        "public_from": public_from,
        "meta_title": "Candidaturas",
        "meta_description": (
            "La lista completa de personas postuladas por partidos, coaliciones, candidaturas "
            "comunes e independientes, con filtros por municipio, distrito, partido, cargo "
            "y género."
        ),
        "no_profile_label": NO_PROFILE_LABEL,
    }
    status = 200
    if not form.is_valid():
        status = 400
    elif is_open:
        queryset = form.filter(Candidacy.objects.all(), actors)
        counts = dict(queryset.order_by().values_list("gender").annotate(n=Count("id")))
        total = sum(counts.values())
        context["gender_split"] = [
            {
                "key": key,
                "label": label,
                "count": counts.get(key, 0),
                "percent": round(100 * counts.get(key, 0) / total, 1) if total else 0,
            }
            for key, label in Gender.choices
        ]
        context["gender_known"] = total - counts.get(Gender.UNKNOWN, 0)
        paginator = Paginator(
            queryset.select_related("actor", "municipality", "district").in_list_order(),
            PAGE_SIZE,
        )
        paginator.count = total  # already counted above: no second COUNT(*)
        try:
            page = paginator.page(request.GET.get("pagina") or 1)
        except (PageNotAnInteger, EmptyPage):
            page = paginator.page(1) if total else None
            if request.GET.get("pagina") not in (None, "", "1"):
                context["page_error"] = "Esa página no existe; te mostramos la primera."
        rows = list(page.object_list) if page else []
        attach_profiles(rows, request)
        context.update(
            total=total,
            page=page,
            rows=rows,
            query_string=_query_without_page(request),
            csv_query=_query_without_page(request),
        )
    response = render(request, "electoral/candidacy_list.html", context, status=status)
    return response


def _query_without_page(request):
    params = request.GET.copy()
    params.pop("pagina", None)
    return params.urlencode()


CSV_HEADER = [
    "cargo",
    "posicion",
    "calidad",
    "nombre_registrado",
    "genero",
    "reeleccion_consecutiva",
    "postulada_por",
    "siglas",
    "tipo_de_actor",
    "municipio",
    "clave_ine_municipio",
    "distrito_local",
    "fuente",
    "linea_en_fuente",
]


class _Echo:
    def write(self, value):
        return value


def candidacy_csv(request):
    form, actors = _filter_form(request)
    is_open, public_from = _publication(request)
    if not form.is_valid():
        message = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        response = StreamingHttpResponse(
            [f"Filtro no válido: {message}\n"], status=400, content_type="text/plain; charset=utf-8"
        )
        return response
    if not is_open:
        when = f" a partir del {public_from:%d/%m/%Y}" if public_from else ""
        return StreamingHttpResponse(
            [f"Las candidaturas se publican{when}.\n"],
            status=404,
            content_type="text/plain; charset=utf-8",
        )
    # Plain tuples, not model instances: 20,000 page objects would be slow.
    queryset = (
        form.filter(Candidacy.objects.all(), actors)
        .in_list_order()
        .values_list(
            "office",
            "position",
            "role",
            "name",
            "gender",
            "reelection",
            "actor__title",
            "actor__acronym",
            "actor__kind",
            "municipality__name",
            "municipality__ine_code",
            "district__number",
            "source",
            "source_line",
        )
    )
    kinds = dict(PoliticalActorPage.KIND_CHOICES)
    offices = dict(Office.choices)
    roles = dict(Candidacy.Role.choices)
    genders = dict(Gender.choices)
    reelection = {True: "sí", False: "no", None: "sin dato"}
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff" + writer.writerow(CSV_HEADER)
        for (
            office, position, role, name, gender, reelect, actor, acronym, kind,
            municipality, ine_code, district, source, line,
        ) in queryset.iterator(chunk_size=2000):  # fmt: skip
            yield writer.writerow(
                safe_row(
                    [
                        offices[office],
                        position,
                        roles[role],
                        name,
                        genders.get(gender, gender),
                        reelection[reelect],
                        actor,
                        acronym,
                        kinds.get(kind, kind),
                        municipality or "",
                        "" if ine_code is None else ine_code,
                        "" if district is None else district,
                        source,
                        line or "",
                    ]
                )
            )

    filters = [f"{k}-{v}" for k, v in sorted(form.cleaned_data.items()) if v not in (None, "")]
    name = "candidaturas" + ("_" + "_".join(filters) if filters else "")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(name)[:120] or "candidaturas"}-{date.today():%Y%m%d}.csv"'
    )
    return response
