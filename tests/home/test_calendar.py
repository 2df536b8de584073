import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from home.calendar import dates_for_phase, is_open
from home.models import ElectionCalendar


def calendar_in(phase, now=None):
    cal = ElectionCalendar()
    cal.apply(dates_for_phase(phase, now=now))
    return cal


@pytest.mark.parametrize("phase", ["campaign", "silence", "results", "delivery"])
def test_dates_for_phase_make_that_phase_current(phase):
    assert calendar_in(phase).phase == phase


def test_participation_only_during_campaign():
    assert is_open(calendar_in("campaign"), "participation")
    for phase in ("silence", "results", "delivery"):
        assert not is_open(calendar_in(phase), "participation"), phase


def test_results_and_delivery_windows():
    assert not is_open(calendar_in("campaign"), "results")
    assert is_open(calendar_in("results"), "results")
    assert not is_open(calendar_in("results"), "delivery")
    assert is_open(calendar_in("delivery"), "delivery")
    assert is_open(calendar_in("campaign"), "platforms")
    assert is_open(calendar_in("campaign"), "candidacies")


def test_phase_boundaries_are_exact():
    cal = calendar_in("campaign")
    closes = cal.participation_closes
    assert is_open(cal, "participation", now=closes - timedelta(seconds=1))
    assert not is_open(cal, "participation", now=closes)
    election_start = closes + timedelta(days=3)
    assert cal.phase_label
    from home.calendar import current_phase

    assert current_phase(cal, now=closes) == "silence"
    assert current_phase(cal, now=election_start + timedelta(hours=8)) == "election_day"
    assert current_phase(cal, now=election_start + timedelta(days=2)) == "counting"


def test_empty_calendar_is_preparation_and_nothing_open():
    cal = ElectionCalendar()
    assert cal.phase == "preparation"
    for feature in ("platforms", "candidacies", "participation", "results", "delivery"):
        assert not is_open(cal, feature)


def test_calendar_rejects_participation_after_election_day():
    from django.core.exceptions import ValidationError

    cal = calendar_in("campaign")
    cal.participation_closes = timezone.now() + timedelta(days=30)
    with pytest.raises(ValidationError) as err:
        cal.clean()
    assert "veda" in str(err.value)


@pytest.mark.django_db
def test_election_phase_command_moves_calendar_and_prints_dates():
    out = io.StringIO()
    call_command("election_phase", "silence", stdout=out)
    assert ElectionCalendar.load().phase == "silence"
    text = out.getvalue()
    assert "Veda electoral" in text
    assert "Jornada electoral:" in text
    with pytest.raises(CommandError):
        call_command("election_phase", "nonsense", stdout=io.StringIO())


@pytest.mark.django_db
def test_home_shows_current_phase(client, home_site):
    call_command("election_phase", "silence", stdout=io.StringIO())
    html = client.get("/").content.decode()
    assert "Veda electoral" in html
    call_command("election_phase", "results", stdout=io.StringIO())
    html = client.get("/").content.decode()
    assert "Resultados oficiales publicados" in html


def test_capture_window_closes_at_ieem_deadline():
    cal = calendar_in("campaign")
    deadline = cal.profile_capture_until
    assert deadline is not None and deadline > timezone.now()
    assert is_open(cal, "capture", now=deadline - timedelta(seconds=1))
    assert not is_open(cal, "capture", now=deadline)
    for phase in ("silence", "results", "delivery"):
        assert not is_open(calendar_in(phase), "capture"), phase
    # No deadline set: the capture stays open.
    assert is_open(ElectionCalendar(), "capture")
