"""Journey: the Wagtail admin, its preview and the userbar under the Content-Security-Policy.

The administrator (demo account) edits a party's page (an image chooser, rich
text, the side panels), opens the live preview (an iframe of the admin's own
preview view), the calendar settings (date-time widgets) and then a public
page with the Wagtail userbar. Every page is watched for CSP violations
(helpers.Visit: any «Content Security Policy» console report fails the
journey), third-party requests and JavaScript errors. A control first proves
that the watcher sees a violation: an inline script added to the page is
refused and reported.
"""

import json

from .helpers import log_in, path_of, settle, shot

DESKTOP = {"width": 1280, "height": 900}
ADMIN = ("admin", "decide-ieem-demo")  # setup_site's demo account (dev/e2e only)

PAGE_IDS = """
import json
from electoral.models import PoliticalActorPage
from home.models import ElectionCalendar
actor = PoliticalActorPage.objects.get(slug="pan")
print(json.dumps({"actor": actor.pk, "url": actor.url, "title": actor.title,
                  "calendar": ElectionCalendar.load().pk}))
"""


def test_admin_edit_preview_and_userbar_keep_working_under_the_csp(visit, server):
    ids = json.loads(server.manage("shell", "-c", PAGE_IDS).strip().splitlines()[-1])
    v = visit(**DESKTOP)
    page = v.page
    log_in(page, *ADMIN)
    assert path_of(page) == "/admin/"

    # Control: the policy refuses an inline script, and the watcher reports it.
    response = v.goto("/admin/")
    assert (
        "'unsafe-inline'"
        not in response.headers["content-security-policy"].split("script-src", 1)[1].split(";")[0]
    )
    page.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.__inlineRan = true;";
                   document.body.appendChild(s); }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__inlineRan") is None
    assert v.csp_violations and "inline script" in v.csp_violations[0], v.csp_violations
    v.csp_violations.clear()

    # The edit page: choosers, rich text, StreamField, side panels.
    v.goto(f"/admin/pages/{ids['actor']}/edit/")
    assert page.locator("#id_title").input_value() == ids["title"]
    settle(page)
    assert page.evaluate("() => typeof window.wagtail === 'object'"), "admin scripts did not run"
    page.locator("[data-side-panel-toggle='preview']").click()
    frame = page.frame_locator("#w-preview-iframe")
    heading = frame.locator("main h1").first
    heading.wait_for(state="attached", timeout=15000)
    assert ids["title"].split()[0] in heading.text_content()
    settle(page)
    shot(page, "admin-edicion-con-vista-previa-1280", full_page=False)

    # Date-time widgets (inline scripts that carry the nonce).
    v.goto(f"/admin/settings/home/electioncalendar/{ids['calendar']}/")
    settle(page)
    assert page.locator("input[name='election_day']").count() == 1
    shot(page, "admin-calendario-1280", full_page=False)

    # A public page with the userbar of a signed-in editor.
    v.goto(ids["url"])
    userbar = page.locator("wagtail-userbar")
    assert userbar.count() == 1
    userbar.locator("#wagtail-userbar-trigger").click()
    edit_link = userbar.locator(f"a[href$='/admin/pages/{ids['actor']}/edit/']")
    edit_link.wait_for(state="visible", timeout=5000)
    settle(page)
    shot(page, "userbar-abierto-1280", full_page=False)
    page.wait_for_timeout(500)
    assert not v.csp_violations, "\n".join(v.csp_violations)
