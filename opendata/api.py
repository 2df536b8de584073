"""The read-only API under /api/v2/, described by OpenAPI 3 (/api/v2/openapi.json).

Plain models (candidacies, results, sections) are django-ninja endpoints: their
OpenAPI description comes from the same type hints that shape the responses,
so the document cannot drift from the code (DRF would need a second package,
drf-spectacular, for that). Pages are Wagtail's own API v2 endpoint (DRF,
`api_fields` of each page type), added to the same document by hand.

The rows are the open-data datasets' rows (datasets.py): the API, the CSV,
the JSON and the pages carry the same values.
"""

import math

from ninja import NinjaAPI, Path, Schema, Status
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer
from wagtail.api.v2.views import PagesAPIViewSet

from electoral.geography.models import Section, site_relative
from electoral.parties.filters import CandidacyFilter
from electoral.parties.views import candidacy_rows
from electoral.results.models import Contest

from .datasets import BY_SLUG, candidacies_unavailable, contest_rows, option_rows, public_contests

CANDIDACIES_PER_PAGE = 100
RESULTS_PER_PAGE = 50

Value = int | str | None


class Error(Schema):
    detalle: str


class Page(Schema):
    total: int
    pagina: int
    paginas: int
    por_pagina: int
    siguiente: str | None
    anterior: str | None


class CandidacyItem(Schema):
    cargo: str
    posicion: int
    calidad: str
    nombre_registrado: str
    genero: str
    reeleccion_consecutiva: str
    postulada_por: str
    siglas: str
    tipo_de_actor: str
    municipio: str | None
    clave_ine_municipio: int | None
    distrito_local: int | None
    fuente: str
    linea_en_fuente: int | None
    slug_actor: str
    clave_inegi_municipio: str | None


class CandidacyPage(Page):
    resultados: list[CandidacyItem]


class OptionItem(Schema):
    posicion: int
    etiqueta: str
    opcion: str
    tipo_opcion: str
    clave_candidatura: str
    candidatura: str
    actor: str | None
    votos: int
    porcentaje: str | None
    base_porcentaje: str


class ContestItem(Schema):
    eleccion: str
    proceso_electoral: int
    cargo: str
    numero_ine_ieem_municipio: int | None
    clave_inegi_municipio: str | None
    distrito_local: int | None
    lugar: str
    fecha: str | None
    tipo: str
    estado: str
    votos_validos: int | None
    votos_no_registrados: int | None
    votos_nulos: int | None
    votacion_total: int | None
    lista_nominal: int | None
    participacion: str | None
    ganador: str | None
    ganador_votos: int | None
    margen: int | None
    fuente: str
    opciones: list[OptionItem]


class ContestPage(Page):
    resultados: list[ContestItem]


class SectionMunicipality(Schema):
    nombre: str
    clave_inegi: str
    numero_ine_ieem: int
    cabecera: str
    pagina: str


class SectionDistrict(Schema):
    numero: int
    cabecera: str
    pagina: str


class SectionLinks(Schema):
    boleta: str
    municipio: str
    distrito: str | None
    api_municipio: str
    api_distrito: str | None


class SectionItem(Schema):
    seccion: int
    municipio: SectionMunicipality
    distrito: SectionDistrict | None
    enlaces: SectionLinks


def _blank_to_none(row):
    return [None if v == "" else v for v in row]


def _page_number(request, total, per_page):
    """(page number, number of pages) or raise ValueError with the Spanish message."""
    pages = max(1, math.ceil(total / per_page))
    raw = request.GET.get("pagina") or "1"
    if not raw.isascii() or not raw.isdigit():
        raise ValueError(f"«{raw[:40]}» no es un número de página.")
    number = int(raw)
    if not 1 <= number <= pages:
        raise ValueError(f"La página {number} no existe: hay {pages}.")
    return number, pages


def _page_links(request, number, pages):
    def link(n):
        params = request.GET.copy()
        params["pagina"] = str(n)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return {
        "pagina": number,
        "paginas": pages,
        "siguiente": link(number + 1) if number < pages else None,
        "anterior": link(number - 1) if number > 1 else None,
    }


class SpanishJSONRenderer(JSONRenderer):
    """Accents as they are (UTF-8), not as \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


class DecideAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["paths"].update(pages_paths())
        schema["servers"] = [{"url": "/", "description": "Este sitio"}]
        return schema


api = DecideAPI(
    title="API de datos abiertos de Decide IEEM",
    version="2",
    description=(
        "API de solo lectura de Decide IEEM (Instituto Electoral del Estado de México): páginas "
        "(Quitadudas, municipios, distritos, partidos, plataformas y perfiles), candidaturas, "
        "resultados y secciones electorales. Los mismos datos que /datos/. Nunca incluye cifras "
        "de participación de un partido o candidatura ni el texto de ninguna idea."
    ),
    urls_namespace="opendata_api",
    docs_url=None,  # Swagger UI loads from a CDN: no third-party requests; see /datos/api/
    openapi_url="/openapi.json",
    renderer=SpanishJSONRenderer(),
)


@api.exception_handler(ValidationError)
def invalid_parameter(request, exc):
    """Ninja's own validation (the section number's pattern): 400 in Spanish."""
    for e in exc.errors:
        if list(e.get("loc", []))[-1:] == ["numero"]:
            raw = str(e.get("input", ""))[:40]
            message = f"«{raw}» no es un número de sección: escribe solo dígitos."
            break
    else:
        names = sorted({str(list(e.get("loc", ["?"]))[-1]) for e in exc.errors})
        message = f"Valor no válido en: {', '.join(names)}. Revisa la dirección."
    return api.create_response(request, {"detalle": message}, status=400)


@api.get(
    "/candidaturas/",
    response={200: CandidacyPage, 400: Error, 404: Error},
    summary="Candidaturas, con los filtros de /candidaturas/",
    operation_id="candidaturas",
    tags=["candidaturas"],
)
def candidacies(
    request,
    q: str | None = None,
    municipio: str | None = None,
    distrito: str | None = None,
    partido: str | None = None,
    cargo: str | None = None,
    genero: str | None = None,
    perfil: str | None = None,
    pagina: str | None = None,
):
    """Las filas de /candidaturas.csv, 100 por página. Los filtros (`municipio` = slug del
    municipio, `distrito` = número, `partido` = slug del actor, `cargo`, `genero`, `perfil`,
    `q` = nombre) son los de /candidaturas/ y aceptan los mismos valores."""
    filters = CandidacyFilter(request.GET)
    if not filters.form.is_valid():
        errors = filters.form.errors
        return Status(
            400,
            {"detalle": "Filtro no válido: " + "; ".join(e for es in errors.values() for e in es)},
        )
    unavailable = candidacies_unavailable(request)
    if unavailable:
        return Status(404, {"detalle": unavailable})
    queryset = filters.qs
    total = queryset.count()
    try:
        number, pages = _page_number(request, total, CANDIDACIES_PER_PAGE)
    except ValueError as e:
        return Status(400, {"detalle": str(e)})
    start = (number - 1) * CANDIDACIES_PER_PAGE
    header = BY_SLUG["candidaturas"].header
    rows = candidacy_rows(queryset, start, start + CANDIDACIES_PER_PAGE)
    return Status(
        200,
        {
            "total": total,
            "por_pagina": CANDIDACIES_PER_PAGE,
            **_page_links(request, number, pages),
            "resultados": [dict(zip(header, _blank_to_none(r), strict=True)) for r in rows],
        },
    )


@api.get(
    "/resultados/",
    response={200: ContestPage, 400: Error},
    summary="Resultados oficiales por elección, con los votos de cada opción",
    operation_id="resultados",
    tags=["resultados"],
)
def results(
    request,
    proceso: str | None = None,
    cargo: str | None = None,
    municipio: str | None = None,
    distrito: str | None = None,
    pagina: str | None = None,
):
    """Una elección por resultado (las filas de «Resultados por elección») con sus opciones
    (las de «Resultados por opción»), 50 por página. Filtros: `proceso` (2018 o 2021), `cargo`
    (`ayuntamiento` o `diputacion`), `municipio` (número INE/IEEM), `distrito` (número). Los de
    2021 aparecen desde la fecha de resultados del calendario electoral."""
    contests = public_contests(request)
    for name, field in (
        ("proceso", "process_year"),
        ("municipio", "municipality__ine_code"),
        ("distrito", "district__number"),
    ):
        raw = request.GET.get(name)
        if raw in (None, ""):
            continue
        if not raw.isascii() or not raw.isdigit() or len(raw) > 6:
            return Status(
                400, {"detalle": f"El filtro {name} debe ser un número; recibimos «{raw[:40]}»."}
            )
        contests = contests.filter(**{field: int(raw)})
    raw_office = request.GET.get("cargo")
    if raw_office not in (None, ""):
        if raw_office not in Contest.Office.values:
            return Status(
                400,
                {
                    "detalle": f"El cargo «{raw_office[:40]}» no existe: "
                    "usa ayuntamiento o diputacion."
                },
            )
        contests = contests.filter(office=raw_office)
    total = contests.count()
    try:
        number, pages = _page_number(request, total, RESULTS_PER_PAGE)
    except ValueError as e:
        return Status(400, {"detalle": str(e)})
    start = (number - 1) * RESULTS_PER_PAGE
    chosen = list(contests[start : start + RESULTS_PER_PAGE])
    contest_header = BY_SLUG["resultados-elecciones"].header
    option_header = BY_SLUG["resultados-votos"].header
    options = {}
    for row in option_rows(request, chosen):
        item = dict(zip(option_header, _blank_to_none(row), strict=True))
        key = item.pop("eleccion")
        item.pop("proceso_electoral")
        options.setdefault(key, []).append(item)
    items = []
    for row in contest_rows(request, chosen):
        item = dict(zip(contest_header, _blank_to_none(row), strict=True))
        item["opciones"] = options.get(item["eleccion"], [])
        items.append(item)
    return Status(
        200,
        {
            "total": total,
            "por_pagina": RESULTS_PER_PAGE,
            **_page_links(request, number, pages),
            "resultados": items,
        },
    )


@api.get(
    "/secciones/{numero}/",
    response={200: SectionItem, 400: Error, 404: Error},
    summary="Una sección electoral: su municipio, su distrito y sus boletas",
    operation_id="seccion",
    tags=["secciones"],
)
def section(request, numero: str = Path(..., pattern=r"^[0-9]{1,6}$", examples=["5200"])):
    """El municipio (con sus dos claves), el distrito local y su cabecera, y los enlaces a la
    boleta de la sección («Mi boleta»), a las páginas del municipio y del distrito y a esas
    mismas páginas en esta API."""
    if not numero.isascii() or not numero.isdigit() or len(numero) > 6:
        return Status(
            400, {"detalle": f"«{numero[:40]}» no es un número de sección: escribe solo dígitos."}
        )
    found = (
        Section.objects.select_related("municipality", "district")
        .filter(number=int(numero))
        .first()
    )
    if found is None:
        return Status(
            404, {"detalle": f"No existe la sección {int(numero)} en el Estado de México."}
        )
    m, d = found.municipality, found.district
    absolute = request.build_absolute_uri
    return Status(
        200,
        {
            "seccion": found.number,
            "municipio": {
                "nombre": m.name,
                "clave_inegi": m.inegi_code,
                "numero_ine_ieem": m.ine_code,
                "cabecera": m.head_town,
                "pagina": absolute(site_relative(m)),
            },
            "distrito": {
                "numero": d.number,
                "cabecera": d.head_town_label(),
                "pagina": absolute(site_relative(d)),
            }
            if d
            else None,
            "enlaces": {
                "boleta": absolute(f"/mi-boleta/{found.number}/"),
                "municipio": absolute(site_relative(m)),
                "distrito": absolute(site_relative(d)) if d else None,
                "api_municipio": absolute(f"/api/v2/pages/{m.pk}/"),
                "api_distrito": absolute(f"/api/v2/pages/{d.pk}/") if d else None,
            },
        },
    )


class PagesEndpoint(PagesAPIViewSet):
    """Wagtail's pages endpoint (live, public pages; each type's `api_fields`)."""


def pages_paths():
    """The OpenAPI description of Wagtail's pages endpoint (it has none of its own)."""
    page_meta = {
        "type": "object",
        "required": ["type"],
        "properties": {
            "type": {"type": "string"},
            "detail_url": {"type": "string"},
            "html_url": {"type": ["string", "null"]},
            "slug": {"type": "string"},
            "first_published_at": {"type": ["string", "null"]},
        },
    }
    page = {
        "type": "object",
        "required": ["id", "meta", "title"],
        "properties": {"id": {"type": "integer"}, "meta": page_meta, "title": {"type": "string"}},
    }
    error = {"type": "object", "properties": {"message": {"type": "string"}}}
    json = "application/json"
    return {
        "/api/v2/pages/": {
            "get": {
                "operationId": "paginas",
                "tags": ["páginas"],
                "summary": "Páginas publicadas (API v2 de Wagtail)",
                "description": (
                    "Filtra con `type` (p. ej. electoral.MunicipalityPage, "
                    "electoral.GlossaryEntryPage), pide campos con `fields=*`; pagina con "
                    "`limit` (máximo 20) y `offset`."
                ),
                "parameters": [
                    {
                        "name": "type",
                        "in": "query",
                        "schema": {
                            "type": "string",
                            "enum": [
                                "electoral.GlossaryEntryPage",
                                "electoral.MunicipalityPage",
                                "electoral.DistrictPage",
                                "electoral.PoliticalActorPage",
                                "electoral.PlatformPage",
                                "electoral.CandidateProfilePage",
                            ],
                        },
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 20},
                    },
                    {
                        "name": "offset",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 0, "maximum": 100000},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "Lista de páginas",
                        "content": {
                            json: {
                                "schema": {
                                    "type": "object",
                                    "required": ["meta", "items"],
                                    "properties": {
                                        "meta": {
                                            "type": "object",
                                            "properties": {"total_count": {"type": "integer"}},
                                        },
                                        "items": {"type": "array", "items": page},
                                    },
                                }
                            }
                        },
                    },
                    "400": {
                        "description": "Parámetro no válido",
                        "content": {json: {"schema": error}},
                    },
                },
            }
        },
        "/api/v2/pages/{id}/": {
            "get": {
                "operationId": "pagina",
                "tags": ["páginas"],
                "summary": "Una página publicada, con los campos de su tipo",
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647},
                    }
                ],
                "responses": {
                    "200": {"description": "La página", "content": {json: {"schema": page}}},
                    "404": {
                        "description": "No existe o no está publicada",
                        "content": {json: {"schema": error}},
                    },
                },
            }
        },
    }
