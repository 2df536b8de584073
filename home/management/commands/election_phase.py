from dataclasses import fields

from django.core.management.base import BaseCommand
from django.utils import formats, timezone

from home.calendar import DEMO_PHASES, PHASES, CalendarDates, dates_for_phase
from home.models import ElectionCalendar


def _display(value):
    if hasattr(value, "hour"):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return formats.date_format(value, "DATE_FORMAT")


class Command(BaseCommand):
    help = (
        "Mueve el calendario electoral para que la fase indicada sea la actual "
        "(demostraciones y capacitación). Imprime las fechas resultantes."
    )

    def add_arguments(self, parser):
        parser.add_argument("phase", choices=DEMO_PHASES)

    def handle(self, *args, phase, **options):
        cal = ElectionCalendar.load()
        cal.apply(dates_for_phase(phase))
        cal.full_clean()
        cal.save()
        self.stdout.write(self.style.SUCCESS(f"Fase actual: {PHASES[cal.phase]}"))
        for field in fields(CalendarDates):
            label = ElectionCalendar._meta.get_field(field.name).verbose_name
            self.stdout.write(f"  {label}: {_display(getattr(cal, field.name))}")
