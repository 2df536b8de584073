"""Delivery of accepted ideas and the e-mail promised to the citizens who asked for it."""

import io
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.utils import timezone

from participation import targets
from participation.ideas import delivery
from participation.models import Idea
from tests.participation.conftest import TOPIC, TOPIC2, set_phase
from tests.participation.factories import IdeaFactory

pytestmark = pytest.mark.django_db


def make_idea(target, text, status=Idea.ACCEPTED, email="", name="", days_ago=3):
    return IdeaFactory(
        target=target,
        text=text,
        name=name,
        email=email,
        created_at=timezone.now() - timedelta(days=days_ago),
        status=status,
    )


@pytest.fixture
def ideas(feedback_page):
    security = targets.resolve(feedback_page.pk, TOPIC)
    health = targets.resolve(feedback_page.pk, TOPIC2)
    return {
        "ana1": make_idea(security, "Más alumbrado público", email="ana@example.org", name="Ana"),
        "ana2": make_idea(health, "Clínicas abiertas de noche", email="ANA@example.org "),
        "silent": make_idea(security, "Sin correo, sin aviso"),
        "rejected": make_idea(security, "Compra aquí", Idea.REJECTED, email="spam@example.org"),
        "pending": make_idea(health, "Aún en revisión", Idea.PENDING, email="beto@example.org"),
    }


def deliver(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("deliver_ideas", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_nothing_is_delivered_or_sent_before_the_delivery_date(ideas):
    with pytest.raises(CommandError, match="Aún no llega la fecha de entrega a los partidos"):
        deliver()
    assert not Idea.objects.filter(delivered_at__isnull=False).exists()
    assert mail.outbox == []


def test_accepted_ideas_are_delivered_and_each_address_told_once(ideas):
    set_phase("delivery")
    out, err = deliver()

    delivered = set(Idea.objects.filter(delivered_at__isnull=False).values_list("text", flat=True))
    assert delivered == {
        "Más alumbrado público",
        "Clínicas abiertas de noche",
        "Sin correo, sin aviso",
    }
    assert "Ideas entregadas en esta ejecución: 3 (Partido de Prueba: 3)" in out
    assert "Avisos por correo enviados: 1; fallidos: 0." in out
    assert "Queda 1 idea pendiente de moderar" in out and err == ""

    (message,) = mail.outbox  # both of Ana's ideas in one message, nobody else written to
    assert message.to == ["ana@example.org"]
    assert message.subject == "Tus ideas se entregaron · Decide IEEM"
    assert message.body.startswith("Hola:")
    assert "Ana" not in message.body  # nothing the sender typed is repeated
    assert "Sobre «Seguridad» (Plataforma de prueba)" in message.body
    assert "Sobre «Salud» (Plataforma de prueba)" in message.body
    assert "entregada a Partido de Prueba el" in message.body
    assert "http://testserver/aviso-de-privacidad/" in message.body
    assert "alumbrado" not in message.body  # the idea's text is not repeated by e-mail
    assert Idea.objects.filter(notified_at__isnull=False).count() == 2


def test_running_again_sends_nothing_twice_and_delivers_later_acceptances(ideas):
    set_phase("delivery")
    deliver()
    mail.outbox.clear()
    out, _ = deliver()
    assert "Ideas entregadas en esta ejecución: 0" in out and mail.outbox == []

    ideas["pending"].moderate(Idea.ACCEPTED)
    ideas["pending"].save()
    out, _ = deliver()
    assert "Ideas entregadas en esta ejecución: 1" in out
    (message,) = mail.outbox
    assert message.to == ["beto@example.org"]
    assert message.subject == "Tu idea se entregó · Decide IEEM"
    assert message.body.startswith("Hola:")
    assert "pendiente" not in out


def test_simulation_changes_nothing(ideas):
    set_phase("delivery")
    out, _ = deliver("--simular")
    assert "Se entregarían 3 ideas aceptadas; avisos pendientes: 2 ideas con correo." in out
    assert not Idea.objects.filter(delivered_at__isnull=False).exists()
    assert mail.outbox == []


class FailingOnce(EmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("relay down")


def test_failed_notice_stays_pending_and_is_retried(ideas, monkeypatch):
    set_phase("delivery")
    monkeypatch.setattr(delivery, "mailers", SimpleNamespace(default=FailingOnce()))
    out, err = deliver()
    assert "Avisos por correo enviados: 0; fallidos: 1." in out
    assert "quedan pendientes" in err
    assert Idea.objects.filter(delivered_at__isnull=False).count() == 3  # delivery stands
    assert not Idea.objects.filter(notified_at__isnull=False).exists()

    with pytest.raises(CommandError, match="aviso por correo aún no se envía"):
        call_command("purge_participation", "--datos-personales", stdout=io.StringIO())
    assert Idea.objects.get(pk=ideas["ana1"].pk).email == "ana@example.org"

    monkeypatch.undo()
    out, _ = deliver()
    assert "Avisos por correo enviados: 1; fallidos: 0." in out
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    call_command("purge_participation", "--datos-personales", stdout=io.StringIO())
    assert not Idea.objects.exclude(email="").exists()


def test_notice_is_plain_text_and_does_not_repeat_the_name(feedback_page):
    set_phase("delivery")
    target = targets.resolve(feedback_page.pk, TOPIC)
    make_idea(target, "Una idea", email="eva@example.org", name="<b>Eva & Co</b>")
    deliver()
    (message,) = mail.outbox
    assert message.body.startswith("Hola:")
    assert "Eva" not in message.body
    assert message.content_subtype == "plain"


def test_notices_carry_nothing_a_stranger_typed_and_no_extra_header(feedback_page):
    """Anyone may type someone else's address: the notice must not carry their text."""
    set_phase("delivery")
    target = targets.resolve(feedback_page.pk, TOPIC)
    make_idea(
        target,
        "Una idea cualquiera para el aviso",
        email="victima@example.org",
        name="Ana.\n\nURGENTE: tu credencial fue cancelada, entra a http://phish.example",
    )
    deliver()
    (message,) = mail.outbox
    assert message.to == ["victima@example.org"]
    assert message.cc == [] and message.bcc == [] and message.extra_headers == {}
    assert "URGENTE" not in message.body and "phish" not in message.body
    assert "\n" not in message.subject and "\r" not in message.subject
    raw = message.message().as_string()
    assert "Bcc" not in raw and "phish" not in raw


def test_an_address_that_is_not_one_valid_address_is_never_used(feedback_page):
    set_phase("delivery")
    target = targets.resolve(feedback_page.pk, TOPIC)
    bad = make_idea(
        target,
        "Idea con un correo manipulado",
        email="ana@example.org\nBcc: todos@example.org",
    )
    out, _ = deliver()
    assert mail.outbox == []
    bad.refresh_from_db()
    assert bad.email == "" and bad.notified_at is None  # erased, nothing pending to purge
    assert delivery.pending_notices().count() == 0


def test_labels_and_titles_are_written_on_one_line(feedback_page):
    set_phase("delivery")
    target = targets.resolve(feedback_page.pk, TOPIC)
    target.label = "Seguridad\r\nX-Extra: 1\u202e"
    target.save()
    make_idea(target, "Idea para probar etiquetas", email="ana@example.org")
    deliver()
    (message,) = mail.outbox
    assert "Sobre «Seguridad X-Extra: 1» (" in message.body
    assert "\u202e" not in message.body and "\r" not in message.body
