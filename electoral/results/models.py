"""Official election results: one Contest per office and election, one
VoteOption per option on its ballot.

Plain Django models (DESIGN.md section 4: bulk official data), written only
by the importers (`electoral.results.importers`). Turnout, percentages and
the winner are derived from the stored votes (`electoral.results.figures`),
never typed or stored.
"""

from django.db import models

from .managers import ContestManager

__all__ = ["Contest", "VoteOption"]


class Contest(models.Model):
    """One election for one office: the ayuntamiento of a municipality or the
    mayoría-relativa diputación of a local district."""

    class Office(models.TextChoices):
        AYUNTAMIENTO = "ayuntamiento", "Ayuntamiento"
        DIPUTACION = "diputacion", "Diputación local de mayoría relativa"

    class Kind(models.TextChoices):
        ORDINARY = "ordinaria", "Elección ordinaria"
        EXTRAORDINARY = "extraordinaria", "Elección extraordinaria"

    class Status(models.TextChoices):
        FINAL = "computo_final", "Cómputo final"
        COURT_MODIFIED = "modificada_tribunal", "Cómputo modificado por un tribunal electoral"
        ANNULLED = "anulada", "Elección anulada"

    key = models.CharField("Clave", max_length=80, unique=True, editable=False)
    office = models.CharField("Cargo", max_length=20, choices=Office.choices)
    municipality = models.ForeignKey(
        "electoral.MunicipalityPage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contests",
        verbose_name="Municipio",
    )
    district = models.ForeignKey(
        "electoral.DistrictPage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contests",
        verbose_name="Distrito local",
    )
    process_year = models.PositiveSmallIntegerField(
        "Proceso electoral",
        help_text="Año del proceso ordinario (la extraordinaria de Atlautla de 2022 es del 2021).",
    )
    election_date = models.DateField("Fecha de la elección", null=True, blank=True)
    kind = models.CharField("Tipo", max_length=20, choices=Kind.choices, default=Kind.ORDINARY)
    status = models.CharField("Estado", max_length=24, choices=Status.choices)
    source_name = models.CharField("Documento fuente", max_length=300)
    source_url = models.URLField("Enlace a la fuente", max_length=500, blank=True)
    record_url = models.URLField("Acta o resolución", max_length=500, blank=True)
    source_line = models.PositiveIntegerField("Línea en el archivo", null=True, blank=True)
    reported_head_town = models.CharField("Cabecera según el archivo", max_length=120, blank=True)
    notes = models.TextField("Notas", blank=True)
    figures_available = models.BooleanField("Hay cifras", default=True)
    non_registered = models.PositiveIntegerField(
        "Votos por candidaturas no registradas", null=True, blank=True
    )
    null_votes = models.PositiveIntegerField("Votos nulos", null=True, blank=True)
    total_votes = models.PositiveIntegerField("Votación total", null=True, blank=True)
    registered_voters = models.PositiveIntegerField("Lista nominal", null=True, blank=True)

    objects = ContestManager()

    class Meta:
        verbose_name = "Elección (resultados)"
        verbose_name_plural = "Resultados electorales"
        ordering = ["office", "process_year", "election_date", "key"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(office="ayuntamiento", municipality__isnull=False, district=None)
                    | models.Q(office="diputacion", district__isnull=False, municipality=None)
                ),
                name="contest_office_has_its_place",
            )
        ]
        indexes = [
            models.Index(fields=["office", "process_year"], name="contest_office_year_idx"),
        ]

    def __str__(self):
        place = self.municipality or self.district
        return (
            f"{self.get_office_display()} {place} {self.process_year} ({self.get_kind_display()})"
        )


class VoteOption(models.Model):
    """The votes of one option on the ballot, in the order of the source file."""

    class Kind(models.TextChoices):
        PARTY = "partido", "Partido"
        COALITION = "coalicion", "Coalición"
        COMMON = "candidatura_comun", "Candidatura común"
        COMBINATION = "combinacion", "Combinación de partidos de una coalición"
        INDEPENDENT = "independiente", "Candidatura independiente"

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField("Orden")
    label = models.CharField(
        "Etiqueta en el archivo", max_length=60, help_text="Tal como aparece en la fuente."
    )
    name = models.CharField("Nombre", max_length=200)
    kind = models.CharField("Tipo", max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        "electoral.PoliticalActorPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vote_options",
        verbose_name="Actor político 2021",
    )
    candidacy = models.CharField(
        "Candidatura a la que suman",
        max_length=60,
        help_text="Los partidos de una coalición y sus combinaciones suman a la misma.",
    )
    candidacy_name = models.CharField("Nombre de la candidatura", max_length=200)
    votes = models.PositiveIntegerField("Votos")

    class Meta:
        verbose_name = "Votos de una opción"
        verbose_name_plural = "Votos por opción"
        ordering = ["contest", "position"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "position"], name="unique_option_position")
        ]

    def __str__(self):
        return f"{self.name}: {self.votes}"
