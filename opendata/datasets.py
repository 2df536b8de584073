"""The registry of public datasets: one `Dataset` per table, each with its
columns, source, licence and one `rows()` generator.

The page (/datos/<slug>/), the CSV and the JSON all read `rows()`, so they
carry the same rows and numbers by construction (and tests compare them).
Only what the public pages already show is here: never a participation figure
per target, never an idea, never personal data beyond the official registry.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.html import strip_tags

from electoral.geography.models import (
    DistrictPage,
    MunicipalityDistrict,
    MunicipalityPage,
    Section,
    SectionCatalogue,
    site_relative,
)
from electoral.glossary.models import GlossaryEntryPage
from electoral.parties.candidacies import Candidacy
from electoral.parties.models import (
    CandidateProfilePage,
    PlatformPage,
    PoliticalActorPage,
    Topic,
)
from electoral.parties.views import candidacy_rows
from electoral.results.figures import contest_figures
from electoral.results.managers import CURRENT_PROCESS_YEAR
from electoral.results.models import Contest, VoteOption
from home.models import ElectionCalendar
from participation.statistics import figures as statistics_figures
from participation.statistics.views import all_rows as statistics_rows
from participation.statistics.views import publication as statistics_publication

INTEGER, TEXT, DECIMAL, DATE, BOOLEAN, URL = (
    "entero",
    "texto",
    "decimal",
    "fecha",
    "booleano",
    "dirección",
)

LICENCE_NONE = (
    "La fuente no declara licencia; son datos públicos oficiales. Cita la fuente al reutilizarlos."
)
LICENCE_EMAGAR = (
    "Libre descarga y modificación dando el crédito correspondiente: Eric Magar, «Recent "
    "Mexican Election Vote Returns», https://github.com/emagar/elecRetrns."
)
LICENCE_SITE = (
    "Textos publicados en Decide IEEM (IEEM y, en sus páginas, cada partido). El IEEM no ha "
    "fijado todavía una licencia de reutilización: cita Decide IEEM y la dirección de la página."
)
LICENCE_MIT_AND_EMAGAR = (
    "Integración de coaliciones: paquete aelectoral2 (licencia MIT). Etiquetas: derivadas de "
    "emagar/elecRetrns (crédito a Eric Magar)."
)


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    meaning: str


@dataclass
class Dataset:
    slug: str
    title: str
    description: str
    columns: list
    source: str
    licence: str
    row_source: object  # callable(request) -> iterable of lists, one value per column
    updated: object = None  # callable() -> date/datetime or None
    availability: object = None  # callable(request) -> "" when public, else a Spanish sentence
    notes: list = field(default_factory=list)
    # callable(request) -> the number of rows row_source gives, without building
    # them (the index shows every dataset's count); None: len() of the rows.
    row_count: object = None

    @property
    def header(self):
        return [c.name for c in self.columns]

    def unavailable(self, request):
        """ "" when the dataset is public now, else the sentence saying when."""
        return self.availability(request) if self.availability else ""

    def rows(self, request):
        """Every row (a list of plain values, in column order); none before it is public."""
        if self.unavailable(request):
            return []
        return [list(row) for row in self.row_source(request)]

    def count(self, request):
        """How many rows `rows(request)` has (0 before the dataset is public)."""
        if self.unavailable(request):
            return 0
        if self.row_count is not None:
            return self.row_count(request)
        return sum(1 for _ in self.row_source(request))

    def last_update(self):
        value = self.updated() if self.updated else None
        if isinstance(value, datetime):
            return timezone.localtime(value) if timezone.is_aware(value) else value
        return value

    def last_modified(self):
        """An aware datetime for Last-Modified, or None when unknown."""
        value = self.last_update()
        if isinstance(value, datetime):
            return value
        if isinstance(value, date):
            return timezone.make_aware(datetime(value.year, value.month, value.day))
        return None


def plain_text(value):
    """Rich text (HTML) as one line of plain text."""
    text = html.unescape(strip_tags(str(value or "")))
    return re.sub(r"\s+", " ", text).strip()


def _published(model):
    def latest():
        return model.objects.live().aggregate(m=Max("last_published_at"))["m"]

    return latest


def _catalogue_imported():
    return SectionCatalogue.objects.aggregate(m=Max("imported_at"))["m"]


# --- geography -------------------------------------------------------------------


def municipality_rows(request):
    districts = {}
    for m_id, number in MunicipalityDistrict.objects.order_by("district__number").values_list(
        "municipality_id", "district__number"
    ):
        districts.setdefault(m_id, []).append(str(number))
    sections = dict(
        Section.objects.order_by().values_list("municipality_id").annotate(n=Count("id"))
    )
    for m in MunicipalityPage.objects.live().order_by("ine_code"):
        yield [
            m.inegi_code,
            m.ine_code,
            m.name,
            m.head_town,
            " ".join(districts.get(m.id, [])),
            sections.get(m.id, 0),
            m.registered_voters,
            site_relative(m),
        ]


def district_rows(request):
    municipalities = dict(
        MunicipalityDistrict.objects.order_by().values_list("district_id").annotate(n=Count("id"))
    )
    sections = dict(Section.objects.order_by().values_list("district_id").annotate(n=Count("id")))
    for d in (
        DistrictPage.objects.live().select_related("head_town_municipality").order_by("number")
    ):
        town = d.head_town_municipality
        yield [
            d.number,
            d.head_town,
            d.head_town_ine,
            town.name if town else None,
            town.inegi_code if town else None,
            town.ine_code if town else None,
            municipalities.get(d.id, 0),
            sections.get(d.id, 0),
            site_relative(d),
        ]


def section_rows(request):
    yield from Section.objects.order_by("number").values_list(
        "number",
        "municipality__ine_code",
        "municipality__inegi_code",
        "municipality__name",
        "district__number",
    )


# --- parties, candidacies, profiles, platforms --------------------------------------


def _page_path(url_path):
    """'/partidos/pan/' from Wagtail's url_path ('/inicio/partidos/pan/')."""
    parts = url_path.strip("/").split("/", 1)
    return "/" + parts[1] + "/" if len(parts) > 1 else "/"


def _live_actors_by_path():
    return {a.path: a for a in PoliticalActorPage.objects.live().only("path", "slug", "title")}


def _actor_of(page, actors):
    """The actor page above `page` (from the tree paths, no query)."""
    step = page.steplen
    for n in range(step, len(page.path), step):
        if page.path[:n] in actors:
            return actors[page.path[:n]]
    return None


def actor_rows(request):
    kinds = dict(PoliticalActorPage.KIND_CHOICES)
    actors = PoliticalActorPage.objects.live().order_by("registration_order", "title")
    members = {}
    through = PoliticalActorPage.member_parties.through
    for alliance_id, slug in through.objects.order_by(
        "to_politicalactorpage__registration_order"
    ).values_list("from_politicalactorpage_id", "to_politicalactorpage__slug"):
        members.setdefault(alliance_id, []).append(slug)
    for a in actors:
        yield [
            a.slug,
            a.acronym,
            a.title,
            a.full_name,
            kinds.get(a.kind, a.kind),
            a.registration_order,
            a.registry_key,
            a.ballot_label,
            " ".join(members.get(a.id, [])),
            _page_path(a.url_path),
        ]


def membership_rows(request):
    through = PoliticalActorPage.member_parties.through
    live = PoliticalActorPage.objects.live().values("id")
    yield from (
        through.objects.filter(from_politicalactorpage_id__in=live)
        .order_by(
            "from_politicalactorpage__registration_order",
            "to_politicalactorpage__registration_order",
        )
        .values_list(
            "from_politicalactorpage__slug",
            "from_politicalactorpage__acronym",
            "to_politicalactorpage__slug",
            "to_politicalactorpage__acronym",
        )
    )


def scope_rows(request):
    """Where each coalition, candidatura común or independent candidacy runs."""
    live = PoliticalActorPage.objects.live().values("id")
    municipal = PoliticalActorPage.municipalities.through.objects.filter(
        politicalactorpage_id__in=live
    ).values_list(
        "politicalactorpage__slug",
        "politicalactorpage__registration_order",
        "municipalitypage__ine_code",
        "municipalitypage__inegi_code",
        "municipalitypage__name",
    )
    districts = PoliticalActorPage.districts.through.objects.filter(
        politicalactorpage_id__in=live
    ).values_list(
        "politicalactorpage__slug", "politicalactorpage__registration_order", "districtpage__number"
    )
    rows = [
        (order, 0, ine, [slug, "ayuntamiento", ine, inegi, name, None])
        for slug, order, ine, inegi, name in municipal
    ]
    rows += [
        (order, 1, number, [slug, "diputacion", None, None, None, number])
        for slug, order, number in districts
    ]
    for *_key, row in sorted(rows, key=lambda r: (r[0], r[3][0], r[1], r[2])):
        yield row


def _calendar_sentence(request, feature, when_field, what):
    calendar = ElectionCalendar.load(request_or_site=request)
    if calendar.is_open(feature):
        return ""
    when = getattr(calendar, when_field, None)
    if when:
        return f"{what} se publican a partir del {timezone.localtime(when):%d/%m/%Y}."
    return f"{what} se publicarán cuando el IEEM fije la fecha en el calendario electoral."


def candidacies_unavailable(request):
    return _calendar_sentence(request, "candidacies", "candidacies_public_from", "Las candidaturas")


def candidacy_dataset_rows(request):
    return candidacy_rows(Candidacy.objects.all())


def profile_rows(request):
    profiles = (
        CandidateProfilePage.objects.live()
        .public()
        .select_related("candidacy", "candidacy__municipality", "candidacy__district")
        .order_by("path")
    )
    actors = _live_actors_by_path()
    for p in profiles:
        actor = _actor_of(p, actors)
        c = p.candidacy
        yield [
            actor.slug if actor else None,
            p.title,
            c.get_office_display() if c else None,
            c.place_label if c else None,
            c.municipality.ine_code if c and c.municipality_id else None,
            c.district.number if c and c.district_id else None,
            c.name if c else None,
            p.summary,
            p.is_example,
            timezone.localtime(p.last_published_at).date().isoformat()
            if p.last_published_at
            else None,
            _page_path(p.url_path),
        ]


def platform_rows(request):
    topics = {t.id: t for t in Topic.objects.all()}
    actors = _live_actors_by_path()
    for platform in PlatformPage.objects.live().public().order_by("path"):
        actor = _actor_of(platform, actors)
        for item in platform.body.raw_data:
            value = item.get("value") or {}
            if item.get("type") != "topic_section":
                continue
            topic = topics.get(value.get("topic"))
            yield [
                actor.slug if actor else None,
                actor.title if actor else None,
                topic.slug if topic else None,
                topic.name if topic else None,
                value.get("title") or (topic.name if topic else ""),
                plain_text(value.get("text")),
                platform.is_example,
                _page_path(platform.url_path),
            ]


# --- glossary ----------------------------------------------------------------------


def glossary_rows(request):
    for entry in GlossaryEntryPage.objects.live().public().order_by("title"):
        yield [
            entry.slug,
            entry.title,
            entry.alternative_terms,
            entry.summary,
            plain_text(entry.definition),
            plain_text(entry.example),
            plain_text(entry.legal_basis),
            entry.last_reviewed.isoformat() if entry.last_reviewed else None,
            _page_path(entry.url_path),
        ]


# --- results -------------------------------------------------------------------------


def public_contests(request):
    """The contests the results pages show now: 2018 always, 2021 from its date."""
    qs = Contest.objects.with_options().select_related("municipality", "district")
    if not ElectionCalendar.load(request_or_site=request).is_open("results"):
        qs = qs.filter(process_year__lt=CURRENT_PROCESS_YEAR)
    return qs.order_by(
        "process_year", "office", "municipality__ine_code", "district__number", "key"
    )


def _figures(request, contests):
    """(contest, its figures) of `contests`, or of the public contests; those are
    worked out once per request (the index and the ZIP read both results
    datasets, which show the same contests)."""
    if contests is not None:
        return ((contest, contest_figures(contest)) for contest in contests)
    memo = getattr(request, "_opendata_public_figures", None)
    if memo is None:
        memo = [(contest, contest_figures(contest)) for contest in public_contests(request)]
        request._opendata_public_figures = memo
    return memo


def contest_rows(request, contests=None):
    for contest, f in _figures(request, contests):
        yield [
            f["clave"],
            f["proceso_electoral"],
            f["cargo"],
            contest.municipality.ine_code if contest.municipality_id else None,
            contest.municipality.inegi_code if contest.municipality_id else None,
            f["distrito"],
            f["lugar"],
            f["fecha"],
            f["tipo"],
            f["estado"],
            f["votos_validos"],
            f["votos_no_registrados"],
            f["votos_nulos"],
            f["votacion_total"],
            f["lista_nominal"],
            f["participacion"],
            f["ganador"],
            f["ganador_votos"],
            f["margen"],
            f["fuente"],
        ]


def contest_count(request):
    """len(contest_rows(request)): one row per public contest."""
    return public_contests(request).count()


def option_count(request):
    """len(option_rows(request)): one row per vote option of a public contest
    (contest_figures lists every option of its contest)."""
    return VoteOption.objects.filter(contest__in=public_contests(request)).count()


def option_rows(request, contests=None):
    for contest, f in _figures(request, contests):
        # The slug is the last segment of the actor's url_path (loaded with the
        # options; `slug` itself is deferred there).
        slugs = {
            o.position: (o.actor.url_path.rstrip("/").rsplit("/", 1)[-1] if o.actor_id else None)
            for o in contest.options.all()
        }
        for r in f["opciones"]:
            yield [
                f["clave"],
                f["proceso_electoral"],
                r["posicion"],
                r["etiqueta"],
                r["opcion"],
                r["tipo"],
                r["clave_candidatura"],
                r["candidatura"],
                slugs.get(r["posicion"]),
                r["votos"],
                r["porcentaje"],
                f["base_porcentaje"],
            ]


def results_updated():
    return Contest.objects.aggregate(m=Max("election_date"))["m"]


# --- the tool's statistics ---------------------------------------------------------------


def statistics_unavailable(request):
    return statistics_publication(request)[1]


def statistics_dataset_rows(request):
    return statistics_rows(statistics_figures.build())[1]


SOURCE_GEOGRAPHY = (
    "Municipios: INEGI, Marco Geoestadístico 2023 (claves y nombres), con el número INE/IEEM "
    "del cruce de claves y la lista nominal 2021 de emagar/elecRetrns; distritos: cartografía "
    "electoral del INE (distritación de 2021) y cabeceras de la estadística de las elecciones "
    "locales de 2018 del INE; secciones: cartografía electoral del INE (capa SECCION del "
    "Estado de México). Detalle en fixtures/SOURCES.md."
)

DATASETS = [
    Dataset(
        slug="municipios",
        title="Municipios",
        description=(
            "Los 125 municipios del Estado de México con sus dos numeraciones (clave INEGI y "
            "número INE/IEEM), los distritos locales en que tienen secciones y su lista nominal. "
            "La cabecera municipal va vacía mientras el IEEM no la capture: ninguna de las "
            "fuentes cargadas la trae."
        ),
        columns=[
            Column("clave_inegi", TEXT, "Clave INEGI de cinco dígitos (15001 a 15125)."),
            Column(
                "numero_ine_ieem",
                INTEGER,
                "Número del municipio para el INE y el IEEM (1 a 125, alfabético).",
            ),
            Column("nombre", TEXT, "Nombre del municipio, como lo escribe el INEGI."),
            Column(
                "cabecera",
                TEXT,
                "Cabecera municipal; vacía mientras no se capture (ninguna fuente la trae).",
            ),
            Column(
                "distritos_locales",
                TEXT,
                "Números de los distritos locales en que tiene secciones, separados por espacios.",
            ),
            Column("secciones", INTEGER, "Número de secciones electorales del municipio."),
            Column("lista_nominal", INTEGER, "Personas en la lista nominal de 2021."),
            Column("pagina", URL, "Dirección de su página en este sitio."),
        ],
        source=SOURCE_GEOGRAPHY,
        licence=LICENCE_NONE,
        row_source=municipality_rows,
        updated=_catalogue_imported,
    ),
    Dataset(
        slug="distritos",
        title="Distritos locales",
        description=(
            "Los 45 distritos electorales locales con su cabecera y el municipio en que está."
        ),
        columns=[
            Column("numero", INTEGER, "Número del distrito local (1 a 45)."),
            Column("cabecera", TEXT, "Cabecera distrital, como la muestra el sitio."),
            Column(
                "cabecera_ine", TEXT, "Cabecera como la escribe el INE (mayúsculas, sin acentos)."
            ),
            Column("municipio_cabecera", TEXT, "Municipio donde está la cabecera."),
            Column("clave_inegi_municipio_cabecera", TEXT, "Clave INEGI de ese municipio."),
            Column(
                "numero_ine_ieem_municipio_cabecera", INTEGER, "Número INE/IEEM de ese municipio."
            ),
            Column("municipios", INTEGER, "Municipios con secciones en el distrito."),
            Column("secciones", INTEGER, "Secciones electorales del distrito."),
            Column("pagina", URL, "Dirección de su página en este sitio."),
        ],
        source=SOURCE_GEOGRAPHY,
        licence=LICENCE_NONE,
        row_source=district_rows,
        updated=_catalogue_imported,
    ),
    Dataset(
        slug="secciones",
        title="Secciones electorales",
        description="Cada sección electoral con su municipio y su distrito local.",
        columns=[
            Column("seccion", INTEGER, "Número de sección (el de la credencial para votar)."),
            Column("numero_ine_ieem_municipio", INTEGER, "Número INE/IEEM del municipio."),
            Column("clave_inegi_municipio", TEXT, "Clave INEGI del municipio."),
            Column("municipio", TEXT, "Nombre del municipio."),
            Column(
                "distrito_local",
                INTEGER,
                "Número del distrito local (vacío si el catálogo no lo da).",
            ),
        ],
        source=SOURCE_GEOGRAPHY,
        licence=LICENCE_NONE,
        row_source=section_rows,
        updated=_catalogue_imported,
    ),
    Dataset(
        slug="actores-politicos",
        title="Partidos, coaliciones y candidaturas",
        description=(
            "Cada actor que postula candidaturas (partidos, coaliciones, candidaturas comunes e "
            "independientes), en el orden de registro."
        ),
        columns=[
            Column(
                "slug", TEXT, "Identificador estable del actor (el de su dirección en el sitio)."
            ),
            Column("siglas", TEXT, "Siglas."),
            Column("nombre", TEXT, "Nombre con el que se muestra."),
            Column("nombre_completo", TEXT, "Nombre completo."),
            Column(
                "tipo",
                TEXT,
                "Partido nacional, partido local, coalición, candidatura común o independiente.",
            ),
            Column(
                "orden_registro",
                INTEGER,
                "Orden de registro; el sitio los presenta siempre en este orden.",
            ),
            Column("clave_registro", TEXT, "Clave con que lo identifican los archivos oficiales."),
            Column("etiqueta", TEXT, "Etiqueta en los archivos de resultados."),
            Column(
                "integrantes",
                TEXT,
                "Slugs de los partidos que integran la coalición o candidatura común.",
            ),
            Column("pagina", URL, "Dirección de su página en este sitio."),
        ],
        source=(
            "Etiquetas de partidos y coaliciones derivadas de emagar/elecRetrns 2021; integración "
            "de coaliciones y candidaturas comunes del paquete aelectoral2 (alianzas 2021). "
            "Detalle en fixtures/SOURCES.md."
        ),
        licence=LICENCE_MIT_AND_EMAGAR,
        row_source=actor_rows,
        updated=_published(PoliticalActorPage),
    ),
    Dataset(
        slug="integracion-alianzas",
        title="Integración de coaliciones y candidaturas comunes",
        description="Una fila por partido integrante de cada coalición o candidatura común.",
        columns=[
            Column("alianza", TEXT, "Slug de la coalición o candidatura común."),
            Column("siglas_alianza", TEXT, "Sus siglas."),
            Column("partido", TEXT, "Slug del partido integrante."),
            Column("siglas_partido", TEXT, "Sus siglas."),
        ],
        source=(
            "Paquete aelectoral2 (alianzas 2021 de ayuntamientos y diputaciones). Detalle en "
            "fixtures/SOURCES.md."
        ),
        licence=LICENCE_MIT_AND_EMAGAR,
        row_source=membership_rows,
        updated=_published(PoliticalActorPage),
    ),
    Dataset(
        slug="ambito-alianzas",
        title="Dónde participa cada coalición, candidatura común o independiente",
        description=(
            "Una fila por municipio (ayuntamiento) o distrito (diputación) en que postula cada "
            "coalición, candidatura común o candidatura independiente."
        ),
        columns=[
            Column("actor", TEXT, "Slug del actor."),
            Column("eleccion", TEXT, "ayuntamiento o diputacion."),
            Column("numero_ine_ieem_municipio", INTEGER, "Número INE/IEEM del municipio."),
            Column("clave_inegi_municipio", TEXT, "Clave INEGI del municipio."),
            Column("municipio", TEXT, "Nombre del municipio."),
            Column("distrito_local", INTEGER, "Número del distrito local."),
        ],
        source=(
            "Paquete aelectoral2 (alianzas 2021 de ayuntamientos y diputaciones) y, para las "
            "independientes, emagar/elecRetrns. Detalle en fixtures/SOURCES.md."
        ),
        licence=LICENCE_MIT_AND_EMAGAR,
        row_source=scope_rows,
        updated=_published(PoliticalActorPage),
    ),
    Dataset(
        slug="candidaturas",
        title="Candidaturas",
        description=(
            "La lista completa de candidaturas registradas (propietarias y suplentes): las mismas "
            "filas que /candidaturas.csv."
        ),
        columns=[
            Column("cargo", TEXT, "Cargo."),
            Column("posicion", INTEGER, "Lugar en la planilla o en la lista (1 = encabeza)."),
            Column("calidad", TEXT, "Propietaria o suplente."),
            Column("nombre_registrado", TEXT, "Nombre tal como lo publica la fuente."),
            Column("genero", TEXT, "Género tal como se registró (nunca se deduce del nombre)."),
            Column(
                "reeleccion_consecutiva",
                TEXT,
                "Si busca la elección consecutiva: sí, no o sin dato.",
            ),
            Column("postulada_por", TEXT, "Partido, coalición o candidatura que la postula."),
            Column("siglas", TEXT, "Siglas de quien la postula."),
            Column("tipo_de_actor", TEXT, "Tipo de actor que la postula."),
            Column("municipio", TEXT, "Municipio (cargos del ayuntamiento)."),
            Column("clave_ine_municipio", INTEGER, "Número INE/IEEM del municipio."),
            Column("distrito_local", INTEGER, "Distrito local (diputaciones de mayoría)."),
            Column("fuente", TEXT, "Archivo de donde se importó."),
            Column("linea_en_fuente", INTEGER, "Línea de ese archivo."),
            Column(
                "slug_actor",
                TEXT,
                "Slug de quien la postula (el de «Partidos, coaliciones y candidaturas»).",
            ),
            Column("clave_inegi_municipio", TEXT, "Clave INEGI del municipio."),
        ],
        source=(
            "Candidaturas 2021 a las presidencias municipales (propietaria y suplente) de "
            "emagar/elecRetrns (mex2021ay-candidatos.csv); el registro del IEEM las reemplaza "
            "cuando se importa. Detalle en fixtures/SOURCES.md."
        ),
        licence=LICENCE_EMAGAR,
        row_source=candidacy_dataset_rows,
        availability=candidacies_unavailable,
    ),
    Dataset(
        slug="perfiles",
        title="Perfiles publicados de candidaturas",
        description=(
            "Los perfiles que cada partido publicó, revisados por el IEEM, de quien encabeza una "
            "planilla o fórmula: solo los campos públicos (sin fotografía ni datos de contacto)."
        ),
        columns=[
            Column("actor", TEXT, "Slug del partido, coalición o candidatura que lo publicó."),
            Column("titulo", TEXT, "Título de la página del perfil."),
            Column("cargo", TEXT, "Cargo de la candidatura."),
            Column("lugar", TEXT, "Municipio o distrito."),
            Column("numero_ine_ieem_municipio", INTEGER, "Número INE/IEEM del municipio."),
            Column("distrito_local", INTEGER, "Número del distrito local."),
            Column("nombre_registrado", TEXT, "Nombre como en el registro."),
            Column("presentacion", TEXT, "Presentación breve escrita por el partido."),
            Column(
                "contenido_de_ejemplo",
                BOOLEAN,
                "Verdadero si el texto no es oficial (demostración).",
            ),
            Column("publicado", DATE, "Fecha de la última publicación."),
            Column("pagina", URL, "Dirección del perfil en este sitio."),
        ],
        source="Páginas de perfil escritas por cada partido en Decide IEEM, revisadas por el IEEM.",
        licence=LICENCE_SITE,
        row_source=profile_rows,
        updated=_published(CandidateProfilePage),
    ),
    Dataset(
        slug="plataformas",
        title="Plataformas electorales por tema",
        description="Cada apartado de cada plataforma publicada: actor, tema y texto.",
        columns=[
            Column("actor", TEXT, "Slug del actor."),
            Column("nombre_actor", TEXT, "Nombre del actor."),
            Column("tema", TEXT, "Slug del tema del catálogo del IEEM."),
            Column("nombre_tema", TEXT, "Nombre del tema."),
            Column("titulo", TEXT, "Título del apartado."),
            Column("texto", TEXT, "Texto del apartado, sin formato."),
            Column(
                "contenido_de_ejemplo",
                BOOLEAN,
                "Verdadero si el texto no es oficial (demostración).",
            ),
            Column("pagina", URL, "Dirección de la plataforma en este sitio."),
        ],
        source="Plataformas publicadas por cada actor en Decide IEEM y revisadas por el IEEM.",
        licence=LICENCE_SITE,
        row_source=platform_rows,
        updated=_published(PlatformPage),
    ),
    Dataset(
        slug="glosario",
        title="Quitadudas electoral (glosario)",
        description="Cada término del Quitadudas con su definición en lenguaje sencillo.",
        columns=[
            Column("slug", TEXT, "Identificador estable del término."),
            Column("termino", TEXT, "Término."),
            Column("otras_formas", TEXT, "Otras formas del término, separadas por comas."),
            Column("resumen", TEXT, "Primer párrafo de la definición."),
            Column("definicion", TEXT, "Definición completa, sin formato."),
            Column("en_otras_palabras", TEXT, "Ejemplo."),
            Column("fundamento_legal", TEXT, "Fundamento legal."),
            Column("ultima_revision", DATE, "Fecha de la última revisión por el IEEM."),
            Column("pagina", URL, "Dirección del término en este sitio."),
        ],
        source="Textos del IEEM en Decide IEEM.",
        licence=LICENCE_SITE,
        row_source=glossary_rows,
        updated=_published(GlossaryEntryPage),
    ),
    Dataset(
        slug="resultados-elecciones",
        title="Resultados por elección",
        description=(
            "Una fila por elección (ayuntamiento de un municipio o diputación de un distrito): "
            "totales, participación y candidatura ganadora. Los de 2018 se publican siempre; "
            "los de 2021, desde la fecha de resultados del calendario."
        ),
        columns=[
            Column("eleccion", TEXT, "Clave estable de la elección."),
            Column("proceso_electoral", INTEGER, "Año del proceso electoral."),
            Column("cargo", TEXT, "Ayuntamiento o diputación local de mayoría relativa."),
            Column(
                "numero_ine_ieem_municipio",
                INTEGER,
                "Número INE/IEEM del municipio (ayuntamientos).",
            ),
            Column("clave_inegi_municipio", TEXT, "Clave INEGI del municipio (ayuntamientos)."),
            Column("distrito_local", INTEGER, "Número del distrito (diputaciones)."),
            Column("lugar", TEXT, "Municipio o distrito."),
            Column("fecha", DATE, "Fecha de la elección."),
            Column("tipo", TEXT, "Ordinaria o extraordinaria."),
            Column("estado", TEXT, "Cómputo final, modificado por un tribunal o elección anulada."),
            Column("votos_validos", INTEGER, "Votación válida (suma de las opciones)."),
            Column("votos_no_registrados", INTEGER, "Votos por candidaturas no registradas."),
            Column("votos_nulos", INTEGER, "Votos nulos."),
            Column("votacion_total", INTEGER, "Votación total."),
            Column("lista_nominal", INTEGER, "Lista nominal."),
            Column(
                "participacion",
                DECIMAL,
                "Votación total entre lista nominal, en por ciento (dos decimales).",
            ),
            Column("ganador", TEXT, "Candidatura ganadora (vacía si la elección se anuló)."),
            Column("ganador_votos", INTEGER, "Votos de la candidatura ganadora."),
            Column("margen", INTEGER, "Votos de diferencia con el segundo lugar."),
            Column("fuente", TEXT, "Documento fuente."),
        ],
        source=(
            "2021: cómputos municipales del IEEM según emagar/elecRetrns (mex2021aymu.csv y "
            "aymu.coalAgg2020s.csv para las extraordinarias); 2018: Sistema de Consulta de la "
            "Estadística de las Elecciones del INE, diputaciones locales de mayoría. Detalle en "
            "fixtures/SOURCES.md."
        ),
        licence=LICENCE_EMAGAR
        + " Datos de 2018: estadística pública del INE, sin licencia declarada.",
        row_source=contest_rows,
        row_count=contest_count,
        updated=results_updated,
    ),
    Dataset(
        slug="resultados-votos",
        title="Resultados por opción",
        description="Los votos de cada opción de cada boleta, en el orden del archivo fuente.",
        columns=[
            Column(
                "eleccion",
                TEXT,
                "Clave de la elección (la del conjunto «Resultados por elección»).",
            ),
            Column("proceso_electoral", INTEGER, "Año del proceso electoral."),
            Column("posicion", INTEGER, "Orden de la opción en la fuente."),
            Column("etiqueta", TEXT, "Etiqueta en el archivo fuente."),
            Column("opcion", TEXT, "Nombre de la opción."),
            Column(
                "tipo_opcion",
                TEXT,
                "Partido, coalición, combinación, candidatura común o independiente.",
            ),
            Column("clave_candidatura", TEXT, "Candidatura a la que suman sus votos."),
            Column("candidatura", TEXT, "Nombre de esa candidatura."),
            Column("actor", TEXT, "Slug del actor político 2021 (vacío si no corresponde)."),
            Column("votos", INTEGER, "Votos."),
            Column("porcentaje", DECIMAL, "Porcentaje, dos decimales."),
            Column("base_porcentaje", TEXT, "Sobre qué se calcula el porcentaje."),
        ],
        source="Las mismas fuentes que «Resultados por elección».",
        licence=LICENCE_EMAGAR
        + " Datos de 2018: estadística pública del INE, sin licencia declarada.",
        row_source=option_rows,
        row_count=option_count,
        updated=results_updated,
    ),
    Dataset(
        slug="estadisticas",
        title="Estadísticas de uso de Decide IEEM",
        description=(
            "Cifras de toda la herramienta (visitas, consultas, reacciones e ideas en total y por "
            "día): ninguna es de un partido, coalición, candidatura, plataforma o propuesta. Se "
            "publican desde la fecha del calendario; las mismas que /estadisticas/."
        ),
        columns=[
            Column("serie", TEXT, "Identificador de la serie."),
            Column(
                "clave", TEXT, "Clave de la fila (un día, una sección del sitio, un municipio…)."
            ),
            Column("etiqueta", TEXT, "Etiqueta de la fila."),
            Column("columna", TEXT, "Qué se cuenta."),
            Column("valor", INTEGER, "Cifra."),
        ],
        source="Decide IEEM, Instituto Electoral del Estado de México (conteos agregados).",
        licence=LICENCE_SITE,
        row_source=statistics_dataset_rows,
        availability=statistics_unavailable,
    ),
]

BY_SLUG = {d.slug: d for d in DATASETS}
