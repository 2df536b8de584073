"""Import the 2021 political actors (parties, coalitions, candidatura común,
independent candidacies) from the official data files into the page tree.

Idempotent: official fields (kind, acronym, order, membership, where an
alliance runs) are brought in line with the files; what editors write
(description, colour, emblem) is only set when the page is created.
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from electoral.geography.models import DistrictPage, MunicipalityPage
from electoral.importing import ImportReport, file_error, read_csv
from electoral.parties.candidacies import independent_key
from electoral.parties.models import PartiesIndexPage, PoliticalActorPage
from electoral.parties.text import readable_name
from home.pagetree import ensure_child

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
LABELS_FILE = FIXTURES / "ieem2021_etiquetas_partidos_coaliciones_DERIVED.csv"
ALLIANCES_MUNICIPAL_FILE = FIXTURES / "ieem2021_alianzas_ayuntamientos_aelectoral2.csv"
ALLIANCES_DISTRICT_FILE = FIXTURES / "ieem2021_alianzas_diputaciones_aelectoral2.csv"
CANDIDATES_FILE = FIXTURES / "ieem2021_ayuntamientos_candidatos_emagar.csv"

NATIONAL = PoliticalActorPage.KIND_NATIONAL_PARTY
LOCAL = PoliticalActorPage.KIND_LOCAL_PARTY
COALITION = PoliticalActorPage.KIND_COALITION
COMMON = PoliticalActorPage.KIND_COMMON
INDEPENDENT = PoliticalActorPage.KIND_INDEPENDENT


@dataclass(frozen=True)
class ActorSpec:
    registry_key: str
    ballot_label: str
    slug: str
    title: str
    acronym: str
    full_name: str
    kind: str
    colour: str
    members: tuple = ()
    alliance: str = ""  # alliances file: coalition code
    common: bool = False  # alliances file: candidatura_comun flag


# Official registration order (fixtures/SOURCES.md explains the choice):
# national parties with prior registration, the local party, the new
# national parties, then coalitions after their members; independents last.
# Colours are display colours for charts chosen for this site, not emblems.
ACTORS = [
    ActorSpec("pan", "pan", "pan", "PAN", "PAN", "Partido Acción Nacional", NATIONAL, "#0b4fa3"),
    ActorSpec(
        "pri",
        "pri",
        "pri",
        "PRI",
        "PRI",
        "Partido Revolucionario Institucional",
        NATIONAL,
        "#c8102e",
    ),
    ActorSpec(
        "prd",
        "prd",
        "prd",
        "PRD",
        "PRD",
        "Partido de la Revolución Democrática",
        NATIONAL,
        "#c99700",
    ),
    ActorSpec("pt", "pt", "pt", "PT", "PT", "Partido del Trabajo", NATIONAL, "#b01f24"),
    ActorSpec(
        "pvem",
        "pvem",
        "pvem",
        "PVEM",
        "PVEM",
        "Partido Verde Ecologista de México",
        NATIONAL,
        "#3a8d2f",
    ),
    ActorSpec("mc", "mc", "mc", "MC", "MC", "Movimiento Ciudadano", NATIONAL, "#e06c00"),
    ActorSpec("morena", "morena", "morena", "MORENA", "MORENA", "Morena", NATIONAL, "#8a1538"),
    ActorSpec(
        "pna", "pna", "naem", "NAEM", "NAEM", "Nueva Alianza Estado de México", LOCAL, "#00818a"
    ),
    ActorSpec(
        "pes", "pes", "pes", "PES", "PES", "Partido Encuentro Solidario", NATIONAL, "#5b2a86"
    ),
    ActorSpec(
        "rsp", "rsp", "rsp", "RSP", "RSP", "Redes Sociales Progresistas", NATIONAL, "#b5267b"
    ),
    ActorSpec("fxm", "fxm", "fxm", "FXM", "FXM", "Fuerza por México", NATIONAL, "#d6336c"),
    ActorSpec(
        "pan-pri-prd",
        "pan-pri-prd",
        "coalicion-pan-pri-prd",
        "Coalición PAN-PRI-PRD",
        "PAN-PRI-PRD",
        "Coalición integrada por PAN, PRI y PRD",
        COALITION,
        "#44546a",
        members=("pan", "pri", "prd"),
        alliance="pan_pri_prd",
    ),
    ActorSpec(
        "pt-morena-pna",
        "pt-morena-pna",
        "coalicion-pt-morena-naem",
        "Juntos Haremos Historia en el Estado de México",
        "PT-MORENA-NAEM",
        "Coalición parcial «Juntos Haremos Historia en el Estado de México» (PT, MORENA y NAEM)",
        COALITION,
        "#6d2e46",
        members=("pt", "morena", "pna"),
        alliance="pt_morena_panal",
        common=False,
    ),
    ActorSpec(
        "pt-morena-pna/cc",
        "pt-morena-pna",
        "candidatura-comun-pt-morena-naem",
        "Juntos Hacemos Historia en el Estado de México",
        "PT-MORENA-NAEM (común)",
        "Candidatura común «Juntos Hacemos Historia en el Estado de México» (PT, MORENA y NAEM)",
        COMMON,
        "#7b3f61",
        members=("pt", "morena", "pna"),
        alliance="pt_morena_panal",
        common=True,
    ),
]
FIRST_INDEPENDENT_ORDER = 100


def ensure_parties_index(home):
    index, _ = ensure_child(
        home,
        PartiesIndexPage,
        "partidos",
        title="Partidos, coaliciones y candidaturas",
        intro=(
            "Todos los partidos políticos, coaliciones, candidaturas comunes y candidaturas "
            "independientes registrados, en el orden oficial de registro, con sus plataformas "
            "y candidaturas."
        ),
    )
    return index


def _alliance_places(path, code_column):
    """{(coalition code, is candidatura común): {INE municipality or district number}}"""
    rows, problems, _ = read_csv(path, ("coaliciones", code_column), ("candidatura_comun",))
    places = {}
    for line, row in rows:
        key = (row["coaliciones"], (row.get("candidatura_comun") or "").strip() == "True")
        number = problems.integer(line, row, code_column)
        places.setdefault(key, set()).add(number)
    problems.raise_if_any()
    return places


def import_actors(
    index,
    *,
    labels_file=LABELS_FILE,
    municipal_file=ALLIANCES_MUNICIPAL_FILE,
    district_file=ALLIANCES_DISTRICT_FILE,
    candidates_file=CANDIDATES_FILE,
):
    """Create or update every actor under `index` (the /partidos/ page).

    Returns an ImportReport; raises ImportFileError (nothing written) when a
    file is not valid.
    """
    rows, _, _ = read_csv(labels_file, ("etiqueta",))
    labels = {row["etiqueta"] for _, row in rows}
    missing = [a.ballot_label for a in ACTORS if a.ballot_label not in labels]
    if missing:
        raise file_error(labels_file, f"faltan las etiquetas {', '.join(missing)}.")
    municipalities = {m.ine_code: m for m in MunicipalityPage.objects.all()}
    districts = {d.number: d for d in DistrictPage.objects.all()}
    mun_places = _alliance_places(municipal_file, "municipio_21")
    dist_places = _alliance_places(district_file, "distritol_21")
    report = ImportReport(noun="actores políticos")
    if not municipalities:
        report.notes.append(
            "sin municipios importados: se omiten el ámbito de las coaliciones y las "
            "candidaturas independientes (importe primero la geografía)"
        )

    with transaction.atomic():
        by_key = {}
        for order, spec in enumerate(ACTORS, start=1):
            actor_municipalities, actor_districts = [], []
            if spec.alliance:
                codes = mun_places.get((spec.alliance, spec.common), set())
                actor_municipalities = [
                    municipalities[c] for c in sorted(codes) if c in municipalities
                ]
                codes = dist_places.get((spec.alliance, spec.common), set())
                actor_districts = [districts[c] for c in sorted(codes) if c in districts]
            official = {
                "title": spec.title,
                "kind": spec.kind,
                "acronym": spec.acronym,
                "full_name": spec.full_name,
                "registration_order": order,
                "ballot_label": spec.ballot_label,
            }
            relations = {
                "member_parties": [by_key[m] for m in spec.members],
                "municipalities": actor_municipalities,
                "districts": actor_districts,
            }
            by_key[spec.registry_key] = _upsert(
                index, spec.registry_key, spec.slug, official, relations, spec.colour, report
            )

        if municipalities:
            rows, problems, _ = read_csv(
                candidates_file,
                ("part", "IDENTIFICADOR_MUNICIPIO", "CANDIDATURA_PROPIETARIA"),
                delimiter=";",
            )
            rows = [(line, r) for line, r in rows if r["part"].startswith("indep")]
            for offset, (line, row) in enumerate(rows):
                number = problems.integer(line, row, "IDENTIFICADOR_MUNICIPIO")
                municipality = municipalities.get(number)
                if municipality is None:
                    if number is not None:
                        problems.add(
                            line,
                            "IDENTIFICADOR_MUNICIPIO",
                            f"no existe el municipio {number} de la candidatura independiente "
                            f"{row['CANDIDATURA_PROPIETARIA']}.",
                        )
                    problems.raise_if_any()
                name = readable_name(row["CANDIDATURA_PROPIETARIA"])
                key = independent_key(municipality.ine_code, row["CANDIDATURA_PROPIETARIA"])
                official = {
                    "title": f"{name} (independiente, {municipality.name})",
                    "kind": INDEPENDENT,
                    "acronym": "IND",
                    "full_name": f"Candidatura independiente de {name} en {municipality.name}",
                    "registration_order": FIRST_INDEPENDENT_ORDER + offset,
                    "ballot_label": "indep",
                }
                relations = {
                    "member_parties": [],
                    "municipalities": [municipality],
                    "districts": [],
                }
                slug = slugify(f"independiente {name} {municipality.slug}")[:255]
                _upsert(index, key, slug, official, relations, "#5c5c66", report)
    return report


def _upsert(index, key, slug, official, relations, colour, report):
    actor = PoliticalActorPage.objects.filter(registry_key=key).first()
    if actor is None:
        actor = PoliticalActorPage(slug=slug, registry_key=key, colour=colour, **official)
        for name, values in relations.items():
            setattr(actor, name, values)
        index.add_child(instance=actor)
        actor.save_revision().publish()
        report.created += 1
        return actor
    changed = any(getattr(actor, f) != v for f, v in official.items())
    for name, values in relations.items():
        current = {o.pk for o in getattr(actor, name).all()}
        if current != {o.pk for o in values}:
            changed = True
    if changed:
        for f, v in official.items():
            setattr(actor, f, v)
        for name, values in relations.items():
            setattr(actor, name, values)
        actor.save_revision().publish()
        report.updated += 1
    else:
        report.unchanged += 1
    return actor
