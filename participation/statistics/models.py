"""Daily buckets of the tool's own statistics. Re-exported by participation/models.py.

One row per (day, metric, key): how many times something happened that day.
A key is a section of the site, a municipality, a district or a glossary term —
never an actor (party, coalition, candidacy) nor a participation target — and
nothing is kept per request: no address, no cookie, no time beyond the day.
"""

from django.db import models

# metric -> what its key is
VISITS = "visitas"  # key: a section of the site (counting.SECTIONS)
BALLOT_MUNICIPALITY = "boleta_municipio"  # key: a municipality's slug
BALLOT_DISTRICT = "boleta_distrito"  # key: a local district's number
GLOSSARY_TERM = "termino_consultado"  # key: a glossary entry's slug
GLOSSARY_SEARCH = "termino_buscado"  # key: slug of the entry a search found first ("" none)
PARTICIPANTS = "participantes"  # key "": distinct participants, frozen before the purge

METRIC_CHOICES = [
    (VISITS, "Visitas por sección"),
    (BALLOT_MUNICIPALITY, "Consultas de boleta por municipio"),
    (BALLOT_DISTRICT, "Consultas de boleta por distrito"),
    (GLOSSARY_TERM, "Términos del Quitadudas consultados"),
    (GLOSSARY_SEARCH, "Términos del Quitadudas buscados"),
    (PARTICIPANTS, "Participantes distintos (congelado antes de borrar datos personales)"),
]


class DailyCount(models.Model):
    day = models.DateField("Día")
    metric = models.CharField("Medida", max_length=24, choices=METRIC_CHOICES)
    key = models.CharField("Clave", max_length=120, blank=True)
    n = models.PositiveBigIntegerField("Cuenta", default=0)

    class Meta:
        verbose_name = "Cuenta diaria (estadística)"
        verbose_name_plural = "Cuentas diarias (estadística)"
        constraints = [
            models.UniqueConstraint(
                fields=["day", "metric", "key"], name="participation_dailycount_day_metric_key"
            )
        ]
        indexes = [models.Index(fields=["metric", "day"], name="participation_dailycount_md")]

    def __str__(self):
        return f"{self.day} · {self.get_metric_display()} · {self.key or '—'}: {self.n}"
