"""The election calendar: which phase is the site in right now?

Dates are content (the ElectionCalendar setting, edited by IEEM staff), never
constants. Every feature asks this module, never compares dates itself.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

# Phase keys in chronological order, with their Spanish labels.
PHASES = {
    "preparation": "Preparación del proceso electoral",
    "platforms": "Plataformas electorales registradas",
    "campaign": "Campañas electorales: participación abierta",
    "silence": "Veda electoral",
    "election_day": "Jornada electoral",
    "counting": "Cómputos y resultados en preparación",
    "results": "Resultados oficiales publicados",
    "delivery": "Entrega de la participación a los partidos",
}

# Names accepted by `manage.py election_phase`.
DEMO_PHASES = ("campaign", "silence", "results", "delivery")


@dataclass(frozen=True)
class CalendarDates:
    platforms_public_from: datetime
    candidacies_public_from: datetime
    participation_opens: datetime
    participation_closes: datetime
    election_day: object  # datetime.date
    results_public_from: datetime
    statistics_public_from: datetime
    delivery_from: datetime
    profile_capture_until: datetime


def _aware_start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def dates_for_phase(phase, now=None):
    """Calendar dates that make `phase` the current one at `now`.

    Used by the demo command and in tests; the shape follows a real local
    process: campaign, then three days of silence before election day,
    results a few days after, delivery to parties weeks later.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    offsets = {
        # phase: (election day offset in days from today)
        "campaign": 13,
        "silence": 2,
        "results": -7,
        "delivery": -40,
    }
    if phase not in offsets:
        raise ValueError(f"Fase desconocida: {phase}")
    election_day = today + timedelta(days=offsets[phase])
    election_start = _aware_start_of(election_day)
    participation_closes = election_start - timedelta(days=3)
    dates = CalendarDates(
        platforms_public_from=election_start - timedelta(days=60),
        candidacies_public_from=election_start - timedelta(days=45),
        participation_opens=election_start - timedelta(days=40),
        participation_closes=participation_closes,
        election_day=election_day,
        results_public_from=election_start + timedelta(days=4),
        # The public statistics of the tool open with the results.
        statistics_public_from=election_start + timedelta(days=4),
        delivery_from=election_start + timedelta(days=30),
        # IEEM's deadline for the parties' platforms and profiles: a week
        # before election day, so open during the campaign demo phase.
        profile_capture_until=election_start - timedelta(days=7),
    )
    return dates


def current_phase(calendar, now=None):
    """Key of the phase `calendar` is in at `now` (see PHASES)."""
    now = now or timezone.now()
    if calendar.delivery_from and now >= calendar.delivery_from:
        return "delivery"
    if calendar.results_public_from and now >= calendar.results_public_from:
        return "results"
    if calendar.election_day:
        election_start = _aware_start_of(calendar.election_day)
        if election_start <= now < election_start + timedelta(days=1):
            return "election_day"
        if now >= election_start + timedelta(days=1):
            return "counting"
    if calendar.participation_closes and now >= calendar.participation_closes:
        return "silence"
    if calendar.participation_opens and now >= calendar.participation_opens:
        return "campaign"
    if calendar.platforms_public_from and now >= calendar.platforms_public_from:
        return "platforms"
    return "preparation"


def is_open(calendar, feature, now=None):
    """Is `feature` available at `now`?

    features: "platforms", "candidacies", "participation", "results", "statistics"
    (its own date, or the results date when empty), "delivery",
    "capture" (parties capture platforms and profiles: open until IEEM's
    deadline, or with no deadline set).
    """
    now = now or timezone.now()
    if feature == "capture":
        deadline = calendar.profile_capture_until
        return deadline is None or now < deadline
    if feature == "participation":
        return bool(
            calendar.participation_opens
            and calendar.participation_closes
            and calendar.participation_opens <= now < calendar.participation_closes
        )
    if feature == "statistics":
        start = calendar.statistics_public_from or calendar.results_public_from
        return bool(start and now >= start)
    field = {
        "platforms": "platforms_public_from",
        "candidacies": "candidacies_public_from",
        "results": "results_public_from",
        "delivery": "delivery_from",
    }[feature]
    start = getattr(calendar, field)
    return bool(start and now >= start)
