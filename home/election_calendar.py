"""The election calendar: the dates of the process, edited by IEEM in the
admin (Configuración › Calendario electoral), read by every app through
`ElectionCalendar.load(request_or_site=request)` and `home.calendar`.

A model module of its own (re-exported by home.models) so that
home.navigation can read it while home.models imports the navigation.
"""

from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Site

from . import calendar


@register_setting(icon="date")
class ElectionCalendar(BaseGenericSetting):
    """The dates of the process. Edited by IEEM staff, read by every feature."""

    platforms_public_from = models.DateTimeField(
        "Plataformas públicas desde", null=True, blank=True
    )
    candidacies_public_from = models.DateTimeField(
        "Candidaturas públicas desde", null=True, blank=True
    )
    participation_opens = models.DateTimeField(
        "Participación abierta desde",
        null=True,
        blank=True,
        help_text="Inicio de las campañas: se aceptan «Me gusta», «No me gusta» e ideas.",
    )
    participation_closes = models.DateTimeField(
        "Participación cerrada desde",
        null=True,
        blank=True,
        help_text="Fin de las campañas; debe ser antes de la veda electoral.",
    )
    election_day = models.DateField("Jornada electoral", null=True, blank=True)
    results_public_from = models.DateTimeField("Resultados públicos desde", null=True, blank=True)
    statistics_public_from = models.DateTimeField(
        "Estadísticas públicas desde",
        null=True,
        blank=True,
        help_text=(
            "Desde esta fecha /estadisticas/ muestra las cifras de uso de la herramienta. "
            "Vacío: la fecha de los resultados públicos."
        ),
    )
    delivery_from = models.DateTimeField(
        "Entrega a partidos desde",
        null=True,
        blank=True,
        help_text="Desde esta fecha cada partido recibe la participación sobre su contenido.",
    )
    profile_capture_until = models.DateTimeField(
        "Captura de perfiles hasta",
        null=True,
        blank=True,
        help_text=(
            "Fecha límite del IEEM para que los partidos capturen su plataforma y los perfiles "
            "de quienes encabezan sus planillas y fórmulas. Después, su tablero indica que la "
            "captura cerró; para reabrirla, amplía esta fecha. Vacío: sin fecha límite."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("platforms_public_from"),
                FieldPanel("candidacies_public_from"),
            ],
            heading="Publicación",
        ),
        MultiFieldPanel(
            [FieldPanel("profile_capture_until")],
            heading="Captura de los partidos",
        ),
        MultiFieldPanel(
            [FieldPanel("participation_opens"), FieldPanel("participation_closes")],
            heading="Participación ciudadana (periodo de campañas)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("election_day"),
                FieldPanel("results_public_from"),
                FieldPanel("statistics_public_from"),
                FieldPanel("delivery_from"),
            ],
            heading="Jornada, resultados y entrega",
        ),
    ]

    class Meta:
        verbose_name = "Calendario electoral"

    @classmethod
    def load(cls, request_or_site=None):
        """Wagtail's load, and for an anonymous visitor's GET of a public page the
        row kept for the page-cache generation (home/fragments.py, with the
        site-wide data: SHELL_CACHE_ENABLED): any save of the calendar purges
        it, in every process. Editors always read the row."""
        from . import fragments  # home.fragments -> pagecache -> this module

        request = request_or_site
        attr_name = cls.get_cache_attr_name()
        if (
            request is None
            or isinstance(request, Site)
            or hasattr(request, attr_name)
            or not hasattr(request, "COOKIES")
            or not fragments.usable(request, shell=True)
        ):
            return super().load(request_or_site=request_or_site)
        # The same row object for every anonymous GET of the generation (no copy:
        # nothing changes it on a public page; editors read their own).
        obj = fragments.process_memo("calendar", (), cls._get_or_create, request, shell=True)
        setattr(request, attr_name, obj)
        return obj

    def clean(self):

        errors = {}
        if (
            self.participation_opens
            and self.participation_closes
            and self.participation_closes <= self.participation_opens
        ):
            errors["participation_closes"] = (
                "El cierre de la participación debe ser posterior a su apertura."
            )
        if self.participation_closes and self.election_day:
            start = timezone.make_aware(datetime.combine(self.election_day, time.min))
            if self.participation_closes > start:
                errors["participation_closes"] = (
                    "La participación debe cerrar antes de la jornada electoral (veda)."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def statistics_from(self):
        """When the public statistics open: their own date, or the results date."""
        return self.statistics_public_from or self.results_public_from

    @property
    def phase(self):
        return calendar.current_phase(self)

    @property
    def phase_label(self):
        return calendar.PHASES[self.phase]

    def is_open(self, feature):
        return calendar.is_open(self, feature)

    def apply(self, dates):
        for field, value in vars(dates).items():
            setattr(self, field, value)


# --- Representation bodies (/organos/) ---------------------------------------
