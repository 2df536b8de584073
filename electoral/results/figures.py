"""Derived figures of a contest (valid votes, percentages, turnout, winner)
and its one serialisation, used alike by the page, the CSV and the JSON, so
the three always carry the same numbers.
"""

from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from django.utils.encoding import force_str

from .managers import CURRENT_PROCESS_YEAR

NEUTRAL_COLOUR = "#5c5c66"
MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


def spanish_date(day):
    return f"{day.day} de {MONTHS[day.month - 1]} de {day.year}" if day else ""


def percent(part, whole):
    """'45.32' (two decimals, half up) or None when the base is unknown."""
    if not whole:
        return None
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return str(value)


@cache
def _labels(model, name):
    return dict(model._meta.get_field(name).flatchoices)


def display(instance, name):
    """`instance.get_<name>_display()` without rebuilding the field's choices at
    each call (Django's makes them hashable anew: a third of a results query's
    time over ~1,800 options)."""
    value = getattr(instance, name)
    return force_str(_labels(type(instance), name).get(value, value), strings_only=True)


def contest_figures(contest):
    """A plain dict of everything shown about `contest` (options prefetched)."""
    options = list(contest.options.all())
    valid = sum(o.votes for o in options)
    base_is_total = contest.total_votes is not None
    base = contest.total_votes if base_is_total else valid
    rows = []
    for o in options:
        rows.append(
            {
                "posicion": o.position,
                "etiqueta": o.label,
                "opcion": o.name,
                "tipo": display(o, "kind"),
                "candidatura": o.candidacy_name,
                "votos": o.votes,
                "porcentaje": percent(o.votes, base),
                "color": (o.actor.colour if o.actor_id else NEUTRAL_COLOUR),
                "actor_url": _actor_url(o.actor) if o.actor_id else "",
                "clave_candidatura": o.candidacy,
            }
        )
    candidacies = {}
    for o in options:
        c = candidacies.setdefault(
            o.candidacy,
            {"clave": o.candidacy, "candidatura": o.candidacy_name, "votos": 0, "color": None},
        )
        c["votos"] += o.votes
        if c["color"] is None and o.actor_id and o.kind != "combinacion":
            c["color"] = o.actor.colour
    candidacy_rows = list(candidacies.values())
    for c in candidacy_rows:
        c["porcentaje"] = percent(c["votos"], base)
        c["color"] = c["color"] or NEUTRAL_COLOUR
    winner = None
    if contest.figures_available and contest.status != "anulada" and candidacy_rows:
        ordered = sorted(candidacy_rows, key=lambda c: -c["votos"])
        if len(ordered) == 1 or ordered[0]["votos"] > ordered[1]["votos"]:
            winner = ordered[0]
            winner["margen"] = ordered[0]["votos"] - (
                ordered[1]["votos"] if len(ordered) > 1 else 0
            )
    grouped = len(candidacy_rows) != len(rows)
    place = contest.municipality if contest.office == "ayuntamiento" else contest.district
    return {
        "clave": contest.key,
        "cargo": display(contest, "office"),
        "municipio": contest.municipality.name if contest.municipality_id else None,
        "distrito": contest.district.number if contest.district_id else None,
        "lugar": str(place.name if contest.municipality_id else f"Distrito local {place.number}"),
        "proceso_electoral": contest.process_year,
        "anio": contest.election_date.year if contest.election_date else contest.process_year,
        "fecha": contest.election_date.isoformat() if contest.election_date else None,
        "fecha_texto": spanish_date(contest.election_date),
        "tipo": display(contest, "kind"),
        "titulo": _title(contest),
        "estado": display(contest, "status"),
        "anulada": contest.status == "anulada",
        "hay_cifras": contest.figures_available,
        "fuente": contest.source_name,
        "fuente_url": contest.source_url,
        "acta_url": contest.record_url,
        "notas": [n for n in contest.notes.split("\n") if n],
        "opciones": rows,
        "candidaturas": candidacy_rows,
        "hay_coaliciones_con_combinaciones": grouped,
        "votos_validos": valid if contest.figures_available else None,
        "votos_no_registrados": contest.non_registered,
        "votos_nulos": contest.null_votes,
        "votacion_total": contest.total_votes,
        "lista_nominal": contest.registered_voters,
        "base_porcentaje": "votación total" if base_is_total else "votación válida",
        "participacion": percent(contest.total_votes, contest.registered_voters)
        if contest.total_votes is not None
        else None,
        "ganador": winner["candidatura"] if winner else None,
        "ganador_votos": winner["votos"] if winner else None,
        "ganador_clave": winner["clave"] if winner else None,
        "ganador_color": winner["color"] if winner else None,
        "margen": winner["margen"] if winner else None,
    }


def _title(contest):
    when = spanish_date(contest.election_date) or str(contest.process_year)
    if contest.process_year < CURRENT_PROCESS_YEAR:
        office = "diputaciones" if contest.office == "diputacion" else "ayuntamientos"
        return f"Elección anterior: {office} {contest.process_year} ({when})"
    return f"{display(contest, 'kind')} del {when}"


def _actor_url(actor):
    path = actor.url_path.strip("/").split("/", 1)
    return "/" + path[1] + "/" if len(path) > 1 else ""


CSV_HEADER = [
    "eleccion",
    "cargo",
    "lugar",
    "proceso_electoral",
    "fecha",
    "tipo",
    "estado",
    "fila",
    "opcion",
    "tipo_opcion",
    "candidatura",
    "votos",
    "porcentaje",
    "base_porcentaje",
    "fuente",
]


def csv_rows(figures_list):
    """The page's figures as CSV rows: each option, each candidacy (when a
    coalition adds up several options), the totals, turnout and the winner."""
    for f in figures_list:
        common = [
            f["clave"],
            f["cargo"],
            f["lugar"],
            f["proceso_electoral"],
            f["fecha"] or "",
            f["tipo"],
            f["estado"],
        ]
        tail = [f["base_porcentaje"], f["fuente"]]
        for r in f["opciones"]:
            yield [
                *common,
                "opcion",
                r["opcion"],
                r["tipo"],
                r["candidatura"],
                r["votos"],
                r["porcentaje"] or "",
                *tail,
            ]
        if f["hay_coaliciones_con_combinaciones"]:
            for c in f["candidaturas"]:
                yield [
                    *common,
                    "candidatura",
                    c["candidatura"],
                    "Candidatura (suma de sus partidos y combinaciones)",
                    c["candidatura"],
                    c["votos"],
                    c["porcentaje"] or "",
                    *tail,
                ]
        for key, label in (
            ("votos_validos", "Votos válidos"),
            ("votos_no_registrados", "Candidaturas no registradas"),
            ("votos_nulos", "Votos nulos"),
            ("votacion_total", "Votación total"),
            ("lista_nominal", "Lista nominal"),
        ):
            value = f[key]
            yield [*common, "total", label, "", "", "" if value is None else value, "", *tail]
        yield [
            *common,
            "participacion",
            "Participación (%)",
            "",
            "",
            "",
            f["participacion"] or "",
            *tail,
        ]
        if f["ganador"]:
            yield [
                *common,
                "ganador",
                f["ganador"],
                "",
                f["ganador"],
                f["ganador_votos"],
                "",
                *tail,
            ]
