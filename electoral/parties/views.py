"""Public views of the complete candidacy list (/candidaturas/ and its CSV).

Every view runs a fixed number of SQL queries, whatever the number of
actors, platforms or candidacies (asserted in tests on ~20,000 rows).
"""

import csv
from datetime import date

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from electoral.parties.candidacies import Candidacy, Gender, Office
from electoral.parties.models import (
    NO_PROFILE_LABEL,
    PoliticalActorPage,
)
from home.models import ElectionCalendar
from home.spreadsheets import safe_row

from .ballots import attach_profiles
from .filters import CandidacyFilter

PAGE_SIZE = 50


# -- /candidaturas/ ----------------------------------------------------------


def _filter_form(request):
    """The candidacy filters of the request (electoral.parties.filters)."""
    return CandidacyFilter(request.GET)


def _publication(request):
    calendar = ElectionCalendar.load(request_or_site=request)
    return calendar.is_open("candidacies"), calendar.candidacies_public_from


def candidacy_list(request):
    filters = _filter_form(request)
    form = filters.form
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
        queryset = filters.qs
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
    # Stable identifiers (issue 18), after the original columns.
    "slug_actor",
    "clave_inegi_municipio",
]


def candidacy_rows(queryset, start=None, stop=None):
    """The rows of /candidaturas.csv (CSV_HEADER's columns, plain values, list
    order) for `queryset`, or its rows start:stop in that order; also the
    open-data dataset and the API (opendata/)."""
    # Plain tuples, not model instances: 20,000 page objects would be slow.
    values = queryset.in_list_order().values_list(
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
        "actor__slug",
        "municipality__inegi_code",
    )[start:stop]
    kinds = dict(PoliticalActorPage.KIND_CHOICES)
    offices = dict(Office.choices)
    roles = dict(Candidacy.Role.choices)
    genders = dict(Gender.choices)
    reelection = {True: "sí", False: "no", None: "sin dato"}
    for (
        office, position, role, name, gender, reelect, actor, acronym, kind,
        municipality, ine_code, district, source, line, actor_slug, inegi_code,
    ) in values.iterator(chunk_size=2000):  # fmt: skip
        yield [
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
            actor_slug,
            inegi_code or "",
        ]


class _Echo:
    def write(self, value):
        return value


def candidacy_csv(request):
    filters = _filter_form(request)
    form = filters.form
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
    queryset = filters.qs
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff" + writer.writerow(CSV_HEADER)
        for row in candidacy_rows(queryset):
            yield writer.writerow(safe_row(row))

    chosen = [f"{k}-{v}" for k, v in sorted(form.cleaned_data.items()) if v not in (None, "")]
    name = "candidaturas" + ("_" + "_".join(chosen) if chosen else "")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(name)[:120] or "candidaturas"}-{date.today():%Y%m%d}.csv"'
    )
    return response
