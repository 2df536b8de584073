"""Journey 6: ideas from a citizen to the party, through IEEM's moderation.

A citizen sends two ideas on a party's platform: one with an e-mail address
to be told of the delivery, one that is spam carrying markup. The moderator
(setup_site's demo account `moderacion`) sees both on the dashboard, accepts
the first and rejects the second (first without a reason: refused with a
message; then «Spam»), with Wagtail's bulk actions. The markup shows as
text and never runs. Then IEEM moves the calendar to the delivery date and
runs `deliver_ideas`: the citizen's e-mail arrives (file mail backend), the
spam is not delivered. The calendar goes back to the campaign at the end.
"""

import email
import email.policy
import json
import re
import time
from pathlib import Path

import pytest

from .helpers import audit, log_in, path_of, shot
from .test_editorial import MODERATOR, _messages
from .test_participation import _wait_out_minimum

DESKTOP = {"width": 1280, "height": 900}
EMAIL = "lucia.hernandez@example.org"
GOOD = "Propongo que cada colonia tenga metas de alumbrado y un informe trimestral público."
SPAM = 'Gana dinero ya <script>document.title="pwned"</script><img src=x onerror="alert(1)">'

PLATFORM = """
import json
from electoral.models import PlatformPage
page = PlatformPage.objects.live().order_by("path").first()
print(json.dumps({"url": page.url, "title": page.title, "actor": page.actor.title}))
"""


@pytest.fixture
def platform(server):
    out = server.manage("shell", "-c", PLATFORM)
    return json.loads(out.strip().splitlines()[-1])


def _send_idea(page, link_index, text, email=""):
    links = page.get_by_role("link", name=re.compile("^Envía tu idea"))
    topic = links.nth(link_index).inner_text().split("«", 1)[1].rstrip("»")
    with page.expect_navigation():
        links.nth(link_index).click()
    shown_at = time.monotonic()
    page.get_by_label("Tu idea, propuesta o comentario").fill(text)
    if email:
        page.get_by_label("Tu correo electrónico (opcional)").fill(email)
    page.get_by_label(re.compile("^He leído y acepto")).check()
    _wait_out_minimum(shown_at)
    with page.expect_navigation():
        page.get_by_role("button", name="Enviar mi idea").click()
    assert page.locator("h1").inner_text() == "Recibimos tu idea", page.locator("main").inner_text()
    page.go_back()
    page.go_back()
    return topic


def _select_row(page, text):
    row = page.locator("main table tbody tr").filter(has_text=text)
    assert row.count() == 1, f"no single row for {text!r}"
    row.locator("input[type=checkbox]").check()
    return row


def _bulk(page, label):
    with page.expect_navigation():
        page.locator(".bulk-actions-buttons, [data-bulk-action-footer]").get_by_role(
            "link", name=label
        ).first.click()


def test_moderator_accepts_and_rejects_ideas_and_the_citizen_is_told_of_the_delivery(
    visit, server, platform
):
    citizen = visit(**DESKTOP)
    citizen.goto(platform["url"])
    good_topic = _send_idea(citizen.page, 1, GOOD, EMAIL)
    _send_idea(citizen.page, 2, SPAM)

    v = visit(**DESKTOP)
    page = v.page
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    log_in(page, *MODERATOR, audit_login=True)
    panel = page.locator("#ideas-pendientes, section").filter(
        has=page.get_by_role("heading", name="Ideas ciudadanas por moderar")
    )
    panel_text = " ".join(panel.first.inner_text().split())
    assert "pendiente" in panel_text and platform["actor"] in panel_text, panel_text
    with page.expect_navigation():
        panel.first.get_by_role("link", name="Moderar las ideas pendientes").click()
    assert path_of(page).startswith("/admin/participacion/ideas/")
    main = page.locator("main").inner_text()
    assert "Gana dinero ya <script>" in main, "the markup is not shown as typed"
    assert page.title() != "pwned" and dialogs == []
    shot(page, "moderacion-ideas-pendientes-1280", full_page=False)
    audit(page, "/admin/participacion/ideas/?status=pendiente")

    # Accept the citizen's idea.
    _select_row(page, GOOD[:40])
    _bulk(page, "Aceptar")
    assert "Vas a aceptar 1 idea." in page.locator("main").inner_text()
    audit(page, "/admin/…/bulk-actions/accept_ideas/ (confirmation)")
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name="Aceptar").click()
    assert "Ideas aceptadas: 1. Se entregarán al partido." in _messages(page)

    # Reject the spam: a reason is required.
    _select_row(page, "Gana dinero ya")
    _bulk(page, "Rechazar")
    confirmation = page.url
    page.locator("main form").get_by_role("button", name="Rechazar").click()
    # The browser itself refuses (the reason is `required`); the server's own
    # message for a form sent anyway is tested in tests/participation/test_admin.py.
    assert page.locator("input[name=reason]").first.evaluate("e => e.validity.valueMissing")
    assert page.url == confirmation
    page.get_by_label("Spam").check()
    shot(page, "moderacion-rechazo-con-motivo-1280", full_page=False)
    audit(page, "/admin/…/bulk-actions/reject_ideas/ (confirmation)")
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name="Rechazar").click()
    assert "Ideas rechazadas: 1. Se conservan con su motivo." in _messages(page)

    page.goto("/admin/participacion/ideas/")
    rows = {" ".join(r.split()) for r in page.locator("main table tbody tr").all_inner_texts()}
    accepted = [r for r in rows if GOOD[:40] in r]
    rejected = [r for r in rows if "Gana dinero ya" in r]
    assert accepted and "Aceptada (se entregará)" in accepted[0], accepted
    assert rejected and "Rechazada" in rejected[0] and "Spam" in rejected[0], rejected
    assert page.title() != "pwned" and dialogs == []

    # The rejected idea opens whole; its history says who rejected it and why.
    row = page.locator("main table tbody tr").filter(has_text="Gana dinero ya")
    with page.expect_navigation():
        row.get_by_role("link").first.click()
    assert "/admin/participacion/ideas/edit/" in path_of(page)
    assert "Gana dinero ya <script>" in page.locator("main").inner_text()
    page.goto(path_of(page).replace("/edit/", "/history/"))
    history = " ".join(page.locator("main").inner_text().split())
    assert "Idea rechazada por «Spam»" in history and "Moderación IEEM" in history, history
    assert page.title() != "pwned" and dialogs == []
    audit(page, "/admin/participacion/ideas/history/<id>/")

    # The delivery date comes: IEEM delivers and the citizen is told.
    mail_dir = Path(server.env["E2E_MAIL_DIR"])
    before = set(mail_dir.glob("*")) if mail_dir.exists() else set()
    try:
        server.manage("election_phase", "delivery")
        out = server.manage("deliver_ideas")
    finally:
        server.manage("election_phase", "campaign")
        time.sleep(2.2)  # participation re-reads the calendar every 2 s per process
    assert "Ideas entregadas en esta ejecución: 1 (" in out, out
    assert "Avisos por correo enviados: 1; fallidos: 0." in out, out
    (new_file,) = set(mail_dir.glob("*")) - before
    raw = new_file.read_text(encoding="utf-8").split("\n" + "-" * 79)[0]
    message = email.message_from_string(raw, policy=email.policy.default)
    assert message["To"] == EMAIL
    assert message["Subject"] == "Tu idea se entregó · Decide IEEM"
    body = message.get_content()
    assert f"Sobre «{good_topic}» ({platform['title']})" in body, body
    assert f"entregada a {platform['actor']} el" in body, body
    assert "Gana dinero" not in body and GOOD not in body
