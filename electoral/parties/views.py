"""Public views of parties, platforms and the complete candidacy list.

Every view runs a fixed number of SQL queries, whatever the number of
actors, platforms or candidacies (asserted in tests on ~20,000 rows).
"""

import csv
from datetime import date

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Prefetch
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from wagtail.images.models import Rendition
from wagtail.rich_text import RichText

from electoral.geography.models import DistrictPage, MunicipalityPage
from electoral.parties.candidacies import OFFICE_BY_SLUG, OFFICE_SLUGS, Candidacy, Gender, Office
from electoral.parties.models import (
    CandidateProfileIndexPage,
    PlatformPage,
    PoliticalActorPage,
    Topic,
)
from home.models import ElectionCalendar
from home.spreadsheets import safe_row

from .ballots import attach_profiles
from .capture import (
    PROFILE_FILTER_CHOICES,
    PublishedProfiles,
    attach_published_profiles,
    filter_by_profile,
)

PAGE_SIZE = 50
LOGO_FILTER = "fill-96x96"
NO_PROFILE_LABEL = "Sin información capturada por el partido"


# -- /partidos/ and the actor pages ------------------------------------------


def _live_actors(index):
    return (
        PoliticalActorPage.objects.child_of(index)
        .live()
        .select_related("logo")
        .prefetch_related(
            Prefetch("logo__renditions", queryset=Rendition.objects.filter(filter_spec=LOGO_FILTER))
        )
        .order_by("registration_order", "title")
    )


def parties_index_context(index, request):
    """Actors in registration order with their platform; with ?tema= the
    section of each platform on that topic, side by side."""
    actors = attach_published_profiles(_live_actors(index))
    platforms = PlatformPage.objects.live().descendant_of(index).filter(depth=index.depth + 2)
    platform_of = {p.path[: -PlatformPage.steplen]: p for p in platforms}
    topics = list(Topic.objects.all())
    for actor in actors:
        actor.live_platform = platform_of.get(actor.path)

    context = {"actors": actors, "topics": topics, "topic": None, "topic_error": ""}
    slug = (request.GET.get("tema") or "").strip()
    if slug:
        topic = next((t for t in topics if t.slug == slug), None)
        if topic is None:
            context["topic_error"] = f"No encontramos el tema «{slug[:60]}». Elige uno de la lista."
        else:
            context["topic"] = topic
            context["comparison"] = [
                {
                    "actor": actor,
                    "platform": actor.live_platform,
                    "sections": _sections_on(actor.live_platform, topic),
                }
                for actor in actors
            ]
            context["meta_title"] = f"Comparar plataformas: {topic.name}"
            context["meta_description"] = (
                f"Lo que dice cada plataforma sobre {topic.name.lower()}, en el orden oficial "
                "de registro."
            )
    return context


def _sections_on(platform, topic):
    """The platform's sections on `topic`, read from the raw stream (no
    query per platform)."""
    if platform is None:
        return []
    sections = []
    for item in platform.body.raw_data:
        value = item.get("value") or {}
        if item.get("type") == "topic_section" and value.get("topic") == topic.id:
            sections.append(
                {
                    "id": item.get("id"),
                    "title": value.get("title") or topic.name,
                    "text": RichText(value.get("text") or ""),
                }
            )
    return sections


def actor_context(actor):
    """The actor's platform, members, scope and head candidacies with
    their profile (or the "no information" label)."""
    children = {
        p.specific_class: p
        for p in actor.get_children().live().only("id", "path", "url_path", "content_type_id")
    }
    heads = list(
        actor.candidacies.heads()
        .select_related("municipality", "district", "actor")
        .in_list_order()
    )
    attach_profiles(heads)
    with_profile = sum(1 for c in heads if c.profile_url)
    context = {
        # Same figure as on /partidos/ (live profiles of head candidacies),
        # from the rows already loaded: no extra query.
        "published_profiles": PublishedProfiles(with_profile, len(heads)),
        "platform": children.get(PlatformPage),
        "profiles_index": children.get(CandidateProfileIndexPage),
        "heads": heads,
        "heads_with_profile": with_profile,
        "no_profile_label": NO_PROFILE_LABEL,
        "members": list(actor.member_parties.order_by("registration_order")),
    }
    if actor.kind != PoliticalActorPage.KIND_INDEPENDENT:
        context["alliances"] = list(
            actor.alliances.live().order_by("registration_order").only("id", "title", "url_path")
        )
    if actor.is_alliance:
        context["scope_municipalities"] = list(
            actor.municipalities.order_by("name").only("id", "name", "url_path", "slug")
        )
        context["scope_districts"] = list(
            actor.districts.order_by("number").only("id", "number", "url_path")
        )
    return context


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
            ids = [actor["id"]]
            if actor["kind"] in PoliticalActorPage.PARTY_KINDS:
                # A party's candidacies include those of the alliances it is part of.
                through = PoliticalActorPage.member_parties.through
                ids += list(
                    through.objects.filter(to_politicalactorpage_id=actor["id"]).values_list(
                        "from_politicalactorpage_id", flat=True
                    )
                )
            queryset = queryset.filter(actor_id__in=ids)
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


def profile_context(profile):
    """The profile's candidacy (with place and actor) and its substitute."""
    candidacy = None
    substitute = None
    if profile.candidacy_id:
        candidacy = (
            Candidacy.objects.select_related("municipality", "district", "actor")
            .filter(pk=profile.candidacy_id)
            .first()
        )
    if candidacy is not None:
        substitute = (
            Candidacy.objects.filter(
                office=candidacy.office,
                municipality_id=candidacy.municipality_id,
                district_id=candidacy.district_id,
                actor_id=candidacy.actor_id,
                position=candidacy.position,
                role=Candidacy.Role.SUBSTITUTE,
            )
            .only("name")
            .first()
        )
    return {"candidacy": candidacy, "substitute": substitute, "no_profile_label": NO_PROFILE_LABEL}
