"""Reaction endpoints under /participa/ (never cached).

Caching and CSRF
----------------
Platform and profile pages are cached for anonymous visitors, so their HTML
can carry neither per-participant state nor a CSRF token. Two paths reach the
reaction endpoint:

* With JavaScript, `participation.js` first GETs /participa/estado/ (JSON,
  never cached) for the participant's own pressed states and a CSRF token,
  and sends each press with fetch() and the `X-CSRFToken` header. Those
  requests get Django's full CSRF check.
* Without JavaScript the buttons are plain forms in the cached page, which
  cannot hold a token. The endpoint is therefore `csrf_exempt` and protects
  these requests itself: (1) the participant cookie is `SameSite=Lax`, so a
  cross-site POST never carries it and is treated as cookieless (nothing is
  stored, the visitor is asked to repeat); (2) the `Origin` header (or, when
  absent, the `Referer`) must name this site, otherwise 403. A forged
  request can therefore neither act as a participant nor come from another
  site. The worst a same-site attacker could do is press a button, which the
  visitor sees and can undo. An intermediate confirmation page was rejected:
  it would double the clicks of every participant without JavaScript.

The idea form lives on its own page under /participa/idea/ (never cached),
so it carries a normal CSRF token and a signed start time.
"""

import functools
import logging
import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from home.errors import SERVICE_ERRORS, unavailable_response
from participation import identity, ratelimit, services, targets
from participation.http import anchor, issue_token, message_page

from . import abuse
from . import services as reactions

MSG_REPEAT = "Para contar tu reacción necesitamos guardar una cookie. Pulsa de nuevo el botón."
MSG_RATE = (
    "Recibimos demasiadas solicitudes en poco tiempo. Espera un momento y vuelve a intentarlo."
)
MSG_DAY = "Llegaste al máximo de reacciones por día. Podrás seguir participando mañana."
MSG_BURST = (
    "Desde tu conexión llegaron demasiadas reacciones nuevas a este elemento en poco tiempo. "
    "Vuelve a intentarlo más tarde."
)
MSG_GONE = "Este elemento ya no recibe reacciones: pudo haberse retirado o cambiado."
MSG_ORIGIN = "No pudimos verificar que la solicitud venga de este sitio. Recarga la página."
MSG_BUSY = "No pudimos registrar tu reacción en este momento. Inténtalo de nuevo."
MSG_REACTION_DOWN = (
    "Por una falla técnica momentánea no podemos registrar reacciones. No es tu culpa: "
    "inténtalo de nuevo en unos minutos."
)

logger = logging.getLogger(__name__)


def _when_services_fail(reply):
    """Answer `reply(request)` (a Spanish 503) when the database or Redis is down.

    Whatever the view did before the failure is not confirmed to the visitor:
    a press or an idea either reached the database in full or the visitor is
    told it did not.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except SERVICE_ERRORS:
                logger.exception("%s: service unavailable", request.path)
                return reply(request)

        return wrapper

    return decorator


def _state_unavailable(request):
    response = unavailable_response(
        request,
        MSG_REACTION_DOWN,
        payload={"open": False, "csrfToken": get_token(request), "reactions": {}},
        as_json=True,
    )
    response["Vary"] = "Cookie"
    return response


def _reaction_unavailable(request):
    back = _safe_path(request, request.POST.get("siguiente", ""), "/")
    block_id = request.POST.get("bloque", "")[: targets.BLOCK_ID_MAX]
    return unavailable_response(
        request,
        MSG_REACTION_DOWN,
        back_url=f"{back}#{anchor(block_id)}",
        payload={"state": None},
    )


def _wants_json(request):
    return "HTTP_X_CSRFTOKEN" in request.META or "application/json" in request.META.get(
        "HTTP_ACCEPT", ""
    )


def _same_origin(request):
    allowed = {f"{request.scheme}://{request.get_host()}"} | set(
        getattr(settings, "CSRF_TRUSTED_ORIGINS", [])
    )
    origin = request.META.get("HTTP_ORIGIN")
    if origin:
        return origin in allowed
    referer = request.META.get("HTTP_REFERER")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}" in allowed
    return False


def _safe_path(request, url, fallback):
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        path = urlsplit(url).path
        if path.startswith("/") and not path.startswith("//"):
            return path
    return fallback


@never_cache
@require_GET
@_when_services_fail(_state_unavailable)
def state(request):
    """JSON for the current page: the participant's own pressed states and a CSRF token."""
    calendar = services.calendar()
    is_open = calendar.is_open("participation")
    payload = {
        "open": is_open,
        "message": services.open_message(calendar)
        if is_open
        else services.closed_message(calendar),
        "csrfToken": get_token(request),
        "reactions": {},
    }
    token = identity.token_from_request(request)
    page_id = request.GET.get("pagina", "")
    # isdigit() alone accepts "²" and other digits int() refuses (a 500 found by fuzzing).
    if token and page_id.isascii() and page_id.isdigit() and len(page_id) <= 18:
        payload["reactions"] = reactions.states_for(identity.participant_hash(token), int(page_id))
    response = JsonResponse(payload)
    if token is None and is_open:
        issue_token(request, response)
    response["Vary"] = "Cookie"
    return response


def _reaction_reply(request, as_json, status, message, back, code="", block_id="", state=None):
    if as_json:
        return JsonResponse(
            {"ok": status == 200, "state": state, "message": message}, status=status
        )
    if status in (200, 428):
        query = urlencode({"participa": code, "bloque": block_id})
        return HttpResponseRedirect(f"{back}?{query}#{anchor(block_id)}")
    return message_page(request, message, status, back_url=f"{back}#{anchor(block_id)}")


@csrf_exempt  # see the module docstring: token for fetch(), Origin + SameSite for forms
@never_cache
@require_POST
@_when_services_fail(_reaction_unavailable)
def reaction(request):
    as_json = _wants_json(request)
    page_id = request.POST.get("pagina", "")
    block_id = request.POST.get("bloque", "")[: targets.BLOCK_ID_MAX]
    value = request.POST.get("valor", "")
    back = _safe_path(request, request.POST.get("siguiente", ""), "/")

    def reply(status, message, code="", state=None):
        return _reaction_reply(request, as_json, status, message, back, code, block_id, state)

    if as_json:
        csrf_failure = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
        if csrf_failure is not None:
            return reply(403, "La página caducó. Recárgala para participar.")
    elif not _same_origin(request):
        return reply(403, MSG_ORIGIN)

    calendar = services.calendar()
    if not calendar.is_open("participation"):
        return reply(403, services.closed_message(calendar))

    token, issued_at = identity.cookie_from_request(request)
    if token is None:
        response = reply(428, MSG_REPEAT, code="repite")
        if issue_token(request, response) is None:
            return reply(429, MSG_RATE)
        return response

    participant = identity.participant_hash(token)
    bucket = identity.address_hash(request)
    limits = [
        ("reaction_participant", participant),
        ("reaction_address", bucket),
        ("reaction_participant_day", participant),
    ]
    # The press's burst (reactions/abuse.py) is counted in the same statement
    # as its rate limits (one write instead of two), so the target is resolved
    # first; the replies keep their order (429 for a limit, then 400, 404).
    target = targets.resolve(page_id, block_id) if value in reactions.VALUES else None
    current = reactions.UNKNOWN
    if as_json and "actual" in request.POST:
        current = request.POST["actual"] if request.POST["actual"] in reactions.VALUES else None
    burst = []
    if target is not None and current != value:  # may set a reaction (a withdrawal never counts)
        burst = abuse.burst_checks(target, bucket, issued_at)
    now = time.time()
    counted = ratelimit.count_all(limits + burst, now=now)
    exceeded = next((name for name, maximum, count in counted[:3] if count > maximum), None)
    if exceeded:
        ratelimit.uncount_all(burst, now)  # a refused request is no press of the burst
        return reply(429, MSG_DAY if exceeded == "reaction_participant_day" else MSG_RATE)

    if value not in reactions.VALUES:
        return reply(400, "Elige «Me gusta» o «No me gusta».")
    if target is None:
        return reply(404, MSG_GONE)
    verdict = abuse.judge(target, bucket, counted[3:]) if burst else None
    if verdict is not None and verdict.refuse:
        return reply(429, MSG_BURST)
    try:
        stored = reactions.react(participant, target, value, current)
    except reactions.Busy:
        return reply(503, MSG_BUSY)  # the database stayed locked (or unreachable)
    abuse.mark_stored(verdict, participant, stored)
    # Only the outcome, from a fixed set: nothing derived from the participant or
    # the address reaches the URL (nor, through it, any access log or Referer).
    code = f"registrado-{stored}" if stored else "retirado"
    return reply(200, reactions.result_message(stored), code=code, state=stored)
