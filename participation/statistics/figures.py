"""The series of the tool's statistics, read for the public page, its CSV and
JSON, and the admin report. Every series is an aggregate of the whole tool.

- Consultations come from the DailyCount buckets (counting.py).
- Participation is computed from the stored Reaction and Idea rows, added up
  over every target (never grouped by target, actor or page): they are the
  record, they survive the personal-data purge (which only blanks names,
  e-mails and hashes), and no second counter can drift from them. The one
  figure the purge would change — distinct participants per day, since purged
  participant hashes become row-unique placeholders — is frozen into DailyCount
  first (`freeze_participants`, called by `purge_participation`).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import formats, timezone

from electoral.models import DistrictPage, GlossaryEntryPage, MunicipalityPage
from participation.ideas.models import Idea
from participation.reactions.models import Reaction

from . import models as m
from .counting import SECTION_LABELS, SECTION_ORDER

PURGED_PREFIX = "borrado-"
RANKING_SHOWN = 15  # rows of a ranking on the page; the CSV and JSON hold them all


@dataclass
class Series:
    """One series: a heading column (a day or a category) and one or more value columns."""

    slug: str
    title: str
    key_heading: str
    value_headings: list
    rows: list = field(default_factory=list)  # [(key, label, [values])]
    daily: bool = False
    ranking: bool = False
    note: str = ""

    @property
    def total(self):
        return sum(values[-1] for _, _, values in self.rows)

    @property
    def shown_rows(self):
        return self.rows[:RANKING_SHOWN] if self.ranking else self.rows

    @property
    def hidden_count(self):
        return len(self.rows) - len(self.shown_rows)

    def as_dict(self):
        return {
            "serie": self.slug,
            "titulo": self.title,
            "columnas": [self.key_heading, *self.value_headings],
            "filas": [
                {"clave": key, "etiqueta": label, "valores": values}
                for key, label, values in self.rows
            ],
            "nota": self.note,
        }

    def table(self):
        """Header and rows for a CSV or a spreadsheet."""
        header = ["clave", self.key_heading, *self.value_headings]
        return header, [[key, label, *values] for key, label, values in self.rows]


def _local_day():
    return TruncDate("created_at", tzinfo=timezone.get_current_timezone())


def _in_range(qs, start, end, field="created_at__date"):
    if start:
        qs = qs.filter(**{f"{field}__gte": start})
    if end:
        qs = qs.filter(**{f"{field}__lte": end})
    return qs


def _counts(metric, start, end):
    qs = _in_range(m.DailyCount.objects.filter(metric=metric), start, end, field="day")
    return qs


def _days(start, end, *dicts):
    """Every day from `start` (or the first day with data) to `end` (or the last)."""
    known = [d for data in dicts for d in data if d]
    first = start or (min(known) if known else None)
    last = end or (max(known) if known else None)
    if not first or not last:
        return []
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _day_label(day):
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def participants_by_day(start=None, end=None):
    """Distinct participants per day (who added a reaction or sent an idea that day):
    frozen figures where a day was frozen before the purge, live ones elsewhere."""
    frozen = {row.day: row.n for row in _counts(m.PARTICIPANTS, start, end).filter(key="")}
    live = defaultdict(set)
    reactions = _in_range(Reaction.objects.all(), start, end).exclude(
        participant__startswith=PURGED_PREFIX
    )
    for day, who in reactions.annotate(d=_local_day()).values_list("d", "participant").distinct():
        live[day].add(who)
    ideas = _in_range(Idea.objects.exclude(participant=""), start, end)
    for day, who in ideas.annotate(d=_local_day()).values_list("d", "participant").distinct():
        live[day].add(who)
    figures = {day: len(who) for day, who in live.items()}
    figures.update(frozen)
    return figures


def freeze_participants():
    """Store today's live figure of distinct participants for every day that has
    none frozen yet (run before participant hashes are purged). Returns days frozen."""
    already = set(m.DailyCount.objects.filter(metric=m.PARTICIPANTS).values_list("day", flat=True))
    live = participants_by_day()
    rows = [
        m.DailyCount(day=day, metric=m.PARTICIPANTS, key="", n=n)
        for day, n in live.items()
        if day not in already
    ]
    m.DailyCount.objects.bulk_create(rows)
    return len(rows)


def build(start=None, end=None):
    """Every series of the statistics between `start` and `end` (dates, inclusive)."""
    visits_by_day = dict(
        _counts(m.VISITS, start, end).values_list("day").annotate(n=Sum("n")).order_by()
    )
    ballots_by_day = dict(
        _counts(m.BALLOT_DISTRICT, start, end).values_list("day").annotate(n=Sum("n")).order_by()
    )
    reactions = {}
    for day, likes, dislikes in (
        _in_range(Reaction.objects.all(), start, end)
        .annotate(d=_local_day())
        .values_list("d")
        .annotate(
            likes=Count("pk", filter=Q(value=Reaction.LIKE)),
            dislikes=Count("pk", filter=Q(value=Reaction.DISLIKE)),
        )
        .order_by()
    ):
        reactions[day] = (likes, dislikes)
    ideas = _in_range(Idea.objects.all(), start, end)
    ideas_by_day = dict(
        ideas.annotate(d=_local_day()).values_list("d").annotate(n=Count("pk")).order_by()
    )
    participants = participants_by_day(start, end)
    days = _days(start, end, visits_by_day, ballots_by_day, reactions, ideas_by_day, participants)

    def daily(slug, title, heading, data):
        return Series(
            slug,
            title,
            "Día",
            [heading],
            [(d.isoformat(), _day_label(d), [data.get(d, 0)]) for d in days],
            daily=True,
        )

    sections = dict(
        _counts(m.VISITS, start, end).values_list("key").annotate(n=Sum("n")).order_by()
    )
    municipalities = dict(
        _counts(m.BALLOT_MUNICIPALITY, start, end)
        .values_list("key")
        .annotate(n=Sum("n"))
        .order_by()
    )
    municipality_names = dict(
        MunicipalityPage.objects.filter(slug__in=list(municipalities)).values_list("slug", "title")
    )
    districts = dict(
        _counts(m.BALLOT_DISTRICT, start, end).values_list("key").annotate(n=Sum("n")).order_by()
    )
    district_names = {
        str(number): title
        for number, title in DistrictPage.objects.filter(
            number__in=[int(k) for k in districts if k.isdigit()]
        ).values_list("number", "title")
    }
    consulted = dict(
        _counts(m.GLOSSARY_TERM, start, end).values_list("key").annotate(n=Sum("n")).order_by()
    )
    searched = dict(
        _counts(m.GLOSSARY_SEARCH, start, end).values_list("key").annotate(n=Sum("n")).order_by()
    )
    term_names = dict(
        GlossaryEntryPage.objects.filter(slug__in=[*consulted, *searched]).values_list(
            "slug", "title"
        )
    )
    term_names[""] = "(búsquedas sin resultado)"

    def ranking(slug, title, heading, data, names):
        rows = sorted(data.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0])))
        return Series(
            slug,
            title,
            heading,
            ["Consultas"],
            [(key, names.get(key, key), [n]) for key, n in rows],
            ranking=True,
        )

    status = {
        (st, reason): n
        for st, reason, n in ideas.values_list("status", "reason")
        .annotate(n=Count("pk"))
        .order_by()
    }
    status_rows = [
        ("pendiente", "Pendientes de moderación", [status.get((Idea.PENDING, ""), 0)]),
        (
            "aceptada",
            "Aceptadas (se entregan a los partidos)",
            [status.get((Idea.ACCEPTED, ""), 0)],
        ),
    ] + [
        (
            f"rechazada-{reason}",
            f"Rechazadas: {label.lower()}",
            [status.get((Idea.REJECTED, reason), 0)],
        )
        for reason, label in Idea.REASON_CHOICES
    ]
    idea_places = Counter()
    for name, n in ideas.values_list("municipality_name").annotate(n=Count("pk")).order_by():
        idea_places[name] += n

    return [
        daily(
            "visitas-por-dia", "Páginas consultadas por día", "Páginas consultadas", visits_by_day
        ),
        Series(
            "visitas-por-seccion",
            "Páginas consultadas por sección del sitio",
            "Sección",
            ["Páginas consultadas"],
            [
                (key, SECTION_LABELS[key], [sections.get(key, 0)])
                for key in SECTION_ORDER
                if sections.get(key)
            ],
        ),
        daily(
            "consultas-de-boleta-por-dia",
            "Consultas de «Mi boleta» por día",
            "Consultas de boleta",
            ballots_by_day,
        ),
        ranking(
            "consultas-de-boleta-por-municipio",
            "Consultas de «Mi boleta» por municipio",
            "Municipio",
            municipalities,
            municipality_names,
        ),
        Series(
            "consultas-de-boleta-por-distrito",
            "Consultas de «Mi boleta» por distrito local",
            "Distrito local",
            ["Consultas"],
            [
                (key, district_names.get(key, f"Distrito {key}"), [n])
                for key, n in sorted(
                    districts.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 0
                )
            ],
        ),
        ranking(
            "terminos-consultados",
            "Términos del Quitadudas más consultados",
            "Término",
            consulted,
            term_names,
        ),
        ranking(
            "terminos-buscados",
            "Términos del Quitadudas más buscados",
            "Término encontrado",
            searched,
            term_names,
        ),
        Series(
            "reacciones-por-dia",
            "«Me gusta» y «No me gusta» por día (en toda la herramienta)",
            "Día",
            ["Me gusta", "No me gusta", "Total"],
            [
                (
                    d.isoformat(),
                    _day_label(d),
                    [*reactions.get(d, (0, 0)), sum(reactions.get(d, (0, 0)))],
                )
                for d in days
            ],
            daily=True,
            note="Reacciones vigentes, por el día en que se dieron; sumadas sobre todo el sitio.",
        ),
        daily(
            "participantes-por-dia",
            "Participantes distintos por día",
            "Participantes",
            participants,
        ),
        daily("ideas-por-dia", "Ideas recibidas por día", "Ideas recibidas", ideas_by_day),
        Series(
            "ideas-por-estado",
            "Ideas por resultado de la moderación",
            "Estado",
            ["Ideas"],
            status_rows,
            note="El texto de las ideas nunca se publica.",
        ),
        Series(
            "municipios-de-las-ideas",
            "Municipio que indicaron quienes enviaron ideas",
            "Municipio",
            ["Ideas"],
            [
                (name, name or "Sin municipio indicado", [n])
                for name, n in sorted(idea_places.items(), key=lambda kv: (-kv[1], kv[0]))
            ],
            ranking=True,
        ),
    ]


def by_slug(series):
    return {s.slug: s for s in series}


def headline(series):
    """The page's totals, from the same series (so they always agree)."""
    s = by_slug(series)
    reactions = s["reacciones-por-dia"].rows
    status = {key: values[0] for key, _, values in s["ideas-por-estado"].rows}
    rejected = sum(n for key, n in status.items() if key.startswith("rechazada"))
    return [
        ("Páginas consultadas", s["visitas-por-dia"].total),
        ("Consultas de «Mi boleta»", s["consultas-de-boleta-por-dia"].total),
        ("«Me gusta»", sum(v[0] for _, _, v in reactions)),
        ("«No me gusta»", sum(v[1] for _, _, v in reactions)),
        ("Ideas recibidas", s["ideas-por-dia"].total),
        ("Ideas aceptadas", status.get("aceptada", 0)),
        ("Ideas rechazadas", rejected),
    ]
