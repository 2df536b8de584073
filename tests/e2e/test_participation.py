"""Journey 1: a citizen on a phone (360×740), keyboard only, from the home page
to their ballots (a Toluca section, whose ballots link the example candidate
profiles), into a candidate's profile: «Me gusta» on a proposal, then «No me
gusta» instead (pressed states, confirmed by /participa/estado/), then an
idea sent through /participa/idea/ and its confirmation; after a reload,
pressing «No me gusta» again withdraws it. The same press,
switch, idea and withdrawal with JavaScript disabled, through the plain forms.
"""

import re
import time

from playwright.sync_api import expect

from .helpers import (
    assert_no_horizontal_scroll,
    audit,
    audit_without_javascript,
    focused,
    path_of,
    shot,
    tab_until,
)
from .test_home_keyboard import keyboard_to_section_field

PHONE = {"width": 360, "height": 740}
# A real Toluca section (edomex_secciones_distrito_local_ine.csv: 5200, Toluca, district 34).
# setup_site writes example profiles for the first Toluca head candidacies
# (electoral/parties/example_content.py), so its ayuntamiento ballot links them.
SECTION = "5200"
MUNICIPALITY = "Toluca"
PROFILE_LINKS = ".ballot--ayuntamiento .head-list a"
# participation/ideas/forms.py: an idea sent sooner than this after the form
# appeared is taken for a bot (PARTICIPATION_IDEA_MIN_SECONDS, default 4).
IDEA_MIN_SECONDS = 4
MSG_LIKE = "Registramos tu «Me gusta». Si lo pulsas de nuevo, lo retiras."
MSG_DISLIKE = "Registramos tu «No me gusta». Si lo pulsas de nuevo, lo retiras."
MSG_WITHDRAW = "Retiraste tu reacción."
MSG_REPEAT = "Para contar tu reacción necesitamos guardar una cookie. Pulsa de nuevo el botón."


def _first_proposal(page):
    """The controls of the profile's first proposal, and its title."""
    proposal = page.locator("section.proposal").first
    title = proposal.locator("h3").inner_text().strip()
    return proposal.locator("[data-participa]"), title


def _pressed(box):
    return {
        "me_gusta": box.locator("button[value=me_gusta]").get_attribute("aria-pressed"),
        "no_me_gusta": box.locator("button[value=no_me_gusta]").get_attribute("aria-pressed"),
    }


def _server_state(v, box):
    """What /participa/estado/ (the endpoint the script asks) says for this visitor
    (the request shares the browser context's cookies)."""
    page_id, block = box.get_attribute("data-page"), box.get_attribute("data-block")
    response = v.page.request.get(f"{v.base_url}/participa/estado/?pagina={page_id}")
    assert response.ok, response.status
    data = response.json()
    # Confidential: the visitor's own choices, never a count.
    assert set(data) == {"open", "message", "csrfToken", "reactions"}, sorted(data)
    assert data["open"] is True
    return data["reactions"].get(block, "")


def _status(box):
    return " ".join(box.locator(".participa__status").inner_text().split())


def _idea_text(title, ask):
    # Each journey writes its own text: the same text twice on one proposal is
    # refused as a duplicate, whoever sends it.
    return f"Sobre «{title}»: pido {ask}."


def _wait_out_minimum(form_shown_at):
    """People take a few seconds to write; a faster send is refused as a bot's."""
    left = IDEA_MIN_SECONDS + 0.3 - (time.monotonic() - form_shown_at)
    if left > 0:
        time.sleep(left)


def _check_confirmation(page, response, title, profile_name):
    # The person lands on the confirmation only through the redirect that
    # follows a stored idea (POST /participa/idea/ → 302).
    sent = response.request.redirected_from
    assert sent is not None and sent.method == "POST", "the idea was not accepted"
    assert path_of(page).startswith("/participa/idea/recibida/")
    assert page.locator("h1").inner_text() == "Recibimos tu idea"
    thanks = " ".join(page.get_by_role("status").inner_text().split())
    assert thanks == f"Gracias. Tu idea sobre «{title}» ({profile_name}) quedó guardada.", thanks
    assert page.get_by_role("link", name=f"Volver a «{profile_name}»").is_visible()


def test_keyboard_citizen_reacts_to_a_proposal_and_sends_an_idea(visit):
    v = visit(**PHONE)
    page = v.page

    # Home → section field → the ballots of a Toluca section.
    keyboard_to_section_field(v)
    audit(page, "/ (keyboard)")
    page.keyboard.type(SECTION)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page) == f"/mi-boleta/{SECTION}/"
    assert page.locator("h1").inner_text() == f"Tus boletas: sección {SECTION}"
    assert f"Ayuntamiento de {MUNICIPALITY}" in v.main_text()
    profile_link = page.locator(PROFILE_LINKS).first
    profile_name = profile_link.inner_text().strip()
    profile_path = profile_link.get_attribute("href")
    assert profile_path.endswith(f"-{MUNICIPALITY.lower()}/"), profile_path
    audit(page)

    # Tab (past the skip link, the site menu and the ballot's other links) to the profile.
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Saltar al contenido"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#contenido$"), timeout=5000)
    tab_until(page, lambda f: f["tag"] == "a" and f["text"] == profile_name, max_tabs=40)
    assert focused(page)["outline"], "the focused profile link has no visible focus outline"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page) == profile_path
    assert page.locator("h1").inner_text() == profile_name
    assert "Propuestas de campaña" in v.main_text()
    box, title = _first_proposal(page)
    # The script has asked /participa/estado/ (the page itself is cached, stateless).
    box.and_(page.locator("[data-enhanced]")).wait_for()
    assert _pressed(box) == {"me_gusta": "false", "no_me_gusta": "false"}
    assert _server_state(v, box) == ""

    # «Me gusta» with Space.
    page.keyboard.press("Tab")
    tab_until(page, lambda f: f["tag"] == "button" and f["text"] == f"Me gusta: {title}", 40)
    assert focused(page)["outline"], "the focused «Me gusta» button has no visible outline"
    page.keyboard.press("Space")
    box.locator("button[value=me_gusta][aria-pressed=true]").wait_for()
    assert _pressed(box) == {"me_gusta": "true", "no_me_gusta": "false"}
    assert _status(box) == MSG_LIKE
    assert _server_state(v, box) == "me_gusta"

    # Then «No me gusta» instead: one choice at a time.
    page.keyboard.press("Tab")
    assert focused(page)["text"] == f"No me gusta: {title}"
    page.keyboard.press("Space")
    box.locator("button[value=no_me_gusta][aria-pressed=true]").wait_for()
    assert _pressed(box) == {"me_gusta": "false", "no_me_gusta": "true"}
    assert _status(box) == MSG_DISLIKE
    assert _server_state(v, box) == "no_me_gusta"
    assert page.url.endswith(profile_path), "the press did not reload the page"
    shot(page, "perfil-no-me-gusta-360", full_page=False)
    audit(page, f"{profile_path} (after «No me gusta»)")
    assert_no_horizontal_scroll(page)

    # Back with Shift+Tab, forward again to the idea link.
    page.keyboard.press("Shift+Tab")
    assert focused(page)["text"] == f"Me gusta: {title}"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    link = focused(page)
    assert link["tag"] == "a"
    assert link["text"] == f"Envía tu idea, propuesta o comentario sobre «{title}»"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    form_shown_at = time.monotonic()
    assert path_of(page).startswith("/participa/idea/?")
    assert page.locator("h1").inner_text() == "Envía tu idea, propuesta o comentario"
    assert title in page.locator(".lead").inner_text()
    audit(page)
    assert_no_horizontal_scroll(page)

    # The form, field by field with Tab: text, name, municipality, e-mail, consent.
    tab_until(page, lambda f: f["id"] == "id_texto", max_tabs=20)
    assert focused(page)["label"] == "Tu idea, propuesta o comentario"
    text = _idea_text(title, "que se publiquen metas por colonia y un informe cada trimestre")
    page.keyboard.type(text, delay=10)
    counter = page.locator(".participa-counter")
    assert counter.inner_text() == f"{len(text)} de 2,000 caracteres"
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_nombre"
    page.keyboard.type("Lucía Hernández")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_municipio"
    page.keyboard.type(MUNICIPALITY)  # type-ahead in the list
    assert page.locator("#id_municipio option:checked").inner_text() == MUNICIPALITY
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_correo"
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_acepto"
    page.keyboard.press("Space")
    assert page.locator("#id_acepto").is_checked()
    tab_until(page, lambda f: f["tag"] == "button" and f["text"] == "Enviar mi idea", 3)
    shot(page, "idea-formulario-360")
    _wait_out_minimum(form_shown_at)
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    _check_confirmation(page, navigation.value, title, profile_name)
    shot(page, "idea-recibida-360", full_page=False)
    audit(page, "/participa/idea/recibida/")
    assert_no_horizontal_scroll(page)

    # The choice is remembered: a reload shows «No me gusta» pressed again.
    page.goto(profile_path)
    box, _ = _first_proposal(page)
    box.and_(page.locator("[data-enhanced]")).wait_for()
    assert _pressed(box) == {"me_gusta": "false", "no_me_gusta": "true"}

    # Pressing the pressed button again withdraws the reaction.
    box.locator("button[value=no_me_gusta]").focus()
    page.keyboard.press("Space")
    box.locator("button[value=no_me_gusta][aria-pressed=false]").wait_for()
    assert _pressed(box) == {"me_gusta": "false", "no_me_gusta": "false"}
    assert _status(box) == MSG_WITHDRAW
    assert _server_state(v, box) == ""


def test_without_javascript_reactions_and_ideas_work_through_plain_forms(visit):
    v = visit(**PHONE, javascript=False)
    page = v.page
    checker = visit(**PHONE)  # runs axe on what the no-JavaScript context shows
    v.goto(f"/mi-boleta/{SECTION}/")
    profile_link = page.locator(PROFILE_LINKS).first
    profile_name = profile_link.inner_text().strip()
    with page.expect_navigation():
        profile_link.click()
    profile_path = path_of(page)
    box, title = _first_proposal(page)
    anchor = box.get_attribute("id")
    # Cached page: nobody's state in it.
    assert _pressed(box) == {"me_gusta": "false", "no_me_gusta": "false"}
    assert _status(box) == ""

    def press(value):
        with page.expect_navigation():
            box.locator(f"button[value={value}]").click()
        # Back on the same profile, at the same proposal.
        assert path_of(page).startswith(profile_path + "?")
        assert page.url.endswith(f"#{anchor}")
        return _first_proposal(page)[0]

    # A first-time visitor has no participant cookie yet: asked to press again.
    box = press("me_gusta")
    assert _status(box) == MSG_REPEAT
    assert _pressed(box) == {"me_gusta": "false", "no_me_gusta": "false"}
    assert _server_state(v, box) == ""

    box = press("me_gusta")
    assert _status(box) == MSG_LIKE
    assert _pressed(box) == {"me_gusta": "true", "no_me_gusta": "false"}
    assert _server_state(v, box) == "me_gusta"

    box = press("no_me_gusta")
    assert _status(box) == MSG_DISLIKE
    assert _pressed(box) == {"me_gusta": "false", "no_me_gusta": "true"}
    assert _server_state(v, box) == "no_me_gusta"
    assert box.locator(".participa__status").is_visible()
    shot(page, "perfil-no-me-gusta-360-sin-js", full_page=False)
    audit_without_javascript(page, checker, f"{profile_path}?participa=… (no JavaScript)")
    assert_no_horizontal_scroll(page)

    with page.expect_navigation():
        box.get_by_role("link", name=re.compile("^Envía tu idea")).click()
    form_shown_at = time.monotonic()
    assert page.locator("h1").inner_text() == "Envía tu idea, propuesta o comentario"
    page.get_by_label("Tu idea, propuesta o comentario").fill(
        _idea_text(title, "que las metas se revisen con los vecinos cada seis meses")
    )
    page.get_by_label("Tu municipio (opcional)").select_option(label=MUNICIPALITY)
    page.get_by_label(re.compile("^He leído y acepto")).check()
    audit_without_javascript(page, checker, "/participa/idea/ (no JavaScript)")
    _wait_out_minimum(form_shown_at)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Enviar mi idea").click()
    _check_confirmation(page, navigation.value, title, profile_name)
    shot(page, "idea-recibida-360-sin-js", full_page=False)
    audit_without_javascript(page, checker, "/participa/idea/recibida/ (no JavaScript)")

    # Back on the profile, pressing «No me gusta» again withdraws it.
    v.goto(profile_path)
    box = _first_proposal(page)[0]
    box = press("no_me_gusta")
    assert _status(box) == MSG_WITHDRAW
    assert _pressed(box) == {"me_gusta": "false", "no_me_gusta": "false"}
    assert _server_state(v, box) == ""
