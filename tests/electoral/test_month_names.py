"""Spanish month names are written in lower case («21 de noviembre de 2026»):
Django's es locale capitalises them in the "F" date format, so every
template that uses it lowercases the date, as the home calendar does (the
review line's «Noviembre» showed up in the moderator browser journey)."""

import datetime
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import translation

from electoral.editorial import review

DAY = datetime.date(2026, 11, 21)


def _render(template, **context):
    with translation.override("es-mx"):
        return " ".join(render_to_string(template, context).split())


def test_review_line_writes_the_month_in_lower_case(monkeypatch):
    monkeypatch.setattr(review, "ieem_review_date", lambda page: DAY)
    page = SimpleNamespace(is_example=False)
    actor = SimpleNamespace(url="/partidos/pes/", title="PES")
    html = _render("electoral/includes/published_by.html", page=page, actor=actor)
    assert "revisado por el IEEM el 21 de noviembre de 2026" in html


def test_ballot_notice_writes_the_month_in_lower_case():
    calendar = SimpleNamespace(candidacies_public_from=DAY)
    html = _render(
        "electoral/includes/ballot_candidacies.html",
        calendar=calendar,
        candidacies_public=False,
        office="ayuntamiento",
        ballot=SimpleNamespace(extra={}),
    )
    assert "a partir del <strong>21 de noviembre de 2026</strong>" in html


def test_digest_writes_the_month_in_lower_case():
    item = SimpleNamespace(
        page=SimpleNamespace(title="Perfil"),
        actor=None,
        edit_url="/admin/pages/1/edit/",
        requested_by="Edición PES",
        submitted_at=datetime.datetime(2026, 11, 21, 9, 30),
        hours_waiting=30,
    )
    text = _render("electoral/editorial/moderation_digest.txt", items=[item], hours=24)
    assert "Enviada por Edición PES el 21 de noviembre a las 09:30" in text
