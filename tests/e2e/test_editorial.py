"""Journeys 4 and 5: a party editor and an IEEM moderator in the admin.

4. An editor signs in with an account made by `create_party_accounts` (run
   against the journey server's database), must first replace the one-time
   password, edits their party's candidate profile and sends it to «Revisión
   IEEM»; the public page keeps the published version. The edit page of
   another party's profile, and that party's pages in the explorer, refuse them.
5. The moderator (setup_site's demo account `moderacion`) finds the
   submission on the dashboard, approves it, and the public profile shows the
   new text with «revisado por el IEEM el <today>».

Journey 5 approves what journey 4 submitted (module-scoped `submission`); run
alone (`-k moderator`), it makes that submission itself first.
"""

import csv
import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest

from .helpers import audit, log_in, path_of, shot

DESKTOP = {"width": 1280, "height": 900}
# Whose editor signs in, and another actor's profile they must not reach.
# setup_site gives example profiles to the first Toluca head candidacies of
# PVEM, MC and PES (electoral/parties/example_content.py); journey 1 reacts
# on PVEM's, so the editor works on PES's.
ACTOR = "pes"
OTHER_ACTOR = "pvem"
NEW_PASSWORD = "Clave-Propia-PES-2021"
EMAIL = "prensa@pes.example.org"
SUMMARY = "Abogado por la UAEMéx; doce años de servicio público en el municipio de Toluca."
PROPOSAL = "Alumbrado público en todas las colonias de Toluca en 2022, con metas por delegación."
MODERATOR = ("moderacion", "decide-ieem-demo")  # electoral/editorial/setup.py, dev/e2e only
REFUSED = "Lo sentimos, no tienes permisos para acceder a esta área."
MONTHS = [
    *("enero", "febrero", "marzo", "abril", "mayo", "junio"),
    *("julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"),
]

PAGE_IDS = f"""
import json
from electoral.models import CandidateProfilePage, PoliticalActorPage
ids = {{}}
for slug in ({ACTOR!r}, {OTHER_ACTOR!r}):
    actor = PoliticalActorPage.objects.get(slug=slug)
    profile = CandidateProfilePage.objects.descendant_of(actor).order_by("path").first()
    ids[slug] = {{"actor": actor.pk, "profile": profile.pk, "profile_url": profile.url,
                 "title": profile.title}}
print(json.dumps(ids))
"""


@pytest.fixture(scope="module")
def pages(server):
    """Page ids and public URLs of both actors' first profiles."""
    out = server.manage("shell", "-c", PAGE_IDS)
    return json.loads(out.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def account(server, tmp_path_factory):
    """One new account for ACTOR, from the CSV the command writes (mode 600)."""
    path = tmp_path_factory.mktemp("accounts") / "credenciales.csv"
    server.manage(
        "create_party_accounts", "--actor", ACTOR, "--per-actor", "1", "--output", str(path)
    )
    assert path.stat().st_mode & 0o077 == 0, "the credentials file is readable by others"
    with path.open(encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["usuario"] == f"{ACTOR}-1"
    return {"username": row["usuario"], "password": row["contrasena_temporal"]}


@pytest.fixture(scope="module")
def submission():
    """What journey 4 sent to review, for journey 5 to approve."""
    return {}


def _messages(page):
    return [" ".join(t.split()) for t in page.locator(".messages li").all_inner_texts()]


def _editor_submits(v, account, pages):
    """Journey 4's steps up to «Enviar a Revisión IEEM»; returns what was sent."""
    page = v.page
    own = pages[ACTOR]

    # First sign-in: every admin page leads to «Cuenta» until the password changes.
    log_in(page, account["username"], account["password"], audit_login=True)
    assert path_of(page) == "/admin/account/"
    notice = _messages(page)
    assert notice == [
        "Por seguridad, antes de continuar cambia la contraseña temporal que te entregó el "
        "IEEM (apartado «Contraseña»). Registra también tu correo para recibir los avisos "
        "de revisión."
    ], notice
    assert page.locator("h1").count() == 1, "the account page is drawn once"
    shot(page, "editor-cambio-de-contrasena-1280", full_page=False)
    audit(page, "/admin/account/ (forced password change)")
    page.goto(f"/admin/pages/{own['profile']}/edit/")
    assert path_of(page) == "/admin/account/", "reached the editor before changing the password"

    page.get_by_role("textbox", name="Correo electrónico").fill(EMAIL)
    page.get_by_label("Contraseña antigua", exact=True).fill(account["password"])
    page.get_by_label("Contraseña nueva", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirmación de contraseña nueva", exact=True).fill(NEW_PASSWORD)
    with page.expect_navigation():
        page.get_by_label("Confirmación de contraseña nueva", exact=True).press("Enter")
    assert _messages(page) == ["¡La configuración de tu cuenta se ha cambiado correctamente!"]

    # The explorer opens on the party's own page; its profiles are under «Candidaturas».
    page.goto("/admin/pages/")
    assert path_of(page) == f"/admin/pages/{own['actor']}/"
    audit(page, "/admin/pages/<own actor>/")
    with page.expect_navigation():
        page.get_by_role("link", name="Explorar páginas hijas de 'Candidaturas'").click()
    edit_links = page.locator("main table tbody a[href$='/edit/']")
    assert edit_links.count() >= 1, "the party has no candidate profile to edit"
    profile_title = edit_links.first.inner_text().strip()
    with page.expect_navigation():
        edit_links.first.click()
    assert path_of(page) == f"/admin/pages/{own['profile']}/edit/"
    assert page.locator("#id_title").input_value() == profile_title
    audit(page, "/admin/pages/<own profile>/edit/")

    page.get_by_role("textbox", name="Presentación breve").fill(SUMMARY)
    page.locator("[name='proposals-0-value-text']").fill(PROPOSAL)
    # Party editors cannot publish: their only way out is the review.
    page.get_by_role("button", name="Más acciones").click()
    assert page.locator("footer button[name='action-publish']").count() == 0
    shot(page, "editor-perfil-editado-1280", full_page=False)
    with page.expect_navigation():
        page.get_by_role("button", name="Enviar a Revisión IEEM").click()
    sent = _messages(page)
    assert sent and sent[0].startswith(
        f"La página '{profile_title}' ha sido enviada para moderación."
    ), sent
    audit(page, "/admin/pages/<profiles>/ (sent to review)")
    shot(page, "editor-enviado-a-revision-1280", full_page=False)
    return {"title": profile_title, "id": own["profile"], "url": own["profile_url"]}


def test_party_editor_changes_password_edits_own_profile_and_submits_for_review(
    visit, account, pages, submission
):
    v = visit(**DESKTOP)
    page = v.page
    submission.update(_editor_submits(v, account, pages))

    # In review: the public profile still shows the published (example) text.
    public = visit(width=360, height=740)
    public.goto(submission["url"])
    text = public.main_text()
    assert SUMMARY not in text and PROPOSAL not in text
    assert "revisado por el IEEM" not in text

    # Another party's pages: the edit URL is refused with a message, and its
    # explorer sends the editor back to their own party's pages.
    other = pages[OTHER_ACTOR]
    page.goto(f"/admin/pages/{other['profile']}/edit/")
    assert path_of(page) == "/admin/", page.url
    assert REFUSED in _messages(page)
    assert other["title"] not in page.locator("main").inner_text()
    # …where their own submission waits for the review.
    waiting = page.locator("main tr").filter(has_text=submission["title"])
    assert waiting.filter(has_text="Esperando Revisión IEEM").count() == 1
    shot(page, "editor-rechazado-otro-partido-1280", full_page=False)
    audit(page, "/admin/ (another party's edit page refused)")
    page.goto(f"/admin/pages/{other['actor']}/")
    assert path_of(page) == f"/admin/pages/{pages[ACTOR]['actor']}/", page.url
    assert other["title"] not in page.locator("main").inner_text()


def test_moderator_approves_and_the_public_page_shows_the_review_line(
    visit, account, pages, submission
):
    if not submission:  # run without journey 4: make the submission first
        submission.update(_editor_submits(visit(**DESKTOP), account, pages))
    v = visit(**DESKTOP)
    page = v.page
    log_in(page, *MODERATOR, audit_login=True)
    assert path_of(page) == "/admin/"
    waiting = page.locator("section, .w-panel, .panel").filter(
        has=page.get_by_role("heading", name="Esperando tu revisión")
    )
    row = waiting.locator("tr").filter(has_text=submission["title"])
    assert row.count() == 1, f"«{submission['title']}» is not in the moderator's queue"
    shot(page, "moderacion-tablero-1280", full_page=False)
    audit(page, "/admin/ (moderator)")

    with page.expect_navigation():
        row.get_by_role("link", name=submission["title"]).first.click()
    assert path_of(page) == f"/admin/pages/{submission['id']}/edit/"
    assert page.get_by_role("textbox", name="Presentación breve").input_value() == SUMMARY
    audit(page, "/admin/pages/<submitted profile>/edit/ (moderator)")
    page.get_by_role("button", name="Más acciones").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Aprobar y Publicar").click()
    assert f"Página '{submission['title']}' ha sido actualizada." in _messages(page)
    audit(page, "/admin/pages/<profiles>/ (approved)")

    public = visit(width=360, height=740)
    public.goto(submission["url"])
    today = datetime.datetime.now(ZoneInfo("America/Mexico_City")).date()
    expected = f"revisado por el IEEM el {today.day} de {MONTHS[today.month - 1]} de {today.year}"
    line = " ".join(public.page.locator(".published-by").inner_text().split())
    assert line == f"Publicado por {ACTOR.upper()} · {expected}", line
    text = public.main_text()
    assert SUMMARY in text and PROPOSAL in text
    shot(public.page, "perfil-revisado-por-el-ieem-360", full_page=False)
    audit(public.page, f"{submission['url']} (approved)")
    assert re.search(r"\bde [A-Z]", line) is None, "month names are written in lower case"
