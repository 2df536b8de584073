import pytest

from participation.models import Idea
from tests.participation.conftest import TOPIC, participant_client, set_phase, started

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)> & "comillas"'


def idea_url(page, block=TOPIC):
    return f"/participa/idea/?pagina={page.pk}&bloque={block}"


def send(client, page, block=TOPIC, **fields):
    data = {
        "pagina": page.pk,
        "bloque": block,
        "texto": "Propongo más alumbrado público en las colonias del oriente.",
        "nombre": "",
        "municipio": "",
        "correo": "",
        "acepto": "on",
        "sitio_web": "",
        "inicio": started(),
    }
    data.update(fields)
    return client.post("/participa/idea/", data)


def errors_of(response):
    return response.content.decode()


def test_form_page_has_every_field_privacy_link_and_no_public_counts(client, feedback_page):
    response = client.get(idea_url(feedback_page))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Envía tu idea, propuesta o comentario</h1>" in html
    assert "Sobre: <strong>Seguridad</strong> · Partido de Prueba" in html
    for label in (
        "Tu idea, propuesta o comentario",
        "Tu nombre (opcional)",
        "Tu municipio (opcional)",
        "Tu correo electrónico (opcional)",
    ):
        assert label in html
    assert 'href="/aviso-de-privacidad/"' in html
    assert "Entre 10 y 2,000 caracteres" in html
    assert "csrfmiddlewaretoken" in html  # own page, never cached
    assert "no-store" in response["Cache-Control"]
    assert response.cookies.get("decide_participa")


def test_valid_idea_is_stored_pending_and_confirmed(client, feedback_page):
    participant_client(client, feedback_page)
    response = send(client, feedback_page, nombre="Ana", correo="ana@example.org")
    assert response.status_code == 302
    assert (
        response["Location"]
        == f"/participa/idea/recibida/?pagina={feedback_page.pk}&bloque={TOPIC}"
    )
    idea = Idea.objects.get()
    assert idea.status == Idea.PENDING and idea.reason == ""
    assert idea.text == "Propongo más alumbrado público en las colonias del oriente."
    assert (idea.name, idea.email) == ("Ana", "ana@example.org")
    assert idea.target.label == "Seguridad" and idea.target.actor_title == "Partido de Prueba"
    assert idea.consent_at is not None
    assert len(idea.participant) == 64 and len(idea.address) == 64
    assert "127.0.0.1" not in (idea.participant + idea.address)
    thanks = client.get(response["Location"]).content.decode()
    assert "Recibimos tu idea" in thanks and "Tu idea sobre «Seguridad»" in thanks
    assert "Las ideas no se publican en este sitio" in thanks


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"texto": "corto"}, "Tu texto es muy corto"),
        ({"texto": "x" * 2001}, "Tu texto es muy largo: el máximo es 2000 caracteres"),
        ({"texto": "          \n   "}, "Tu texto es muy corto"),
        ({"texto": ""}, "Escribe tu idea, propuesta o comentario."),
        ({"acepto": ""}, "necesitamos que aceptes el aviso de privacidad"),
        ({"correo": "ana@"}, "Escribe un correo electrónico válido"),
        ({"municipio": "999999"}, "Elige un municipio de la lista"),
        (
            {"texto": "Visita http://a.example http://b.example www.c.example para más."},
            "demasiados enlaces",
        ),
    ],
)
def test_bad_input_is_explained_and_kept(client, feedback_page, fields, message):
    participant_client(client, feedback_page)
    data = {"nombre": "Ana López", **fields}
    response = send(client, feedback_page, **data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'value="Ana López"' in html
    if "texto" in fields and fields["texto"].strip():
        assert fields["texto"][:50] in html
    assert Idea.objects.count() == 0


def test_honeypot_rejects_with_message(client, feedback_page):
    participant_client(client, feedback_page)
    response = send(client, feedback_page, sitio_web="http://spam.example")
    assert response.status_code == 400
    assert "deja vacío el campo «No llenes este campo»" in response.content.decode()
    assert Idea.objects.count() == 0


def test_too_fast_is_rejected_and_text_kept(client, feedback_page):
    participant_client(client, feedback_page)
    response = send(client, feedback_page, inicio=started(seconds_ago=0))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enviaste el formulario demasiado rápido" in html
    assert "alumbrado público" in html
    assert Idea.objects.count() == 0
    assert send(client, feedback_page, inicio="forjado").status_code == 400
    assert Idea.objects.count() == 0
    # With field errors too, only those are explained (the form comes back anyway).
    response = send(client, feedback_page, texto="corto", inicio=started(seconds_ago=0))
    html = response.content.decode()
    assert response.status_code == 400 and "Tu texto es muy corto" in html
    assert "demasiado rápido" not in html
    assert Idea.objects.count() == 0


def test_duplicate_text_is_rejected(client, feedback_page):
    participant_client(client, feedback_page)
    assert send(client, feedback_page).status_code == 302
    response = send(
        client,
        feedback_page,
        texto="  PROPONGO más alumbrado público en las colonias del oriente. ",
    )
    assert response.status_code == 400
    assert "Ya recibimos una idea con este mismo texto" in response.content.decode()
    # Another person pasting the same text on the same target: also a duplicate.
    other = type(client)()
    participant_client(other, feedback_page)
    assert send(other, feedback_page).status_code == 400
    assert Idea.objects.count() == 1


def test_idea_rate_limits_answer_429_and_keep_text(client, feedback_page, settings):
    settings.PARTICIPATION_LIMITS = {"idea_participant": (2, 3600)}
    participant_client(client, feedback_page)
    assert send(client, feedback_page, texto="Primera idea sobre seguridad.").status_code == 302
    assert send(client, feedback_page, texto="Segunda idea sobre seguridad.").status_code == 302
    response = send(client, feedback_page, texto="Tercera idea sobre seguridad.")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Recibimos muchas ideas tuyas en poco tiempo" in html and "Tercera idea" in html
    assert Idea.objects.count() == 2


def test_idea_address_limit(feedback_page, settings):
    from django.test import Client

    settings.PARTICIPATION_LIMITS = {"idea_address": (1, 3600)}
    a, b = Client(), Client()
    participant_client(a, feedback_page)
    participant_client(b, feedback_page)
    assert send(a, feedback_page, texto="Una idea desde esta red.").status_code == 302
    assert send(b, feedback_page, texto="Otra idea desde la misma red.").status_code == 429
    assert Idea.objects.count() == 1


def test_ideas_refused_while_participation_closed(client, feedback_page):
    participant_client(client, feedback_page)
    set_phase("silence")
    response = client.get(idea_url(feedback_page))
    assert response.status_code == 403
    assert "La participación ciudadana cerró el" in response.content.decode()
    assert "<textarea" not in response.content.decode()
    assert send(client, feedback_page).status_code == 403
    assert Idea.objects.count() == 0


def test_unknown_target_is_404(client, feedback_page):
    assert client.get(idea_url(feedback_page, "no-existe")).status_code == 404
    assert client.get("/participa/idea/?pagina=abc").status_code == 404


def test_form_without_cookie_asks_to_enable_cookies(client, feedback_page):
    response = send(client, feedback_page)
    assert response.status_code == 400
    assert "activa las cookies" in response.content.decode()
    assert Idea.objects.count() == 0


def test_xss_payload_stored_as_typed_and_escaped_on_the_form(client, feedback_page):
    participant_client(client, feedback_page)
    response = send(client, feedback_page, texto=XSS, nombre="<b>Ana</b>", inicio=started(0))
    html = response.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Ana</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert send(client, feedback_page, texto=XSS, nombre="<b>Ana</b>").status_code == 302
    assert Idea.objects.get().text == XSS


def test_email_length_is_the_column_length(client, feedback_page):
    from participation.ideas.forms import EMAIL_MAX, IdeaForm

    assert EMAIL_MAX == Idea._meta.get_field("email").max_length == 254
    assert IdeaForm().fields["correo"].max_length == 254
    participant_client(client, feedback_page)
    long_address = "a" * 64 + "@" + ".".join(["b" * 60] * 3) + ".mx"  # 250 characters
    assert len(long_address) == 250
    response = send(client, feedback_page, correo=long_address)
    assert response.status_code == 302
    too_long = "a" * 64 + "@" + ".".join(["b" * 61] * 3) + ".mxxx"  # 255 characters
    assert len(too_long) == 255
    response = send(
        client, feedback_page, correo=too_long, texto="Otra idea distinta de la anterior."
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "El correo admite hasta 254 caracteres (llevas 255)." in html
    assert too_long in html  # kept as typed
    assert Idea.objects.count() == 1


@pytest.mark.parametrize(
    "name",
    [
        "Ana\nLópez",
        "Ana\r\nBcc: x@example.org",
        "Ana\tLópez",
        "Ana\u2028López",
        "Ana \u202ezepóL",
        "Ana\u200bLópez",
    ],
)
def test_name_with_line_breaks_or_control_characters_is_refused(client, feedback_page, name):
    participant_client(client, feedback_page)
    response = send(client, feedback_page, nombre=name, correo="ana@example.org")
    html = response.content.decode()
    assert response.status_code == 400
    assert (
        "Escribe tu nombre en una sola línea, sin saltos de línea, tabuladores ni "
        "caracteres de control." in html
    )
    assert 'value="ana@example.org"' in html  # the rest is kept
    assert "Propongo más alumbrado público" in html
    assert Idea.objects.count() == 0


def test_plain_names_are_accepted_and_spaces_tidied(client, feedback_page):
    participant_client(client, feedback_page)
    response = send(client, feedback_page, nombre="  María   José O'Connor-Ñúñez ")
    assert response.status_code == 302
    assert Idea.objects.get().name == "María José O'Connor-Ñúñez"


def test_address_with_a_header_injection_is_refused(client, feedback_page):
    participant_client(client, feedback_page)
    response = send(client, feedback_page, correo="ana@example.org\nBcc: todos@example.org")
    assert response.status_code == 400
    assert Idea.objects.count() == 0
