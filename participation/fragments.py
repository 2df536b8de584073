"""The controls drawn under a platform, a topic section or a proposal.

Rendered into cached public pages through the "decide_target_extras" hook, so
they carry no CSRF token, no per-participant state and no count: only the
buttons (plain forms), a link to the idea form, and, after a press without
JavaScript, a message derived from the URL the endpoint redirected to.
"""

from django.template.loader import render_to_string
from django.templatetags.static import static

from home.models import ElectionCalendar

from . import services, targets

NO_JS_MESSAGES = {
    "registrado-me_gusta": "Registramos tu «Me gusta». Si lo pulsas de nuevo, lo retiras.",
    "registrado-no_me_gusta": "Registramos tu «No me gusta». Si lo pulsas de nuevo, lo retiras.",
    "retirado": "Retiraste tu reacción.",
    "repite": "Para contar tu reacción necesitamos guardar una cookie. Pulsa de nuevo el botón.",
}


def _calendar(context):
    calendar = context.get("calendar")
    if calendar is None:
        calendar = ElectionCalendar.load()
    return calendar


def render_controls(context, page, block_id):
    if not targets.is_feedback_page(page) or getattr(page, "pk", None) is None:
        return ""
    block_id = str(block_id or "")
    labels = targets.target_labels(page)
    if block_id not in labels:
        return ""
    calendar = _calendar(context)
    is_open = calendar.is_open("participation")
    request = context.get("request")
    message, pressed = "", None
    if request is not None and request.GET.get("bloque", None) == block_id:
        code = request.GET.get("participa", "")
        message = NO_JS_MESSAGES.get(code, "")
        if code.startswith("registrado-"):
            pressed = code.removeprefix("registrado-")
    # The script once per page (the first fragment drawn), only while it can act.
    include_script = is_open and not getattr(page, "_participation_script", False)
    if include_script:
        page._participation_script = True
    # What the template shows only in one state is computed only then, and the
    # closed notice once per page (a platform draws one control per topic).
    closed = ""
    if not is_open:
        dates = (calendar.participation_opens, calendar.participation_closes)
        kept = getattr(page, "_participation_closed", None)
        if kept is None or kept[0] != dates:
            kept = page._participation_closed = (dates, services.closed_message(calendar))
        closed = kept[1]
    return render_to_string(
        "participation/includes/target_controls.html",
        {
            "page": page,
            "block_id": block_id,
            "anchor": f"participa-{block_id or 'pagina'}",
            "label": labels[block_id],
            "whole": block_id == "",
            "is_open": is_open,
            "closed_message": closed,
            "message": message,
            "pressed": pressed,
            "page_url": page.url if is_open else "",
            "include_script": include_script,
            "script_url": static("js/participation.js") if include_script else "",
        },
    )
