"""What the journeys share: a checked page visit, axe audits, layout checks, screenshots."""

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page, Request, Response, Route

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output" / "e2e"
AXE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_IMPACTS = ["critical", "serious", "moderate", "minor"]
BLOCKING_IMPACTS = {"critical", "serious"}

# Filled during the run, printed by conftest.pytest_terminal_summary.
axe_results: list[str] = []
saved_screenshots: list[Path] = []


@dataclass
class Visit:
    """A page in its own browser context, watched for what must never happen.

    - a request to any host but the journey server (no CDN, fonts, analytics):
      blocked and reported;
    - a sub-resource (CSS, image, script, JSON) answering 4xx/5xx;
    - an uncaught JavaScript error;
    - a Content-Security-Policy violation (a blocked inline script or style,
      frame or request), on any page of the context: admin and preview included.
    """

    page: Page
    base_url: str
    javascript: bool = True
    third_party: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    js_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, context: BrowserContext, base_url: str, javascript=True):
        visit = cls(page=context.new_page(), base_url=base_url, javascript=javascript)
        own_host = urlsplit(base_url).netloc

        def guard(route: Route, request: Request):
            host = urlsplit(request.url).netloc
            if request.url.startswith(("data:", "blob:")) or host == own_host:
                route.continue_()
            else:
                visit.third_party.append(request.url)
                route.abort("blockedbyclient")

        def on_response(response: Response):
            if response.status >= 400 and response.request.resource_type != "document":
                visit.broken.append(f"{response.status} {response.url}")

        context.route("**/*", guard)
        context.on("response", on_response)
        visit.page.on("pageerror", lambda error: visit.js_errors.append(str(error)))

        def on_console(message):
            # Chromium reports each blocked script, style, frame or request here.
            if "Content Security Policy" in message.text:
                where = message.page.url if message.page else "?"
                visit.csp_violations.append(f"{where}: {message.text}")

        context.on("console", on_console)
        return visit

    def goto(self, path, expect_status=200):
        response = self.page.goto(path)
        assert response is not None, f"no response for {path}"
        assert response.status == expect_status, (
            f"{path} answered {response.status}, expected {expect_status}"
        )
        return response

    def main_text(self):
        return self.page.locator("main").inner_text()

    def check_clean(self):
        problems = [
            *(f"third-party request (blocked): {url}" for url in self.third_party),
            *(f"sub-resource failed: {line}" for line in self.broken),
            *(f"JavaScript error: {error}" for error in self.js_errors),
            *(f"Content-Security-Policy violation: {v}" for v in self.csp_violations),
        ]
        assert not problems, "\n".join(problems)


def path_of(page: Page):
    parts = urlsplit(page.url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def settle(page: Page, timeout_ms=2000):
    """Wait until short CSS animations and transitions have ended (e.g. the
    admin's messages fading in): axe judges the colours a person reads, not
    a frame in between. Endless or long decorative ones (a badge pulsing for
    25 s) are not waited for."""
    page.evaluate(
        """(timeout) => {
            const running = document.getAnimations().filter((a) => {
                const timing = a.effect && a.effect.getComputedTiming();
                const left = timing ? timing.endTime - (timing.localTime || 0) : Infinity;
                return a.playState === "running" && left <= timeout;
            });
            if (!running.length) return null;
            return Promise.race([
                Promise.all(running.map((a) => a.finished.catch(() => null))),
                new Promise((resolve) => setTimeout(resolve, timeout)),
            ]).then(() => null);
        }""",
        timeout_ms,
    )


def audit(page: Page, label: str | None = None):
    """Run axe-core (WCAG 2.2 AA tags) on the page as it is now.

    Records a summary line for the closing note and fails on any violation
    of impact serious or critical (moderate and minor ones are listed).
    """
    started = time.monotonic()
    settle(page)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol, which the page's CSP does not
        # govern: an injected <script> tag would be (rightly) refused by it.
        page.evaluate(AXE_PATH.read_text(encoding="utf-8") + "\n;true")
    violations = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return result.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
                count: v.nodes.length,
            }));
        }""",
        AXE_TAGS,
    )
    by_impact = Counter()
    for v in violations:
        by_impact[v["impact"]] += v["count"]
    width = page.viewport_size["width"] if page.viewport_size else "?"
    counts = " ".join(f"{impact}={by_impact.get(impact, 0)}" for impact in AXE_IMPACTS)
    rules = ", ".join(f"{v['id']}({v['impact']})" for v in violations) or "none"
    seconds = time.monotonic() - started
    axe_results.append(
        f"{label or path_of(page)} @{width}px: {counts}; rules: {rules} ({seconds:.1f} s)"
    )
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe on {page.url}: serious/critical violations:\n" + "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — {v['count']} × e.g. {v['nodes']}"
        for v in blocking
    )
    return violations


def audit_without_javascript(page: Page, checker: Visit, label: str):
    """axe on a page of a JavaScript-disabled context.

    axe is a script, and does not run where scripts are off; so the document
    exactly as that context shows it is served again, at its own address (the
    site's CSS and images load as usual), in `checker`, a context with
    JavaScript on whose own site scripts are blocked, and audited there.
    """
    html = page.content()
    address = page.url.split("#")[0]
    target = checker.page
    target.set_viewport_size(page.viewport_size)

    def serve(route: Route):
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

    def is_document(url):
        return url.split("#")[0] == address

    target.route(is_document, serve)
    target.route("**/*.js", lambda route: route.abort("blockedbyclient"))
    try:
        target.goto(page.url)
        return audit(target, label)
    finally:
        target.unroute_all()


def assert_no_horizontal_scroll(page: Page):
    """The page fits the viewport's width: scrollWidth <= innerWidth."""
    sizes = page.evaluate(
        """() => {
            const width = window.innerWidth;
            const wide = [...document.querySelectorAll("body *")]
                .filter((el) => el.getBoundingClientRect().right > width + 0.5)
                .slice(0, 5)
                .map((el) => el.tagName.toLowerCase()
                    + (el.id ? "#" + el.id : "")
                    + (el.classList.length ? "." + [...el.classList].join(".") : ""));
            return {scroll: document.documentElement.scrollWidth, inner: width, wide};
        }"""
    )
    assert sizes["scroll"] <= sizes["inner"], (
        f"{page.url} scrolls sideways at {sizes['inner']}px: scrollWidth={sizes['scroll']}; "
        f"too wide: {sizes['wide']}"
    )


def focused(page: Page):
    """What has the keyboard focus: tag, id, class, text, accessible label."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el) return null;
            const label = el.labels && el.labels.length ? el.labels[0].textContent : "";
            const rect = el.getBoundingClientRect();
            const style = getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(),
                id: el.id,
                className: el.className,
                text: (el.textContent || "").trim(),
                label: label.trim(),
                visible: rect.width > 0 && rect.height > 0 && rect.bottom > 0
                    && rect.top < window.innerHeight,
                outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
            };
        }"""
    )


def tab_until(page: Page, predicate, max_tabs=15):
    """Press Tab until `predicate(focused(page))` holds; returns the number of presses."""
    for presses in range(1, max_tabs + 1):
        page.keyboard.press("Tab")
        if predicate(focused(page)):
            return presses
    raise AssertionError(f"not reached with {max_tabs} × Tab; focus is on {focused(page)}")


def shot(page: Page, name: str, full_page=True):
    """Save a named screenshot under test-output/e2e/screenshots/ (also on success)."""
    safe = re.sub(r"[^a-zA-Z0-9_.-]+", "-", name).strip("-")
    path = OUTPUT / "screenshots" / f"{safe}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=path, full_page=full_page)
    saved_screenshots.append(path)
    return path


def feature_missing(visit: Visit, path: str):
    """Why a journey that needs `path` cannot run (it answers 404), or None.

    The journey fails with this reason: a missing feature is a failure, not a skip.
    """
    response = visit.page.request.get(visit.base_url + path, max_redirects=0)
    if response.status == 404:
        return f"{path} answers 404: that feature has not landed in this tree yet"
    return None


def log_in(page: Page, username: str, password: str, audit_login=False):
    """Sign in to the Wagtail admin through its login form (axe-audited on request)."""
    page.goto("/admin/login/")
    if audit_login:
        assert page.locator("h1").inner_text().strip().startswith("Iniciar sesión")
        audit(page, "/admin/login/")
    page.get_by_role("textbox", name="Nombre de usuario").fill(username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Iniciar sesión").click()
