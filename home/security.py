"""HTTP security headers and admin session rules.

- Content-Security-Policy comes from Django's own middleware
  (`django.middleware.csp`, settings SECURE_CSP). Public pages get
  SECURE_CSP; the Wagtail admin (its preview included) gets SECURE_CSP_ADMIN,
  which differs only where the admin needs it: its preview is framed by the
  admin itself (frame-ancestors 'self'), its styles use inline style
  attributes, and uploads preview as blob: images. Scripts need 'self' or the
  request's nonce everywhere: no 'unsafe-inline' for scripts.
- A few Wagtail admin widgets write an inline <script> from Python, where no
  template context (and so no `csp_nonce`) exists. The middleware keeps the
  request's nonce in a context variable (`current_nonce()`); the chooser
  widgets' render (patched in `patch_wagtail_inline_scripts`) and the
  overridden admin templates (`{% script_nonce_attr %}`) put it on their own
  scripts, and only on those.
- Permissions-Policy: the site uses no powerful browser feature.
- Admin sessions end after ADMIN_IDLE_TIMEOUT_SECONDS without a request
  (`AdminIdleTimeoutMiddleware`).
"""

import contextvars
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.middleware.csp import get_nonce
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from wagtail.admin.widgets.chooser import BaseChooser

ADMIN_PREFIXES = ("/admin/", "/django-admin/")

_nonce = contextvars.ContextVar("decide_csp_nonce", default=None)


def current_nonce():
    """The CSP nonce of the request being answered (None outside a request)."""
    return _nonce.get()


def nonce_attr():
    nonce = current_nonce()
    return format_html(' nonce="{}"', nonce) if nonce is not None else ""


def is_admin_path(path):
    return path.startswith(ADMIN_PREFIXES)


class SecurityHeadersMiddleware:
    """Admin CSP, Permissions-Policy and the request's nonce for Python-rendered scripts.

    Sits after django.middleware.csp.ContentSecurityPolicyMiddleware, so that
    the policy chosen here is the one that middleware writes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _nonce.set(get_nonce(request))  # Django's lazy nonce: made only if used
        try:
            response = self.get_response(request)
        finally:
            _nonce.reset(token)
        # Wagtail's previews render the page through a second, dummy request to
        # its public URL (Page.make_preview_request): shown in the admin, they
        # take the admin's policy (framed by the preview panel).
        in_admin = is_admin_path(request.path) or getattr(request, "is_dummy", False)
        if in_admin and not hasattr(response, "_csp_config"):
            response._csp_config = settings.SECURE_CSP_ADMIN
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response


def patch_wagtail_inline_scripts():
    """Give the inline <script> that Wagtail's chooser widgets append the request's nonce.

    BaseChooser.render returns `<widget html><script>new Chooser(…)</script>`,
    built in Python without a template context. Only that trailing script,
    which the widget itself wrote, gets the nonce.
    """

    if getattr(BaseChooser.render, "_decide_nonce", False):
        return
    original = BaseChooser.render

    def render(self, *args, **kwargs):
        html = original(self, *args, **kwargs)
        nonce = current_nonce()
        head, tag, tail = str(html).rpartition("<script>")
        if nonce is None or not tag:
            return html

        return mark_safe(f'{head}<script nonce="{nonce}">{tail}')  # noqa: S308

    render._decide_nonce = True
    BaseChooser.render = render


class AdminIdleTimeoutMiddleware:
    """Sign out admin users (IEEM staff and party editors) after a quiet spell.

    The time of each request of a signed-in user is kept in the session
    (written at most once a minute); a request that comes more than
    ADMIN_IDLE_TIMEOUT_SECONDS (default 30 minutes) after the previous one
    signs the user out and, in the admin, lands on the sign-in page with a
    Spanish notice.
    """

    SESSION_KEY = "decide_last_activity"
    WRITE_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            last = request.session.get(self.SESSION_KEY)
            limit = getattr(settings, "ADMIN_IDLE_TIMEOUT_SECONDS", 30 * 60)
            if isinstance(last, int | float) and now - last > limit:
                logout(request)
                if is_admin_path(request.path):
                    messages.info(
                        request,
                        f"Tu sesión se cerró tras {limit // 60} minutos sin actividad. "
                        "Vuelve a iniciar sesión para continuar.",
                    )
                    login = reverse("wagtailadmin_login")
                    return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
            elif not isinstance(last, int | float) or now - last >= self.WRITE_EVERY:
                request.session[self.SESSION_KEY] = now
        return self.get_response(request)
