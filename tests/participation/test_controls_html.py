"""The participation controls written in Python (participation/fragments.py
`_controls_html`, issue 19: truly cold renders) are what the template they
replaced wrote: that template is kept here verbatim (4bad5c2) and both are
rendered for every combination of state and awkward text."""

import itertools
from types import SimpleNamespace

from django.template import Context, Template

from participation.fragments import _controls_html

OLD_TEMPLATE = '<div class="participa{% if whole %} participa--page{% endif %}" id="{{ anchor }}" data-participa data-page="{{ page.pk }}" data-block="{{ block_id }}">\n    {% if is_open %}\n        <form class="participa__reactions" method="post" action="/participa/reaccion/">\n            <input type="hidden" name="pagina" value="{{ page.pk }}">\n            <input type="hidden" name="bloque" value="{{ block_id }}">\n            <input type="hidden" name="siguiente" value="{{ page_url }}">\n            <p class="participa__question">{% if whole %}¿Qué te parece esta plataforma en conjunto?{% else %}¿Qué te parece?{% endif %}</p>\n            <div class="participa__buttons">\n                <button type="submit" name="valor" value="me_gusta" class="participa__button participa__button--like" aria-pressed="{% if pressed == \'me_gusta\' %}true{% else %}false{% endif %}">\n                    Me gusta<span class="visually-hidden">: {{ label }}</span>\n                </button>\n                <button type="submit" name="valor" value="no_me_gusta" class="participa__button participa__button--dislike" aria-pressed="{% if pressed == \'no_me_gusta\' %}true{% else %}false{% endif %}">\n                    No me gusta<span class="visually-hidden">: {{ label }}</span>\n                </button>\n            </div>\n        </form>\n        <p class="participa__status" role="status">{{ message }}</p>\n        <p class="participa__idea"><a href="/participa/idea/?pagina={{ page.pk }}&amp;bloque={{ block_id|urlencode }}">Envía tu idea, propuesta o comentario<span class="visually-hidden"> sobre «{{ label }}»</span></a></p>\n    {% else %}\n        <p class="participa__closed">{{ closed_message }}</p>\n    {% endif %}\n</div>\n{% if include_script %}<script src="{{ script_url }}" defer></script>{% endif %}\n'  # noqa: E501

AWKWARD = ["Salud", 'Agua <b>"potable"</b> & drenaje', "l'été ñandú"]


def test_controls_written_in_python_are_what_the_template_wrote():
    template = Template(OLD_TEMPLATE)
    compared = 0
    for block_id, label, is_open, message, pressed, script, page_url in itertools.product(
        ["", "3f2a-b", 'x"<y>&z'],
        AWKWARD,
        [True, False],
        ["", 'Tu reacción quedó registrada <ok> & "bien"'],
        [None, "me_gusta", "no_me_gusta"],
        [True, False],
        ["/partidos/pan/plataforma/", "/a?b=1&c=<d>"],
    ):
        values = {
            "page_pk": 42,
            "block_id": block_id,
            "anchor": f"participa-{block_id or 'pagina'}",
            "label": label,
            "whole": block_id == "",
            "is_open": is_open,
            "closed_message": "" if is_open else "La participación abre el <1 de marzo> & cierra…",
            "message": message,
            "pressed": pressed,
            "page_url": page_url if is_open else "",
            "script_url": "/static/js/participation.abc123.js" if script else "",
        }
        old = template.render(
            Context(dict(values, page=SimpleNamespace(pk=42), include_script=script))
        )
        new = _controls_html(**values)
        assert new == old, values
        compared += 1
    assert compared == 3 * 3 * 2 * 2 * 3 * 2 * 2
