"""Participation's calendar: when reactions and ideas are received, in Spanish.

The rules of each area live in reactions/services.py and ideas/services.py.
"""

import time

from django.utils import formats, timezone

from home.models import ElectionCalendar

_CALENDAR_SECONDS = 2.0
_calendar_memo = {"at": 0.0, "value": None}


def calendar():
    """The ElectionCalendar, re-read at most every 2 seconds per process.

    The endpoints ask on every request; the window itself is computed from
    the dates at each call, so only an edit of the dates takes up to two
    seconds to reach every process (the process that saves sees it at once).
    """
    now = time.monotonic()
    if _calendar_memo["value"] is None or now - _calendar_memo["at"] > _CALENDAR_SECONDS:
        _calendar_memo.update(value=ElectionCalendar.load(), at=now)
    return _calendar_memo["value"]


def forget_calendar(**kwargs):
    _calendar_memo["value"] = None


def format_moment(value):
    text = formats.date_format(timezone.localtime(value), r"j \d\e F \d\e Y, H:i \h")
    return text.lower()  # Spanish month names are not capitalised


def closed_message(calendar, now=None):
    """Spanish sentence telling when participation opens/opened and closes."""
    now = now or timezone.now()
    opens, closes = calendar.participation_opens, calendar.participation_closes
    if not opens or not closes:
        return "La participación ciudadana no está abierta. El IEEM publicará sus fechas."
    if now < opens:
        return (
            "La participación ciudadana aún no está abierta: podrás opinar y enviar ideas "
            f"del {format_moment(opens)} al {format_moment(closes)}."
        )
    return (
        f"La participación ciudadana cerró el {format_moment(closes)} (estuvo abierta desde el "
        f"{format_moment(opens)}). Ya no se reciben reacciones ni ideas."
    )


def open_message(calendar):
    return f"Puedes opinar y enviar ideas hasta el {format_moment(calendar.participation_closes)}."
