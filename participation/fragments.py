"""The controls drawn under a platform, a topic section or a proposal.

Rendered into cached public pages through the "decide_target_extras" hook, so
they carry no CSRF token, no per-participant state and no count: only the
buttons (plain forms), a link to the idea form, and, after a press without
JavaScript, a message derived from the URL the endpoint redirected to.
"""

from urllib.parse import quote

from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe

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


# The closed notice by everything it depends on: the dates, which side of the
# opening `now` is, the time zone and the language of its dates. Bounded.
_closed_messages = {}


def _closed_message(calendar):
    opens, closes = calendar.participation_opens, calendar.participation_closes
    now = timezone.now()
    key = (
        opens,
        closes,
        bool(opens and closes and now < opens),
        timezone.get_current_timezone_name(),
        translation.get_language(),
    )
    message = _closed_messages.get(key)
    if message is None:
        if len(_closed_messages) >= 64:
            _closed_messages.clear()
        message = _closed_messages[key] = services.closed_message(calendar, now)
    return message


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
            kept = page._participation_closed = (dates, _closed_message(calendar))
        closed = kept[1]
    return _controls_html(
        page_pk=page.pk,
        block_id=block_id,
        anchor=f"participa-{block_id or 'pagina'}",
        label=labels[block_id],
        whole=block_id == "",
        is_open=is_open,
        closed_message=closed,
        message=message,
        pressed=pressed,
        page_url=page.url if is_open else "",
        script_url=static("js/participation.js") if include_script else "",
    )


def _controls_html(
    *,
    page_pk,
    block_id,
    anchor,
    label,
    whole,
    is_open,
    closed_message,
    message,
    pressed,
    page_url,
    script_url,
):
    """The controls' HTML, written here rather than by a template: a platform
    draws one per topic, and the template engine was most of their cost.
    Every value is escaped as the template's autoescape did."""
    block = escape(block_id)
    head = (
        f'<div class="participa{" participa--page" if whole else ""}" id="{escape(anchor)}" '
        f'data-participa data-page="{page_pk}" data-block="{block}">\n    '
    )
    if is_open:
        label = escape(label)
        question = "¿Qué te parece esta plataforma en conjunto?" if whole else "¿Qué te parece?"
        like = "true" if pressed == "me_gusta" else "false"
        dislike = "true" if pressed == "no_me_gusta" else "false"
        body = (
            "\n"
            '        <form class="participa__reactions" method="post"'
            ' action="/participa/reaccion/">\n'
            f'            <input type="hidden" name="pagina" value="{page_pk}">\n'
            f'            <input type="hidden" name="bloque" value="{block}">\n'
            f'            <input type="hidden" name="siguiente" value="{escape(page_url)}">\n'
            f'            <p class="participa__question">{question}</p>\n'
            '            <div class="participa__buttons">\n'
            '                <button type="submit" name="valor" value="me_gusta"'
            f' class="participa__button participa__button--like" aria-pressed="{like}">\n'
            f'                    Me gusta<span class="visually-hidden">: {label}</span>\n'
            "                </button>\n"
            '                <button type="submit" name="valor" value="no_me_gusta"'
            f' class="participa__button participa__button--dislike" aria-pressed="{dislike}">\n'
            f'                    No me gusta<span class="visually-hidden">: {label}</span>\n'
            "                </button>\n"
            "            </div>\n"
            "        </form>\n"
            f'        <p class="participa__status" role="status">{escape(message)}</p>\n'
            '        <p class="participa__idea"><a href="/participa/idea/?pagina='
            f'{page_pk}&amp;bloque={escape(quote(block_id, safe="/"))}">Envía tu idea, propuesta o'
            f' comentario<span class="visually-hidden"> sobre «{label}»</span></a></p>\n    '
        )
    else:
        body = f'\n        <p class="participa__closed">{escape(closed_message)}</p>\n    '
    script = f'<script src="{escape(script_url)}" defer></script>' if script_url else ""
    return mark_safe(f"{head}{body}\n</div>\n{script}\n")
