"""Parse, check and upsert official results files.

Every file is checked whole before anything is written (all or nothing):
each row's options must add up to its valid votes, and valid + non-registered
+ null to the total. Problems name the file, the line and the column, in
Spanish (`electoral.importing.Problems`). Each import returns an
`ImportReport` (created / updated / unchanged).
"""

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from electoral.geography.models import DistrictPage, MunicipalityPage
from electoral.importing import (
    ImportReport,
    Problems,
    file_error,
    missing_columns_error,
    read_csv,
    read_header,
)
from electoral.parties.candidacies import independent_key
from electoral.parties.models import PoliticalActorPage
from electoral.parties.text import readable_name
from home import pagecache

from .managers import CURRENT_PROCESS_YEAR, OPTION_FIELDS
from .models import Contest, VoteOption

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
RAW_2021 = FIXTURES / "ieem2021_ayuntamientos_raw_emagar.csv"
AGGREGATED_2021 = FIXTURES / "ieem2021_ayuntamientos_coalAgg_emagar.csv"
CANDIDATES_2021 = FIXTURES / "ieem2021_ayuntamientos_candidatos_emagar.csv"
DISTRICTS_2018 = FIXTURES / "ine_see2018_diputaciones_locales_mr_por_distrito.csv"

ELECTION_DAY_2021 = date(2021, 6, 6)
ELECTION_DAY_2018 = date(2018, 7, 1)
SOURCE_2018 = (
    "INE, Sistema de Consulta de la Estadística de las Elecciones: "
    "2018_SEE_DIP_LOC_MR_MEX_DIS.csv (cómputos distritales del IEEM, elección de "
    "diputaciones locales de mayoría relativa 2018)"
)
SOURCE_RAW_2021 = (
    "IEEM, cómputo municipal de la elección de ayuntamientos 2021, por partido "
    "(datosBrutos/mex2021aymu.csv de elecRetrns, Eric Magar, ITAM)"
)
SOURCE_URL_RAW_2021 = (
    "https://github.com/emagar/elecRetrns/blob/41a91e99ffc80a7b973074912b3b858774b375d7/"
    "datosBrutos/mex2021aymu.csv"
)
SOURCE_AGG_2021 = (
    "Resultados por candidatura de las elecciones extraordinarias "
    "(data/aymu.coalAgg2020s.csv de elecRetrns, Eric Magar, ITAM)"
)
SOURCE_URL_AGG_2021 = (
    "https://github.com/emagar/elecRetrns/blob/7459a2eeb23e33d20e42f9c14ae88b25d74a1ca0/"
    "data/aymu.coalAgg2020s.csv"
)

ATLAUTLA, NEXTLALPAN = 15, 59  # INE/IEEM numbers
EXTRAORDINARY_DATES = {ATLAUTLA: date(2022, 5, 15), NEXTLALPAN: date(2021, 11, 14)}
ANNULLED_NOTE = {
    ATLAUTLA: (
        "La elección ordinaria del 6 de junio de 2021 fue anulada; estas son sus cifras del "
        "cómputo municipal. El ayuntamiento se eligió en la elección extraordinaria del 15 de "
        "mayo de 2022."
    ),
    NEXTLALPAN: (
        "La elección ordinaria del 6 de junio de 2021 fue anulada; la fuente no publica sus "
        "cifras por partido (solo la lista nominal). El ayuntamiento se eligió en la elección "
        "extraordinaria del 14 de noviembre de 2021."
    ),
}
EXTRAORDINARY_NOTE = (
    "La fuente de la elección extraordinaria da los votos por candidatura y la lista nominal; "
    "no da los votos por candidaturas no registradas, los nulos ni la votación total, así que "
    "la participación no se puede calcular."
)

# --- 2021 labels (raw per-party columns and aggregated candidacy labels) ------

# label -> (kind, registry_key of the 2021 actor, name when there is no actor)
LABELS_2021 = {
    "pan": ("partido", "pan", "PAN"),
    "pri": ("partido", "pri", "PRI"),
    "prd": ("partido", "prd", "PRD"),
    "pt": ("partido", "pt", "PT"),
    "pvem": ("partido", "pvem", "PVEM"),
    "mc": ("partido", "mc", "MC"),
    "morena": ("partido", "morena", "MORENA"),
    "pna": ("partido", "pna", "NAEM"),
    "pes": ("partido", "pes", "PES"),
    "rsp": ("partido", "rsp", "RSP"),
    "fxm": ("partido", "fxm", "FXM"),
    "pan-pri-prd": ("coalicion", "pan-pri-prd", "Coalición PAN-PRI-PRD"),
    "pt-morena-pna": ("coalicion", "pt-morena-pna", "Coalición PT-MORENA-NAEM"),
    "pt-morena-pna/cc": (
        "candidatura_comun",
        "pt-morena-pna/cc",
        "Candidatura común PT-MORENA-NAEM",
    ),
    "pan-pri": ("coalicion", None, "Coalición PAN-PRI"),
    "pt-morena": ("coalicion", None, "Coalición PT-MORENA"),
    "indep": ("independiente", None, "Candidatura independiente"),
    "indep2": ("independiente", None, "Segunda candidatura independiente"),
}
RAW_META = ("inegi", "ife", "mun", "ID_MUNICIPIO", "MUNICIPIO")
RAW_TAIL = ("efec", "nr", "nul", "tot", "lisnom", "fuente")

# --- District layout (INE/IEEM) ----------------------------------------------

DISTRICT_REQUIRED = (
    "ID_DISTRITO_LOCAL",
    "CABECERA_DISTRITAL_LOCAL",
    "NUM_VOTOS_VALIDOS",
    "NUM_VOTOS_CAN_NREG",
    "NUM_VOTOS_NULOS",
    "TOTAL_VOTOS",
    "LISTA_NOMINAL",
)
DISTRICT_META = {
    "ID_ESTADO",
    "NOMBRE_ESTADO",
    "ID_DISTRITO_LOCAL",
    "CABECERA_DISTRITAL_LOCAL",
    "SECCIONES",
    "CASILLAS",
    "RUTA_ACTA",
}
# Parties of the INE/IEEM files: (registry_key of the 2021 actor or None, name).
PARTY_COLUMNS = {
    "PAN": ("pan", "PAN"),
    "PRI": ("pri", "PRI"),
    "PRD": ("prd", "PRD"),
    "PT": ("pt", "PT"),
    "PVEM": ("pvem", "PVEM"),
    "MC": ("mc", "MC"),
    "MORENA": ("morena", "MORENA"),
    "NAEM": ("pna", "NAEM"),
    "PES": ("pes", "PES"),
    "RSP": ("rsp", "RSP"),
    "FXM": ("fxm", "FXM"),
    # Parties of 2018 that no longer exist in 2021: by their 2018 names.
    "NA": (None, "Nueva Alianza (NA, partido nacional en 2018)"),
    "ES": (None, "Encuentro Social (ES, 2018)"),
    "VR": (None, "Vía Radical (VR, partido local en 2018)"),
}
FOOTNOTE = re.compile(r"^(?P<name>.*?)\s+(?P<note>\d)$")


@dataclass
class ContestSpec:
    key: str
    fields: dict
    options: list = field(default_factory=list)  # dicts of VoteOption fields


def _number(problems, line, row, column, *, blank_ok=False):
    raw = (row.get(column) or "").strip().replace(",", "")
    if not raw:
        if not blank_ok:
            problems.add(line, column, "está vacío.")
        return None
    if not raw.isdigit():
        problems.add(line, column, f"«{raw}» no es un número entero de votos.")
        return None
    return int(raw)


def _check_sums(problems, line, options, valid, non_registered, null, total, names):
    """names: (valid column, total column)."""
    valid_col, total_col = names
    summed = sum(o["votes"] for o in options)
    ok = True
    if valid is not None and summed != valid:
        problems.add(
            line,
            valid_col,
            f"las opciones suman {summed:,} votos y esta columna dice {valid:,}.",
        )
        ok = False
    if None not in (valid, non_registered, null, total) and valid + non_registered + null != total:
        problems.add(
            line,
            total_col,
            f"válidos + no registrados + nulos = {valid + non_registered + null:,} y esta columna "
            f"dice {total:,}.",
        )
        ok = False
    return ok


def _actors():
    return {a.registry_key: a for a in PoliticalActorPage.objects.only("id", "registry_key")}


# --- Upsert -------------------------------------------------------------------


def save_contests(specs):
    """Create or update each contest and its options. Returns an ImportReport."""
    counts = ImportReport()
    existing = {c.key: c for c in Contest.objects.filter(key__in=[s.key for s in specs])}
    current_options = {}
    for option in VoteOption.objects.filter(contest__in=existing.values()).order_by("position"):
        current_options.setdefault(option.contest_id, []).append(
            tuple(getattr(option, f) for f in OPTION_FIELDS)
        )
    new_options = []
    for spec in specs:
        wanted = [tuple(o[f] for f in OPTION_FIELDS) for o in spec.options]
        contest = existing.get(spec.key)
        if contest is None:
            contest = Contest.objects.create(key=spec.key, **spec.fields)
            counts.created += 1
        else:
            same_fields = all(getattr(contest, f) == v for f, v in spec.fields.items())
            if same_fields and current_options.get(contest.id, []) == wanted:
                counts.unchanged += 1
                continue
            for f, v in spec.fields.items():
                setattr(contest, f, v)
            contest.save()
            contest.options.all().delete()
            counts.updated += 1
        new_options += [
            VoteOption(contest=contest, **dict(zip(OPTION_FIELDS, values, strict=True)))
            for values in wanted
        ]
    VoteOption.objects.bulk_create(new_options)
    pagecache.purge()  # bulk writes send no signals
    return counts


# --- 2021 ayuntamientos -------------------------------------------------------


def _read_rows(path):
    """(header, [(line, values)]) of a CSV whose header may repeat a name."""
    header, reader = read_header(path)
    rows = [(line, values) for line, values in enumerate(reader, start=2) if any(values)]
    return header, rows


def _independents_2021(path=CANDIDATES_2021):
    """{(INE municipality, "indep"/"indep2"): registered name} in the file's order."""
    seen = {}
    rows, problems, _ = read_csv(
        path, ("part", "IDENTIFICADOR_MUNICIPIO", "CANDIDATURA_PROPIETARIA"), delimiter=";"
    )
    for line, row in rows:
        if row["part"].startswith("indep"):
            municipality = problems.integer(line, row, "IDENTIFICADOR_MUNICIPIO")
            n = sum(1 for k in seen if k[0] == municipality)
            seen[(municipality, "indep" if n == 0 else f"indep{n + 1}")] = row[
                "CANDIDATURA_PROPIETARIA"
            ]
    problems.raise_if_any()
    return seen


def _option_2021(position, label, votes, municipality, actors, independents):
    kind, key, name = LABELS_2021[label]
    actor = None
    if kind == "independiente":
        registered = independents.get((municipality.ine_code, label))
        if registered:
            actor = actors.get(independent_key(municipality.ine_code, registered))
            name = f"Candidatura independiente: {readable_name(registered)}"
    elif key:
        actor = actors.get(key)
    return {
        "position": position,
        "label": label.split("/")[0],
        "name": name,
        "kind": kind,
        "actor_id": actor.id if actor else None,
        "candidacy": label,
        "candidacy_name": name,
        "votes": votes,
    }


def import_municipal_2021(raw_path=RAW_2021, aggregated_path=AGGREGATED_2021):
    """Ordinary 2021 elections from the raw per-party file; the extraordinary
    elections of Atlautla and Nextlalpan from the aggregated file; the
    aggregated file also checks the raw one (differences go to the notes)."""
    raw_path, aggregated_path = Path(raw_path), Path(aggregated_path)
    municipalities = {m.ine_code: m for m in MunicipalityPage.objects.all()}
    actors = _actors()
    independents = _independents_2021()
    problems = Problems(raw_path)

    header, rows = _read_rows(raw_path)
    missing = [c for c in (*RAW_META, *RAW_TAIL) if c not in header]
    if missing:
        raise missing_columns_error(raw_path, missing, header)
    first, last = header.index("MUNICIPIO") + 1, header.index("efec")
    option_columns = []
    for i in range(first, last):
        label = header[i]
        if label in (c[1] for c in option_columns):
            label = f"{label}/cc"  # the source repeats pt-morena-pna: the candidatura común
        if label not in LABELS_2021:
            problems.add(1, header[i], "columna de votos desconocida.")
            continue
        option_columns.append((i, label))
    problems.raise_if_any()

    aggregated = _read_aggregated(aggregated_path)
    specs = []
    for line, values in rows:
        if len(values) != len(header):
            problems.add(
                line, None, f"la fila tiene {len(values)} campos y el encabezado {len(header)}."
            )
            continue
        row = dict(zip(header, values, strict=True))
        ine = _number(problems, line, row, "ID_MUNICIPIO")
        municipality = municipalities.get(ine)
        if ine is not None and municipality is None:
            problems.add(
                line, "ID_MUNICIPIO", f"no existe el municipio {ine} (importe la geografía)."
            )
            continue
        if municipality is None:
            continue
        options = []
        for i, label in option_columns:
            cell = values[i].strip()
            if not cell:
                continue  # not on this municipality's ballot
            votes = _number(problems, line, {header[i]: cell}, header[i])
            if votes is not None:
                options.append(
                    _option_2021(len(options) + 1, label, votes, municipality, actors, independents)
                )
        registered = _number(problems, line, row, "lisnom")
        annulled = ine in EXTRAORDINARY_DATES
        if not options and not annulled:
            problems.add(line, None, "la fila no tiene votos por ninguna opción.")
            continue
        valid = _number(problems, line, row, "efec", blank_ok=annulled)
        nr = _number(problems, line, row, "nr", blank_ok=annulled)
        null = _number(problems, line, row, "nul", blank_ok=annulled)
        total = _number(problems, line, row, "tot", blank_ok=annulled)
        _check_sums(problems, line, options, valid, nr, null, total, ("efec", "tot"))
        notes = [ANNULLED_NOTE[ine]] if annulled else []
        difference = aggregated.get(ine, {}).get("difference")
        if difference:
            notes.append(difference)
        specs.append(
            ContestSpec(
                key=f"ayuntamiento/{ine:03d}/2021/ordinaria",
                fields={
                    "office": "ayuntamiento",
                    "municipality": municipality,
                    "district": None,
                    "process_year": CURRENT_PROCESS_YEAR,
                    "election_date": ELECTION_DAY_2021,
                    "kind": "ordinaria",
                    "status": "anulada" if annulled else "computo_final",
                    "source_name": SOURCE_RAW_2021,
                    "source_url": SOURCE_URL_RAW_2021,
                    "record_url": "",
                    "source_line": line,
                    "reported_head_town": "",
                    "notes": "\n".join(notes),
                    "figures_available": bool(options),
                    "non_registered": nr,
                    "null_votes": null,
                    "total_votes": total,
                    "registered_voters": registered,
                },
                options=options,
            )
        )
        if ine in EXTRAORDINARY_DATES:
            extra = _extraordinary(ine, municipality, aggregated, actors, problems)
            if extra is not None:
                specs.append(extra)
    problems.raise_if_any()
    _compare_with_aggregated(specs, aggregated, problems, aggregated_path)
    problems.raise_if_any()
    with transaction.atomic():
        return save_contests(specs)


def _read_aggregated(path):
    """{INE municipality: {"line", "year", "votes": {label: votes}, "valid", "registered"}}"""
    problems = Problems(path)
    header, rows = _read_rows(path)
    missing = [c for c in ("ife", "yr", "dymo", "efec", "lisnom") if c not in header]
    if missing:
        raise missing_columns_error(path, missing, header)
    result = {}
    for line, values in rows:
        row = dict(zip(header, values, strict=False))
        ife = _number(problems, line, row, "ife")
        if ife is None:
            continue
        ine = ife % 1000 if ife > 1000 else ife
        votes = {}
        for n in range(1, 24):
            label = (row.get(f"l{n:02d}") or "").strip()
            if label and label != "0":
                votes[label] = _number(problems, line, row, f"v{n:02d}") or 0
        result[ine] = {
            "line": line,
            "year": _number(problems, line, row, "yr"),
            "votes": votes,
            "valid": _number(problems, line, row, "efec"),
            "registered": _number(problems, line, row, "lisnom"),
        }
    problems.raise_if_any()
    return result


def _extraordinary(ine, municipality, aggregated, actors, problems):
    row = aggregated.get(ine)
    if row is None:
        problems.add(None, None, f"falta la elección extraordinaria del municipio {ine}.")
        return None
    options = []
    for label, votes in row["votes"].items():
        if label not in LABELS_2021:
            problems.add(row["line"], "l", f"etiqueta «{label}» desconocida.")
            continue
        options.append(_option_2021(len(options) + 1, label, votes, municipality, actors, {}))
    _check_sums(problems, row["line"], options, row["valid"], None, None, None, ("efec", ""))
    when = EXTRAORDINARY_DATES[ine]
    return ContestSpec(
        key=f"ayuntamiento/{ine:03d}/2021/extraordinaria",
        fields={
            "office": "ayuntamiento",
            "municipality": municipality,
            "district": None,
            "process_year": CURRENT_PROCESS_YEAR,
            "election_date": when,
            "kind": "extraordinaria",
            "status": "computo_final",
            "source_name": SOURCE_AGG_2021,
            "source_url": SOURCE_URL_AGG_2021,
            "record_url": "",
            "source_line": row["line"],
            "reported_head_town": "",
            "notes": EXTRAORDINARY_NOTE,
            "figures_available": True,
            "non_registered": None,
            "null_votes": None,
            "total_votes": None,
            "registered_voters": row["registered"],
        },
        options=options,
    )


def _compare_with_aggregated(specs, aggregated, problems, path):
    """Check the ordinary rows against the aggregated file (same candidacy
    totals), except the candidatura común, whose known 2-vote difference is
    written on the page (fixtures/SOURCES.md)."""
    for spec in specs:
        if spec.fields["kind"] != "ordinaria" or not spec.options:
            continue
        ine = spec.fields["municipality"].ine_code
        row = aggregated.get(ine)
        if row is None or ine in EXTRAORDINARY_DATES:
            continue
        ours = {}
        for o in spec.options:
            label = o["candidacy"].split("/")[0]
            ours[label] = ours.get(label, 0) + o["votes"]
        theirs = {k: v for k, v in row["votes"].items() if v}
        common = any(o["kind"] == "candidatura_comun" for o in spec.options)
        for label in sorted(set(ours) | set(theirs)):
            a, b = ours.get(label, 0), theirs.get(label, 0)
            if a == b:
                continue
            if common and label == "pt-morena-pna":
                spec.fields["notes"] = "\n".join(
                    filter(
                        None,
                        [
                            spec.fields["notes"],
                            f"El archivo agregado por candidatura da a la candidatura común "
                            f"PT-MORENA-NAEM {b:,} votos, {b - a:+,} respecto del cómputo por "
                            f"partido ({a:,}); se muestran las cifras por partido porque no se "
                            "pudo comprobar cuál es la oficial.",
                        ],
                    )
                )
                continue
            problems.messages.append(
                f"{Path(path).name}, línea {row['line']}: «{label}» tiene {b:,} votos y el cómputo "
                f"por partido {a:,}."
            )


# --- District files (INE/IEEM layout) -----------------------------------------


class _Groups:
    """Union-find of parties joined by a combination column: a coalition."""

    def __init__(self):
        self.parent = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            x = self.parent[x]
        return x

    def union(self, a, b):
        self.parent[self.find(a)] = self.find(b)


def _party_name(column):
    return PARTY_COLUMNS.get(column, (None, column))[1]


def import_district_file(
    path, *, year, source, source_url="", election_date=None, office="diputacion"
):
    """Contests of a district results file in INE/IEEM's layout. Blank cell =
    option not on that district's ballot; a trailing digit on the head town
    marks a court-modified result."""
    path = Path(path)
    if office != Contest.Office.DIPUTACION:
        raise file_error(path, "solo se admiten diputaciones por distrito.")
    header, rows = _read_rows(path)
    problems = Problems(path)
    missing = [c for c in DISTRICT_REQUIRED if c not in header]
    if missing:
        raise missing_columns_error(path, missing, header)
    if len(set(header)) != len(header):
        raise file_error(path, "hay columnas con el mismo nombre.", line=1)
    options_start = (
        max(
            header.index(c)
            for c in DISTRICT_META
            if c in header[: header.index("NUM_VOTOS_VALIDOS")]
        )
        + 1
    )
    option_columns = header[options_start : header.index("NUM_VOTOS_VALIDOS")]
    if not option_columns:
        raise file_error(path, "no hay columnas de votos por opción.", line=1)
    districts = {d.number: d for d in DistrictPage.objects.all()}
    actors = _actors()
    election_date = election_date or (ELECTION_DAY_2018 if year == 2018 else None)
    specs, seen = [], {}
    for line, values in rows:
        if len(values) != len(header):
            problems.add(
                line, None, f"la fila tiene {len(values)} campos y el encabezado {len(header)}."
            )
            continue
        row = dict(zip(header, values, strict=True))
        number = _number(problems, line, row, "ID_DISTRITO_LOCAL")
        if number is None:
            continue
        district = districts.get(number)
        if district is None:
            problems.add(line, "ID_DISTRITO_LOCAL", f"no existe el distrito local {number}.")
            continue
        if number in seen:
            problems.add(
                line,
                "ID_DISTRITO_LOCAL",
                f"el distrito {number} ya está en la línea {seen[number]}.",
            )
            continue
        seen[number] = line
        head_town = " ".join(row["CABECERA_DISTRITAL_LOCAL"].split())
        footnote = FOOTNOTE.match(head_town)
        if footnote:
            head_town = footnote["name"]
        present = []
        for column in option_columns:
            cell = row[column].strip()
            if cell:
                votes = _number(problems, line, row, column)
                if votes is not None:
                    present.append((column, votes))
        groups = _Groups()
        for column, _ in present:
            parts = column.split("_")
            if len(parts) > 1 and not column.startswith("CAND_IND"):
                for part in parts[1:]:
                    groups.union(parts[0], part)
        members = {}
        for column, _ in present:
            if "_" not in column:
                members.setdefault(groups.find(column), []).append(column)
        options = []
        for column, votes in present:
            if column.startswith("CAND_IND"):
                kind, key, name = "independiente", None, "Candidatura independiente"
                candidacy, candidacy_name = column, name
            else:
                parts = column.split("_")
                group = members.get(groups.find(parts[0]), [parts[0]])
                in_coalition = len(group) > 1
                candidacy = "-".join(group) if in_coalition else column
                candidacy_name = (
                    f"Coalición {'-'.join(group)}" if in_coalition else _party_name(column)
                )
                if len(parts) > 1:
                    kind, key = "combinacion", None
                    name = f"Combinación {' + '.join(parts)}"
                else:
                    kind = "partido"
                    key, name = PARTY_COLUMNS.get(column, (None, column))
            actor = actors.get(key) if key else None
            options.append(
                {
                    "position": len(options) + 1,
                    "label": column,
                    "name": name,
                    "kind": kind,
                    "actor_id": actor.id if actor else None,
                    "candidacy": candidacy,
                    "candidacy_name": candidacy_name,
                    "votes": votes,
                }
            )
        valid = _number(problems, line, row, "NUM_VOTOS_VALIDOS")
        nr = _number(problems, line, row, "NUM_VOTOS_CAN_NREG")
        null = _number(problems, line, row, "NUM_VOTOS_NULOS")
        total = _number(problems, line, row, "TOTAL_VOTOS")
        registered = _number(problems, line, row, "LISTA_NOMINAL")
        _check_sums(
            problems, line, options, valid, nr, null, total, ("NUM_VOTOS_VALIDOS", "TOTAL_VOTOS")
        )
        notes = ""
        if footnote:
            notes = (
                f"La cabecera lleva en el archivo la nota {footnote['note']}: un tribunal "
                "electoral modificó el resultado del cómputo distrital; las cifras son las "
                "modificadas."
            )
        specs.append(
            ContestSpec(
                key=f"diputacion/{number:02d}/{year}/ordinaria",
                fields={
                    "office": "diputacion",
                    "municipality": None,
                    "district": district,
                    "process_year": year,
                    "election_date": election_date,
                    "kind": "ordinaria",
                    "status": "modificada_tribunal" if footnote else "computo_final",
                    "source_name": source,
                    "source_url": source_url,
                    "record_url": (row.get("RUTA_ACTA") or "").strip(),
                    "source_line": line,
                    "reported_head_town": head_town,
                    "notes": notes,
                    "figures_available": True,
                    "non_registered": nr,
                    "null_votes": null,
                    "total_votes": total,
                    "registered_voters": registered,
                },
                options=options,
            )
        )
    if not rows:
        problems.add(None, None, "el archivo no tiene filas de resultados.")
    problems.raise_if_any()
    with transaction.atomic():
        return save_contests(specs)


def import_default_results(stdout=None):
    """What setup_site loads: the 2021 ayuntamientos and the 2018 districts."""
    report = {
        "ayuntamientos 2021": import_municipal_2021(),
        "diputaciones 2018": import_district_file(
            DISTRICTS_2018, year=2018, source=SOURCE_2018, election_date=ELECTION_DAY_2018
        ),
    }
    if stdout is not None:
        for label, counts in report.items():
            stdout.write(f"  {label}: {counts}")
    return report
