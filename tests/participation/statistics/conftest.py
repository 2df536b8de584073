"""Fixtures for the tool's statistics: a visitor-like client that sends page-view
beacons, the calendar before and after «Estadísticas públicas desde», and
participation rows on real targets of the site built by setup_site."""

from datetime import timedelta

import pytest
from django.utils import timezone

from home.calendar import dates_for_phase
from home.models import ElectionCalendar
from participation import targets
from participation.models import DailyCount, Idea, Reaction

BROWSER = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145M) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36"
)


def set_phase(phase):
    calendar = ElectionCalendar.load()
    calendar.apply(dates_for_phase(phase))
    calendar.save()
    return calendar


@pytest.fixture
def visitor(client):
    """A Django client that looks like a phone's visitor."""
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    return client


def beacon(client, path, q="", **headers):
    """What static/js/site.js sends when a page (cached or not) is shown."""
    data = {"ruta": path}
    if q:
        data["q"] = q
    return client.post("/participa/visita/", data, **headers)


def stored(metric, key=None):
    qs = DailyCount.objects.filter(metric=metric)
    if key is not None:
        qs = qs.filter(key=key)
    return sum(qs.values_list("n", flat=True))


@pytest.fixture
def public_statistics(site):
    return set_phase("results")


@pytest.fixture
def campaign(site):
    return set_phase("campaign")


def real_targets(site):
    """Targets of real platform and profile pages (the site's example content)."""
    from electoral.models import CandidateProfilePage, PlatformPage

    found = []
    for model in (PlatformPage, CandidateProfilePage):
        for page in model.objects.live().order_by("pk"):
            for block_id, _label in page.feedback_targets()[:2]:
                target = targets.resolve(page.pk, block_id)
                if target is not None:
                    found.append(target)
            if len(found) >= 6:
                break
    assert len(found) >= 4, "the site has participation targets"
    return found


@pytest.fixture
def participation(site):
    """Reactions and ideas over several real targets, on two days."""
    found = real_targets(site)
    now = timezone.now()
    yesterday = now - timedelta(days=1)
    rows = []
    for i, target in enumerate(found):
        for j in range(3 + i):
            rows.append(
                Reaction(
                    target=target,
                    participant=f"p{j:062d}",
                    value=Reaction.LIKE if (i + j) % 3 else Reaction.DISLIKE,
                    created_at=yesterday if j % 2 else now,
                )
            )
    Reaction.objects.bulk_create(rows)
    ideas = []
    statuses = [
        (Idea.PENDING, ""),
        (Idea.ACCEPTED, ""),
        (Idea.ACCEPTED, ""),
        (Idea.REJECTED, "spam"),
        (Idea.REJECTED, "ofensiva"),
        (Idea.REJECTED, "spam"),
    ]
    for i, (status, reason) in enumerate(statuses):
        ideas.append(
            Idea(
                target=found[i % len(found)],
                text=f"Idea de prueba número {i} que nunca se publica",
                text_hash=f"{i:064d}",
                consent_at=now,
                participant=f"p{i:062d}" if i < 4 else f"q{i:062d}",
                municipality_name="Toluca" if i % 2 else "",
                status=status,
                reason=reason,
                created_at=yesterday if i < 2 else now,
            )
        )
    Idea.objects.bulk_create(ideas)
    return found
