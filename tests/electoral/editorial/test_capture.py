"""Capture progress: the party editor's dashboard, IEEM's report and panel,
the daily reminders and the public figure (issue 20)."""

import csv
import io
from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from electoral.editorial.capture import (
    CHANGES,
    DRAFT,
    IN_REVIEW,
    MISSING,
    PUBLISHED,
    progress_for,
)
from electoral.editorial.models import CaptureReminder
from electoral.models import CandidateProfilePage
from electoral.parties.capture import published_profiles
from home.models import ElectionCalendar
from home.spreadsheets import neutralise
from tests.electoral.factories import make_candidacy, make_municipality, make_staff

REASON = "Falta la fuente de la propuesta de seguridad."


def _submit(page, user):
    page = Page.objects.get(pk=page.pk).specific
    workflow = page.get_workflow()
    page.save_revision(user=user)
    return workflow.start(page, user)


def _progress(tree):
    (progress,) = progress_for([tree.actor])
    return progress


def test_counts_equal_the_live_pages(trees, capture):
    progress = _progress(trees["pan"])
    statuses = [i.status for i in progress.profiles]
    assert statuses == [PUBLISHED, DRAFT, MISSING]
    counts = progress.profile_counts
    assert (counts.published, counts.in_review, counts.missing, counts.total) == (1, 0, 2, 3)
    live = CandidateProfilePage.objects.live().filter(candidacy__actor=trees["pan"].actor)
    assert counts.published == live.count() == 1
    assert published_profiles()[trees["pan"].actor.pk].published == live.count()
    sections = {i.label: i.status for i in progress.sections}
    assert sections == {"Seguridad": PUBLISHED, "Empleo": IN_REVIEW, "Agua": MISSING}
    morena = _progress(trees["morena"])
    assert morena.profile_counts.published == 2 and morena.missing_items == []


def test_profile_in_review_counts_as_in_review_not_published(trees, editors, moderator, capture):
    state = _submit(capture["draft"], editors["pan"])
    counts = _progress(trees["pan"]).profile_counts
    assert (counts.published, counts.in_review, counts.missing) == (1, 1, 1)
    assert published_profiles()[trees["pan"].actor.pk].published == 1

    state.current_task_state.reject(user=moderator, comment=REASON)
    progress = _progress(trees["pan"])
    item = progress.profiles[1]
    assert item.status == CHANGES and item.reason == REASON
    assert progress.profile_counts.in_review == 1 and progress.profile_counts.changes == 1
    assert progress.changes_items == [item]


def test_editor_dashboard_shows_only_its_own_actor(client, trees, editors, capture):
    client.force_login(editors["pan"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Captura de Partido Acción Nacional" in html
    assert "Publicados 1 de 3 perfiles" in html
    assert "Plataforma: 1 de 3 temas publicados" in html
    assert "Persona Pan 3" in html and "Borrador sin enviar" in html
    # Nothing of another actor.
    assert "Morena" not in html and "Persona Morena" not in html
    # A missing profile links to the add view, pre-filled with its candidacy.
    missing = capture["heads"][2]
    add = reverse(
        "wagtailadmin_pages:add",
        args=["electoral", "candidateprofilepage", trees["pan"].profiles.pk],
    )
    assert f'href="{add}?candidacy={missing.pk}"' in html
    assert reverse("wagtailadmin_pages:edit", args=[capture["draft"].pk]) in html

    client.force_login(editors["morena"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Captura de Morena" in html and "Publicados 2 de 2 perfiles" in html
    assert "Persona Pan" not in html


def test_add_link_prefills_the_candidacy_and_title(client, trees, editors, capture):
    missing = capture["heads"][2]
    parent = trees["pan"].profiles
    add = reverse("wagtailadmin_pages:add", args=["electoral", "candidateprofilepage", parent.pk])
    client.force_login(editors["pan"])
    html = client.get(f"{add}?candidacy={missing.pk}").content.decode()
    assert f'name="candidacy" value="{missing.pk}"' in html
    assert 'value="Persona Pan 3"' in html
    # Another actor's candidacy is never pre-filled.
    other = capture["morena"][0]
    html = client.get(f"{add}?candidacy={other.pk}").content.decode()
    assert f'name="candidacy" value="{other.pk}"' not in html
    assert 'value="Persona Morena 1"' not in html


def test_dashboard_says_when_the_capture_window_closed(client, trees, editors, capture):
    client.force_login(editors["pan"])
    assert "La captura está abierta hasta el" in client.get("/admin/").content.decode()
    calendar = ElectionCalendar.load()
    calendar.profile_capture_until = timezone.now() - timedelta(hours=1)
    calendar.save()
    html = client.get("/admin/").content.decode()
    assert "La captura cerró el" in html and "Solo el IEEM puede ampliar la fecha límite" in html
    # Creating or editing is refused to the party editor (not to IEEM)…
    edit = reverse("wagtailadmin_pages:edit", args=[capture["draft"].pk])
    response = client.get(edit, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"
    assert "ya no se pueden crear ni editar" in response.content.decode()
    add = reverse(
        "wagtailadmin_pages:add",
        args=["electoral", "candidateprofilepage", trees["pan"].profiles.pk],
    )
    assert client.get(add).status_code == 302
    client.force_login(make_staff("admin-ieem", "Administración IEEM"))
    assert client.get(edit).status_code == 200
    # …until IEEM extends the date.
    calendar.profile_capture_until = timezone.now() + timedelta(days=2)
    calendar.save()
    client.force_login(editors["pan"])
    assert client.get(edit).status_code == 200


def test_report_for_ieem_staff_only_with_csv_and_xlsx(
    client, trees, editors, moderator, comms, capture
):
    url = reverse("decide_capture_report")
    client.force_login(editors["pan"])
    # Refused as Wagtail refuses (to the admin home); a fetch gets a 403.
    for query in ({}, {"export": "csv"}):
        response = client.get(url, query)
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
        xhr = client.get(url, query, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        assert xhr.status_code == 403

    for user in (moderator, comms, make_staff("admin-ieem", "Administración IEEM")):
        client.force_login(user)
        html = client.get(url).content.decode()
        assert "Avance de captura de los partidos" in html
        assert "Partido Acción Nacional" in html and "Morena" in html
        assert "1 de 3 (33 %)" in html and "2 de 2 (100 %)" in html

    client.force_login(moderator)
    html = client.get(url, {"avance": "completos"}).content.decode()
    assert "Morena" in html and "Partido Acción Nacional" not in html

    response = client.get(url, {"export": "csv"})
    body = b"".join(response.streaming_content).decode()
    rows = {r["Partido, coalición o candidatura"]: r for r in csv.DictReader(io.StringIO(body))}
    pan = rows["Partido Acción Nacional"]
    assert (
        pan["Perfiles publicados"],
        pan["Perfiles faltantes"],
        pan["Candidaturas que encabeza"],
    ) == ("1", "2", "3")
    assert pan["Apartados en revisión"] == "1" and pan["Revisión pendiente desde"]
    assert rows["Morena"]["Porcentaje publicado"] == "100"

    response = client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_csv_cells_that_look_like_formulas_are_neutralised(client, trees, moderator, capture):
    actor = trees["pan"].actor
    actor.title = '=HYPERLINK("http://x")'
    actor.save()
    client.force_login(moderator)
    body = b"".join(
        client.get(reverse("decide_capture_report"), {"export": "csv"}).streaming_content
    ).decode()
    assert "'=HYPERLINK" in body and "\n=HYPERLINK" not in body and ",=HYPERLINK" not in body
    for start in "=+-@\t\r":
        assert neutralise(start + "1") == "'" + start + "1"
    assert neutralise("PAN") == "PAN" and neutralise(3) == 3


def test_ieem_dashboard_lists_the_actors_furthest_behind(
    client, trees, moderator, editors, capture
):
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    assert "Captura de los partidos: más rezagados" in html
    panel = html.split("más rezagados", 1)[1].split("Ver el avance de todos")[0]
    assert "Partido Acción Nacional" in panel and "1 de 3 (33 %)" in panel
    assert "Morena" not in panel  # nothing missing
    client.force_login(editors["pan"])
    assert "más rezagados" not in client.get("/admin/").content.decode()


def test_reminders_only_to_actors_with_something_missing_once_a_day(trees, editors, capture):
    mail.outbox.clear()
    out = io.StringIO()
    call_command("send_capture_reminders", stdout=out)
    recipients = sorted(to for m in mail.outbox for to in m.to)
    # PAN has missing items; Morena has nothing missing; the coalition and the
    # independent have platform topics missing.
    assert "editor-pan@example.org" in recipients
    assert "editor-morena@example.org" not in recipients
    pan_mail = next(m for m in mail.outbox if "editor-pan@example.org" in m.to)
    assert pan_mail.subject.startswith("Decide IEEM: Partido Acción Nacional tiene 2 perfiles")
    assert "1 de 3 publicados (33 %)" in pan_mail.body
    assert "Persona Pan 3, Presidencia municipal · Aculco" in pan_mail.body
    assert "(borrador sin enviar a revisión)" in pan_mail.body
    assert "Temas de la plataforma por capturar: Agua." in pan_mail.body
    assert f"?candidacy={capture['heads'][2].pk}" in pan_mail.body
    assert CaptureReminder.objects.filter(actor_id=trees["pan"].actor.pk).count() == 1
    assert "Recordatorios enviados:" in out.getvalue()

    # Same day: nothing again.
    sent = len(mail.outbox)
    call_command("send_capture_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == sent

    # Next day: again, for what is still missing.
    CaptureReminder.objects.update(sent_on=timezone.localdate() - timedelta(days=1))
    mail.outbox.clear()
    call_command("send_capture_reminders", stdout=io.StringIO())
    assert "editor-pan@example.org" in [to for m in mail.outbox for to in m.to]


def test_no_reminders_after_the_deadline(trees, editors, capture):
    calendar = ElectionCalendar.load()
    calendar.profile_capture_until = timezone.now() - timedelta(minutes=1)
    calendar.save()
    mail.outbox.clear()
    out = io.StringIO()
    call_command("send_capture_reminders", stdout=out)
    assert mail.outbox == [] and "cerró" in out.getvalue()
    assert not CaptureReminder.objects.exists()


def test_public_figure_counts_live_profiles_only(client, trees, editors, capture):
    expected = "Información publicada por el partido: <strong>1 de 3 perfiles (33 %)</strong>"
    html = client.get("/partidos/").content.decode()
    assert expected in html
    assert "<strong>2 de 2 perfiles (100 %)</strong>" in html
    # Submitting the draft does not change the public figure.
    _submit(capture["draft"], editors["pan"])
    html = client.get("/partidos/").content.decode()
    assert expected in html
    assert expected in client.get(trees["pan"].actor.url).content.decode()
    # Official order kept: PAN (1) before Morena (2).
    assert html.index("Partido Acción Nacional") < html.index("Morena")
    assert "Cómo se calcula «Información publicada por el partido»" in html


def test_candidacy_filter_with_and_without_published_profile(client, trees, capture):
    html = client.get("/candidaturas/?perfil=con&partido=pan").content.decode()
    assert "Persona Pan 1" in html and "Persona Pan 2" not in html
    html = client.get("/candidaturas/?perfil=sin&partido=pan").content.decode()
    assert "Persona Pan 2" in html and "Persona Pan 3" in html and "Persona Pan 1" not in html
    assert "Suplente Pan" not in html  # only heads have profiles
    body = b"".join(client.get("/candidaturas.csv?perfil=sin").streaming_content).decode()
    names = [r["nombre_registrado"] for r in csv.DictReader(io.StringIO(body.lstrip("\ufeff")))]
    assert sorted(names) == ["PERSONA PAN 2", "PERSONA PAN 3"]
    response = client.get("/candidaturas/?perfil=quizas")
    assert response.status_code == 400 and "no es válido" in response.content.decode()


def test_public_figure_queries_do_not_grow(client, trees, capture, django_assert_num_queries):
    client.get("/partidos/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get("/partidos/")
    places = [make_municipality(n, f"Municipio {n}") for n in range(10, 40)]
    for m in places:
        make_candidacy(trees["pan"].actor, municipality=m, name=f"OTRA PERSONA {m.ine_code}")
    with CaptureQueriesContext(connection) as after:
        html = client.get("/partidos/").content.decode()
    assert "1 de 33 perfiles (3 %)" in html
    assert len(after.captured_queries) == len(before.captured_queries)


def test_progress_queries_do_not_grow_with_actors(trees, capture, django_assert_max_num_queries):
    from electoral.models import PoliticalActorPage

    actors = list(PoliticalActorPage.objects.all())
    with django_assert_max_num_queries(8):
        progress_for(actors)
