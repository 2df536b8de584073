"""/estadisticas/: nothing before «Estadísticas públicas desde»; afterwards totals
that equal what is stored, a chart and a table per series, CSV and JSON of each,
and never a party's, candidacy's, platform's or proposal's name or figure."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from electoral.models import PoliticalActorPage
from home.models import ElectionCalendar
from participation.models import DailyCount, Idea, Reaction, Target
from participation.statistics import figures
from participation.statistics import models as m

from .conftest import beacon, set_phase

pytestmark = pytest.mark.django_db


def downloads(client):
    """Every public statistics download: (address, text)."""
    slugs = [s.slug for s in figures.build()] + ["estadisticas"]
    out = []
    for slug in slugs:
        for ext in ("csv", "json"):
            r = client.get(f"/estadisticas/{slug}.{ext}")
            assert r.status_code == 200, (slug, ext)
            out.append((f"{slug}.{ext}", r.content.decode("utf-8-sig")))
    return out


def headline_figures(html):
    pairs = re.findall(r"<dt>(.*?)</dt><dd>([\d,]+)</dd>", html)
    return {
        label.replace("&laquo;", "«").replace("&raquo;", "»"): int(n.replace(",", ""))
        for label, n in pairs
    }


def test_before_the_date_the_page_says_when_and_shows_no_figure(visitor, campaign):
    DailyCount.objects.create(day=timezone.localdate(), metric=m.VISITS, key="inicio", n=7341)
    r = visitor.get("/estadisticas/")
    assert r.status_code == 200
    html = r.content.decode()
    calendar = ElectionCalendar.load()
    start = timezone.localtime(calendar.statistics_from)
    assert "Las estadísticas de uso de Decide IEEM se publican a partir del" in html
    assert f"{start.day} de " in html and str(start.year) in html
    assert "7341" not in html and "7,341" not in html
    assert "stats-totals" not in html and "<svg viewBox" not in html and "<table" not in html
    for ext in ("csv", "json"):
        d = visitor.get(f"/estadisticas/visitas-por-dia.{ext}")
        assert d.status_code == 404 and "se publican a partir del" in d.content.decode()
        assert visitor.get(f"/estadisticas/estadisticas.{ext}").status_code == 404
    # Not listed in the menu, the home page or the footer yet.
    home = visitor.get("/").content.decode()
    assert 'href="/estadisticas/"' not in home


def test_the_date_defaults_to_the_results_date_and_its_own_date_wins(site):
    calendar = set_phase("campaign")
    assert calendar.statistics_public_from == calendar.results_public_from
    calendar.statistics_public_from = None
    calendar.save()
    assert calendar.statistics_from == calendar.results_public_from
    assert not calendar.is_open("statistics")
    calendar.results_public_from = timezone.now() - timedelta(hours=1)
    assert calendar.is_open("statistics"), "empty: opens with the results"
    calendar.statistics_public_from = timezone.now() + timedelta(days=2)
    assert not calendar.is_open("statistics"), "its own date wins"


def test_election_phase_results_makes_the_statistics_current(visitor, campaign):
    call_command("election_phase", "results", stdout=io.StringIO())
    assert ElectionCalendar.load().is_open("statistics")
    html = visitor.get("/estadisticas/").content.decode()
    assert "stats-totals" in html


def test_linked_from_the_home_page_and_the_footer_once_public(visitor, public_statistics):
    html = visitor.get("/").content.decode()
    footer = html.split('aria-label="Pie de página"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/estadisticas/"' in footer
    entries = html.split('id="titulo-secciones"', 1)[1]
    assert 'href="/estadisticas/"' in entries


def test_totals_on_the_page_equal_what_is_stored(visitor, public_statistics, participation):
    for path in ["/", "/", "/quitadudas/", "/mi-boleta/5200/"]:
        beacon(visitor, path)
    html = visitor.get("/estadisticas/").content.decode()
    shown = headline_figures(html)
    likes = Reaction.objects.filter(value=Reaction.LIKE).count()
    dislikes = Reaction.objects.filter(value=Reaction.DISLIKE).count()
    assert likes and dislikes
    assert shown == {
        "Páginas consultadas": sum(
            DailyCount.objects.filter(metric=m.VISITS).values_list("n", flat=True)
        ),
        "Consultas de «Mi boleta»": 1,
        "«Me gusta»": likes,
        "«No me gusta»": dislikes,
        "Ideas recibidas": Idea.objects.count(),
        "Ideas aceptadas": Idea.objects.filter(status=Idea.ACCEPTED).count(),
        "Ideas rechazadas": Idea.objects.filter(status=Idea.REJECTED).count(),
    }
    assert shown["Páginas consultadas"] == 4
    # Ideas by status and reason, in the JSON.
    data = visitor.get("/estadisticas/ideas-por-estado.json").json()
    by_key = {row["clave"]: row["valores"][0] for row in data["filas"]}
    assert by_key["pendiente"] == Idea.objects.filter(status=Idea.PENDING).count() == 1
    assert by_key["aceptada"] == 2
    assert by_key["rechazada-spam"] == Idea.objects.filter(reason="spam").count() == 2
    assert by_key["rechazada-ofensiva"] == 1
    assert by_key["rechazada-datos_personales"] == 0
    # Reactions per day add up to the stored reactions, two days.
    days = visitor.get("/estadisticas/reacciones-por-dia.json").json()["filas"]
    assert sum(r["valores"][2] for r in days) == Reaction.objects.count()
    assert len([r for r in days if r["valores"][2]]) == 2
    # Participants per day: distinct hashes among that day's reactions and ideas.
    today = timezone.localdate().isoformat()
    participants = {
        r["clave"]: r["valores"][0]
        for r in visitor.get("/estadisticas/participantes-por-dia.json").json()["filas"]
    }
    expected = set(
        Reaction.objects.filter(created_at__date=timezone.localdate()).values_list(
            "participant", flat=True
        )
    ) | set(
        Idea.objects.filter(created_at__date=timezone.localdate()).values_list(
            "participant", flat=True
        )
    )
    assert participants[today] == len(expected)
    # Ideas' municipalities.
    places = {
        r["etiqueta"]: r["valores"][0]
        for r in visitor.get("/estadisticas/municipios-de-las-ideas.json").json()["filas"]
    }
    assert places == {"Toluca": 3, "Sin municipio indicado": 3}
    # The CSV of all series says the same as the JSON.
    rows = list(
        csv.DictReader(
            io.StringIO(visitor.get("/estadisticas/estadisticas.csv").content.decode("utf-8-sig"))
        )
    )
    csv_likes = sum(
        int(r["valor"])
        for r in rows
        if r["serie"] == "reacciones-por-dia" and r["columna"] == "Me gusta"
    )
    assert csv_likes == likes


def test_each_series_has_a_chart_a_table_and_its_downloads(
    visitor, public_statistics, participation
):
    beacon(visitor, "/quitadudas/")
    html = visitor.get("/estadisticas/").content.decode()
    for s in figures.build():
        section = html.split(f'<section class="stats-series" aria-labelledby="{s.slug}">', 1)[
            1
        ].split("</section>", 1)[0]
        assert (
            f'href="/estadisticas/{s.slug}.csv"' in section
            and f'href="/estadisticas/{s.slug}.json"' in section
        )
        if s.rows and any(v[-1] for _, _, v in s.rows):
            assert "<svg" in section and 'aria-hidden="true"' in section, s.slug
            assert "<table>" in section and 'role="region"' in section, s.slug
    # The page is cacheable: the same for everyone, no cookie.
    r = visitor.get("/estadisticas/")
    assert "public" in r["Cache-Control"] and not r.cookies
    assert "csrfmiddlewaretoken" not in html


def _forbidden_names():
    names = set()
    for actor in PoliticalActorPage.objects.all():
        names.update(n for n in (actor.title, getattr(actor, "full_name", "")) if n and len(n) > 3)
    for target in Target.objects.all():
        names.update(
            n for n in (target.label, target.page_title, target.actor_title) if n and len(n) > 3
        )
    return names


def _leaks(text, names):
    return sorted(
        n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text, re.IGNORECASE)
    )


def test_no_actor_name_or_target_title_in_any_public_output(
    visitor, public_statistics, participation
):
    for path in [
        "/",
        "/quitadudas/",
        "/mi-boleta/5200/",
        *(t.page.url for t in participation if t.page),
    ]:
        beacon(visitor, path)
    names = _forbidden_names()
    assert len(names) > 20, "the scan looks for the real actors and targets"
    outputs = [("/estadisticas/", visitor.get("/estadisticas/").content.decode())]
    outputs += downloads(visitor)
    for where, text in outputs:
        assert not _leaks(text, names), where
    # Nor a figure of a single target: no target's own total appears as a JSON value
    # unless it happens to equal an aggregate (checked on distinctive seeded totals).


def test_a_distinctive_per_target_total_never_reaches_the_public(
    visitor, public_statistics, participation
):
    target = participation[0]
    Reaction.objects.bulk_create(
        Reaction(target=target, participant=f"z{i:062d}", value=Reaction.LIKE) for i in range(37)
    )
    per_target = Reaction.objects.filter(target=target, value=Reaction.LIKE).count()
    total_likes = Reaction.objects.filter(value=Reaction.LIKE).count()
    assert per_target != total_likes
    everything = visitor.get("/estadisticas/").content.decode() + "".join(
        t for _, t in downloads(visitor)
    )
    assert (
        f">{per_target}<" not in everything and f'"valores": [\n    {per_target}' not in everything
    )
    assert f"<dd>{total_likes}</dd>" in everything


def test_the_purge_keeps_the_participants_per_day(visitor, public_statistics, participation):
    before = visitor.get("/estadisticas/participantes-por-dia.json").json()["filas"]
    call_command("purge_participation", "--datos-personales", "--forzar", stdout=io.StringIO())
    assert not Reaction.objects.exclude(participant__startswith="borrado-").exists()
    assert visitor.get("/estadisticas/participantes-por-dia.json").json()["filas"] == before
    assert DailyCount.objects.filter(metric=m.PARTICIPANTS).exists()


def test_the_page_runs_a_fixed_number_of_queries(visitor, public_statistics, participation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    beacon(visitor, "/mi-boleta/5300/")
    beacon(visitor, "/quitadudas/casilla/")
    visitor.get("/estadisticas/")
    with CaptureQueriesContext(connection) as few:
        visitor.get("/estadisticas/")
    Reaction.objects.bulk_create(
        Reaction(target=t, participant=f"m{i:062d}", value=Reaction.LIKE)
        for t in participation
        for i in range(40)
    )
    for path in ["/mi-boleta/5200/", "/mi-boleta/5169/", "/quitadudas/", "/"]:
        beacon(visitor, path)
    with CaptureQueriesContext(connection) as more:
        visitor.get("/estadisticas/")
    assert len(more.captured_queries) == len(few.captured_queries) <= 25
