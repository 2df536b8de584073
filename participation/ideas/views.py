"""Idea endpoints under /participa/idea/ (never cached).

The idea form lives on its own page (never cached), so it carries a normal
CSRF token and a signed start time.
"""

import logging
from urllib.parse import urlencode

from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from home.errors import SERVICE_ERRORS
from participation import identity, ratelimit, services, targets
from participation.http import anchor, issue_token, message_page

from . import services as ideas
from .forms import IdeaForm, started_token
from .models import Idea

MSG_COOKIES = "Para enviar tu idea activa las cookies de este sitio y vuelve a enviarla."
MSG_IDEA_RATE = (
    "Recibimos muchas ideas tuyas en poco tiempo. Espera una hora y vuelve a intentarlo; "
    "tu texto sigue aquí."
)
MSG_DUPLICATE = "Ya recibimos una idea con este mismo texto; no hace falta enviarla de nuevo."
MSG_IDEA_NOT_SAVED = (
    "Por una falla técnica momentánea no pudimos guardar tu idea: todavía no la recibimos. "
    "Tu texto sigue aquí; vuelve a enviarlo en unos minutos."
)
MSG_IDEA_DOWN = (
    "Por una falla técnica momentánea el formulario de ideas no está disponible. No es tu "
    "culpa: inténtalo de nuevo en unos minutos."
)

logger = logging.getLogger(__name__)


def _idea_target_page(request):
    source = request.POST if request.method == "POST" else request.GET
    page = targets.live_feedback_page(source.get("pagina", ""))
    block_id = source.get("bloque", "")
    if page is None or block_id not in targets.target_labels(page):
        raise Http404("Este elemento no existe o ya no recibe ideas.")
    return page, block_id


def _render_idea_form(request, page, block_id, form, status=200, error=""):
    context = {
        "target_page": page,
        "block_id": block_id,
        "label": targets.target_labels(page)[block_id],
        "actor": targets.actor_of(page),
        "form": form,
        "form_error": error,
        "back_url": f"{page.url}#{anchor(block_id)}",
        "meta_title": "Envía tu idea, propuesta o comentario",
        "meta_description": f"Tu opinión sobre «{page.title}» llega al IEEM, que la "
        "revisa y la entrega al partido al terminar el proceso electoral.",
    }
    return render(request, "participation/idea_form.html", context, status=status)


def _idea_unavailable(request, message):
    """The idea form when the database cannot be read: what was typed, in a form
    that sends it again (rendered with no database access: no municipality
    list, no page title)."""
    source = request.POST if request.method == "POST" else request.GET
    context = {
        "message": message,
        "typed": request.method == "POST",
        "pagina": source.get("pagina", ""),
        "bloque": source.get("bloque", ""),
        "texto": request.POST.get("texto", ""),
        "nombre": request.POST.get("nombre", ""),
        "correo": request.POST.get("correo", ""),
        "municipio": request.POST.get("municipio", ""),
        "acepto": bool(request.POST.get("acepto")),
        "inicio": started_token(),
    }
    response = render(request, "participation/idea_unavailable.html", context, status=503)
    response["Retry-After"] = "60"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def idea(request):
    try:
        return _idea(request)
    except SERVICE_ERRORS:
        logger.exception("Idea form: service unavailable")
        return _idea_unavailable(
            request, MSG_IDEA_NOT_SAVED if request.method == "POST" else MSG_IDEA_DOWN
        )


def _idea(request):
    page, block_id = _idea_target_page(request)
    calendar = services.calendar()
    if not calendar.is_open("participation"):
        return message_page(
            request,
            services.closed_message(calendar),
            403,
            back_url=page.url,
            title="La participación no está abierta",
        )
    token = identity.token_from_request(request)
    if request.method == "GET":
        response = _render_idea_form(request, page, block_id, IdeaForm())
        if token is None:
            issue_token(request, response)
        return response

    form = IdeaForm(request.POST)
    if token is None:
        response = _render_idea_form(request, page, block_id, form, 400, MSG_COOKIES)
        issue_token(request, response)
        return response
    if not form.is_valid():
        return _render_idea_form(request, page, block_id, form, 400)
    participant = identity.participant_hash(token)
    address = identity.address_hash(request)
    if not ratelimit.hit("idea_participant", participant) or not ratelimit.hit(
        "idea_address", address
    ):
        return _render_idea_form(request, page, block_id, form, 429, MSG_IDEA_RATE)
    target = targets.resolve(page.pk, block_id)
    if target is None:
        raise Http404("Este elemento ya no recibe ideas.")
    data = form.cleaned_data
    if ideas.is_duplicate(target, participant, data["texto"]):
        return _render_idea_form(request, page, block_id, form, 400, MSG_DUPLICATE)
    municipality = data.get("municipio")
    try:
        with transaction.atomic():
            Idea.objects.receive(
                target,
                text=data["texto"],
                name=data["nombre"],
                municipality=municipality,
                email=data["correo"],
                participant=participant,
                address=address,
            )
    except SERVICE_ERRORS:
        # Not stored: never confirm it. The whole form again, with what was typed
        # (if the database cannot even be read for that, `idea` shows the plain one).
        logger.exception("Idea not saved: service unavailable")
        return _render_idea_form(request, page, block_id, form, 503, MSG_IDEA_NOT_SAVED)
    query = urlencode({"pagina": page.pk, "bloque": block_id})
    return redirect(f"/participa/idea/recibida/?{query}")


@never_cache
@require_GET
def idea_received(request):
    page, block_id = _idea_target_page(request)
    return render(
        request,
        "participation/idea_received.html",
        {
            "target_page": page,
            "label": targets.target_labels(page)[block_id],
            "back_url": f"{page.url}#{anchor(block_id)}",
            "meta_title": "Recibimos tu idea",
        },
    )
