import re

import pytest
from django.db import IntegrityError, transaction
from django.template import Context
from django.test import RequestFactory

from participation import identity
from participation.fragments import render_controls
from participation.models import Reaction, Target
from tests.participation.conftest import (
    ORIGIN,
    TOPIC,
    TOPIC2,
    participant_client,
    press,
    press_form,
    remove_block,
    set_phase,
)

pytestmark = pytest.mark.django_db


def stored(page, block=TOPIC):
    return list(
        Reaction.objects.filter(target__page_key=page.pk, target__block_id=block).values_list(
            "value", flat=True
        )
    )


def test_press_switch_withdraw_with_javascript(client, feedback_page):
    participant_client(client, feedback_page)
    r = press(client, feedback_page, TOPIC, "me_gusta", current="")
    assert r.status_code == 200
    assert r.json() == {
        "ok": True,
        "state": "me_gusta",
        "message": "Registramos tu «Me gusta». Si lo pulsas de nuevo, lo retiras.",
    }
    assert stored(feedback_page) == ["me_gusta"]
    # The same request again (double click, retry) changes nothing.
    assert press(client, feedback_page, TOPIC, "me_gusta", current="").json()["state"] == "me_gusta"
    assert stored(feedback_page) == ["me_gusta"]
    # The other button switches.
    r = press(client, feedback_page, TOPIC, "no_me_gusta", current="me_gusta")
    assert r.json()["state"] == "no_me_gusta"
    assert stored(feedback_page) == ["no_me_gusta"]
    # Pressing the pressed button withdraws.
    r = press(client, feedback_page, TOPIC, "no_me_gusta", current="no_me_gusta")
    assert r.json() == {"ok": True, "state": None, "message": "Retiraste tu reacción."}
    assert stored(feedback_page) == []
    # Withdrawing twice is harmless.
    press(client, feedback_page, TOPIC, "no_me_gusta", current="no_me_gusta")
    assert stored(feedback_page) == []


def test_state_json_has_own_states_and_token_but_no_counts(client, feedback_page):
    participant_client(client, feedback_page)
    press(client, feedback_page, TOPIC, "me_gusta", current="")
    press(client, feedback_page, "", "no_me_gusta", current="")
    other = type(client)()
    participant_client(other, feedback_page)
    press(other, feedback_page, TOPIC2, "me_gusta", current="")
    response = client.get(f"/participa/estado/?pagina={feedback_page.pk}")
    data = response.json()
    assert data["reactions"] == {TOPIC: "me_gusta", "": "no_me_gusta"}
    assert set(data) == {"open", "message", "csrfToken", "reactions"}
    assert data["open"] is True and data["message"].startswith("Puedes opinar")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_plain_form_toggles_and_redirects_back_with_message(client, feedback_page):
    participant_client(client, feedback_page)
    r = press_form(client, feedback_page, TOPIC, "me_gusta")
    assert r.status_code == 302
    assert r["Location"] == (
        f"{feedback_page.url}?participa=registrado-me_gusta&bloque={TOPIC}#participa-{TOPIC}"
    )
    assert stored(feedback_page) == ["me_gusta"]
    press_form(client, feedback_page, TOPIC, "no_me_gusta")
    assert stored(feedback_page) == ["no_me_gusta"]
    r = press_form(client, feedback_page, TOPIC, "no_me_gusta")
    assert "participa=retirado" in r["Location"]
    assert stored(feedback_page) == []


def test_redirect_target_never_leaves_the_site(client, feedback_page):
    participant_client(client, feedback_page)
    r = client.post(
        "/participa/reaccion/",
        {
            "pagina": feedback_page.pk,
            "bloque": "",
            "valor": "me_gusta",
            "siguiente": "https://evil.example/",
        },
        HTTP_ORIGIN=ORIGIN,
    )
    assert r["Location"].startswith("/?participa=")


def test_fragment_after_no_js_press_shows_own_state_only_from_the_url(feedback_page):
    request = RequestFactory().get(
        feedback_page.url, {"participa": "registrado-me_gusta", "bloque": TOPIC}
    )
    page = type(feedback_page).objects.get(pk=feedback_page.pk)
    html = render_controls(Context({"request": request}), page, TOPIC)
    assert "Registramos tu «Me gusta»" in html
    assert re.search(r'value="me_gusta"[^>]*aria-pressed="true"', html)
    other_block = render_controls(Context({"request": request}), page, TOPIC2)
    assert "Registramos" not in other_block and 'aria-pressed="true"' not in other_block


def test_fragment_is_cache_safe(feedback_page):
    request = RequestFactory().get(feedback_page.url)
    page = type(feedback_page).objects.get(pk=feedback_page.pk)
    html = render_controls(Context({"request": request}), page, TOPIC)
    assert 'action="/participa/reaccion/"' in html
    assert "csrfmiddlewaretoken" not in html
    assert 'aria-pressed="true"' not in html
    assert "Envía tu idea, propuesta o comentario" in html
    assert f'href="/participa/idea/?pagina={page.pk}&amp;bloque={TOPIC}"' in html
    assert 'Me gusta<span class="visually-hidden">: Seguridad</span>' in html
    # The script comes once per page, with the first fragment.
    assert html.count("js/participation.js") == 1
    assert "js/participation.js" not in render_controls(Context({"request": request}), page, "")
    # Unknown blocks and pages without targets get nothing.
    assert render_controls(Context({"request": request}), page, "no-existe") == ""


def test_cookieless_requests_get_the_cookie_and_are_not_counted(client, feedback_page):
    r = press(client, feedback_page, TOPIC, "me_gusta", current="")
    assert r.status_code == 428
    assert r.json()["message"].startswith("Para contar tu reacción necesitamos guardar una cookie")
    cookie = r.cookies[identity.COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and not cookie["secure"]
    assert Reaction.objects.count() == 0
    # The browser now has the cookie: repeating counts.
    assert press(client, feedback_page, TOPIC, "me_gusta", current="").status_code == 200
    assert Reaction.objects.count() == 1


def test_cookieless_plain_form_is_asked_to_repeat(client, feedback_page):
    r = press_form(client, feedback_page, TOPIC, "me_gusta")
    assert r.status_code == 302 and "participa=repite" in r["Location"]
    assert Reaction.objects.count() == 0


def test_forged_or_unsigned_cookie_is_ignored(client, feedback_page):
    client.cookies[identity.COOKIE_NAME] = "a" * 43
    assert press(client, feedback_page, TOPIC, "me_gusta", current="").status_code == 428
    assert Reaction.objects.count() == 0


def test_secure_cookie_in_production_settings(client, feedback_page, settings):
    settings.SESSION_COOKIE_SECURE = True
    r = client.get(f"/participa/estado/?pagina={feedback_page.pk}")
    assert r.cookies[identity.COOKIE_NAME]["secure"]


def test_participant_and_address_are_only_stored_hashed(client, feedback_page):
    participant_client(client, feedback_page)
    press(client, feedback_page, TOPIC, "me_gusta", current="", REMOTE_ADDR="203.0.113.77")
    raw = client.cookies[identity.COOKIE_NAME].value
    token = raw.split(":")[0]
    row = Reaction.objects.get()
    assert row.participant == identity.participant_hash(token)
    assert token not in row.participant and len(row.participant) == 64


def test_cross_site_form_post_is_refused(client, feedback_page):
    participant_client(client, feedback_page)
    r = press_form(client, feedback_page, TOPIC, "me_gusta", origin="https://evil.example")
    assert r.status_code == 403
    assert "No pudimos verificar que la solicitud venga de este sitio" in r.content.decode()
    r = press_form(client, feedback_page, TOPIC, "me_gusta", origin=None)  # no Origin, no Referer
    assert r.status_code == 403
    r = press_form(
        client, feedback_page, TOPIC, "me_gusta", origin=None, HTTP_REFERER=ORIGIN + "/x/"
    )
    assert r.status_code == 302
    assert Reaction.objects.count() == 1


def test_javascript_path_checks_the_csrf_token(feedback_page):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    token = participant_client(client, feedback_page)
    r = press(client, feedback_page, TOPIC, "me_gusta", current="", token="wrong" * 8)
    assert r.status_code == 403 and Reaction.objects.count() == 0
    r = press(client, feedback_page, TOPIC, "me_gusta", current="", token=token)
    assert r.status_code == 200 and Reaction.objects.count() == 1


def test_rate_limit_per_participant_answers_429(client, feedback_page, settings):
    settings.PARTICIPATION_LIMITS = {"reaction_participant": (3, 60)}
    participant_client(client, feedback_page)
    codes = [
        press(client, feedback_page, TOPIC, "me_gusta", current="").status_code for _ in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]
    r = press(client, feedback_page, TOPIC2, "me_gusta", current="")
    assert r.status_code == 429
    assert r.json()["message"].startswith("Recibimos demasiadas solicitudes en poco tiempo")
    assert stored(feedback_page, TOPIC2) == []
    r = press_form(client, feedback_page, TOPIC2, "me_gusta")
    assert r.status_code == 429 and "Espera un momento" in r.content.decode()


def test_rate_limit_per_address_covers_many_participants(feedback_page, settings):
    from django.test import Client

    settings.PARTICIPATION_LIMITS = {"reaction_address": (4, 60)}
    codes = []
    for _ in range(6):
        c = Client(REMOTE_ADDR="198.51.100.9")
        participant_client(c, feedback_page)
        codes.append(press(c, feedback_page, TOPIC, "me_gusta", current="").status_code)
    assert codes == [200, 200, 200, 200, 429, 429]
    assert len(stored(feedback_page)) == 4
    other = Client(REMOTE_ADDR="198.51.100.10")
    participant_client(other, feedback_page)
    assert press(other, feedback_page, TOPIC, "me_gusta", current="").status_code == 200


def test_daily_cap_per_participant(client, feedback_page, settings):
    settings.PARTICIPATION_LIMITS = {"reaction_participant_day": (2, 86400)}
    participant_client(client, feedback_page)
    assert press(client, feedback_page, TOPIC, "me_gusta", current="").status_code == 200
    assert press(client, feedback_page, TOPIC2, "me_gusta", current="").status_code == 200
    r = press(client, feedback_page, "", "me_gusta", current="")
    assert r.status_code == 429 and "máximo de reacciones por día" in r.json()["message"]
    assert stored(feedback_page, "") == []


def test_limits_also_work_in_the_shared_cache(client, feedback_page, settings):
    settings.PARTICIPATION_RATE_LIMIT_BACKEND = "cache"
    # An hour window: a minute one can roll over between presses on a loaded machine.
    settings.PARTICIPATION_LIMITS = {"reaction_participant": (2, 3600)}
    participant_client(client, feedback_page)
    codes = [
        press(client, feedback_page, TOPIC, "me_gusta", current="").status_code for _ in range(3)
    ]
    assert codes == [200, 200, 429]


def test_window_closed_answers_403_and_stores_nothing(client, feedback_page):
    participant_client(client, feedback_page)
    set_phase("silence")
    r = press(client, feedback_page, TOPIC, "me_gusta", current="")
    assert r.status_code == 403
    assert r.json()["message"].startswith("La participación ciudadana cerró el")
    r = press_form(client, feedback_page, TOPIC, "me_gusta")
    assert r.status_code == 403 and "Ya no se reciben reacciones ni ideas" in r.content.decode()
    assert Reaction.objects.count() == 0 and Target.objects.count() == 0
    state = client.get(f"/participa/estado/?pagina={feedback_page.pk}").json()
    assert state["open"] is False


def test_closed_fragment_shows_dates_instead_of_buttons(feedback_page):
    calendar = set_phase("silence")
    page = type(feedback_page).objects.get(pk=feedback_page.pk)
    html = render_controls(Context({"calendar": calendar}), page, TOPIC)
    assert "<button" not in html and "/participa/idea/" not in html
    assert "La participación ciudadana cerró el" in html
    before = set_phase("campaign")
    before.participation_opens = before.participation_closes.replace(year=2100)
    before.participation_closes = before.participation_opens.replace(month=12, day=31)
    html = render_controls(Context({"calendar": before}), page, TOPIC)
    assert "aún no está abierta" in html and "2100" in html


def test_unknown_block_or_page_stores_nothing(client, feedback_page):
    participant_client(client, feedback_page)
    assert press(client, feedback_page, "otro-bloque", "me_gusta", current="").status_code == 404
    r = client.post(
        "/participa/reaccion/",
        {"pagina": "999999", "bloque": "", "valor": "me_gusta"},
        HTTP_X_CSRFTOKEN="x",
    )
    assert r.status_code == 404
    assert press(client, feedback_page, TOPIC, "me-encanta", current="").status_code == 400
    assert Reaction.objects.count() == 0 and Target.objects.count() == 0


def test_reactions_survive_edits_and_deletion(client, feedback_page):
    participant_client(client, feedback_page)
    press(client, feedback_page, TOPIC, "me_gusta", current="")
    press(client, feedback_page, TOPIC2, "no_me_gusta", current="")
    # The proposal TOPIC is removed from the page: its reaction is kept, no new ones.
    remove_block(feedback_page, TOPIC)
    feedback_page.save_revision().publish()
    assert press(client, feedback_page, TOPIC, "no_me_gusta", current="").status_code == 404
    assert stored(feedback_page, TOPIC) == ["me_gusta"]
    assert (
        press(client, feedback_page, TOPIC2, "me_gusta", current="no_me_gusta").json()["state"]
        == "me_gusta"
    )
    # Deleting the page keeps targets (with their snapshot) and reactions.
    page_id = feedback_page.pk
    feedback_page.delete()
    targets = Target.objects.filter(page_key=page_id)
    assert targets.count() == 2 and all(t.page_id is None for t in targets)
    assert {t.label for t in targets} == {"Seguridad", "Salud"}
    assert {t.actor_title for t in targets} == {"Partido de Prueba"}
    assert Reaction.objects.filter(target__page_key=page_id).count() == 2


def test_database_enforces_one_reaction_per_participant_and_target(feedback_page):
    target = Target.objects.create(
        page=feedback_page, page_key=feedback_page.pk, label="x", page_title="x"
    )
    Reaction.objects.create(target=target, participant="p" * 64, value="me_gusta")
    with pytest.raises(IntegrityError), transaction.atomic():
        Reaction.objects.create(target=target, participant="p" * 64, value="no_me_gusta")


def test_reaction_query_budget(client, feedback_page, django_assert_max_num_queries):
    participant_client(client, feedback_page)
    press(client, feedback_page, TOPIC, "me_gusta", current="")
    with django_assert_max_num_queries(10):
        press(client, feedback_page, TOPIC, "no_me_gusta", current="me_gusta")


def test_press_with_the_shown_state_is_one_statement(feedback_page, django_assert_num_queries):
    """The JavaScript path: no lock and no read, one upsert or one delete."""
    from participation import targets
    from participation.reactions import services

    target = targets.resolve(feedback_page.pk, TOPIC)
    with django_assert_num_queries(1):
        assert services.react("p" * 64, target, "me_gusta", current="") == "me_gusta"
    first = Reaction.objects.get()
    with django_assert_num_queries(1):  # repeated request: harmless, nothing changes
        assert services.react("p" * 64, target, "me_gusta", current="") == "me_gusta"
    assert Reaction.objects.get().updated_at == first.updated_at
    with django_assert_num_queries(1):  # switch keeps the row and its creation time
        assert services.react("p" * 64, target, "no_me_gusta", current="me_gusta") == (
            "no_me_gusta"
        )
    switched = Reaction.objects.get()
    assert (switched.pk, switched.created_at) == (first.pk, first.created_at)
    assert switched.updated_at > first.updated_at
    with django_assert_num_queries(1):  # pressing the shown button withdraws
        assert services.react("p" * 64, target, "no_me_gusta", current="no_me_gusta") is None
    assert not Reaction.objects.exists()
