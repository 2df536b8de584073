"""The repeated parts of a platform and a candidate profile, written in Python.

A platform draws one section per topic and a profile one item per line of its
trajectory and one section per proposal; through the template engine those
loops were most of an uncached rendering (issue 19, «truly cold»). Each tag
returns exactly what the template loop it replaces returned (the same
whitespace, every value escaped as autoescape did, the same filters and the
same "decide_target_extras" hooks), so the HTML does not change.
"""

import functools

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaks_filter
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from wagtail.rich_text import RichText, expand_db_html
from wagtail.templatetags.wagtailcore_tags import richtext

from electoral.editorial import review
from home.templatetags.site_tags import enrich, target_extras

register = template.Library()

_FROM_CONTEXT = object()
DATE_FORMAT = r"j \d\e F \d\e Y"


def _text(value):
    """`{{ value }}`: localized (numbers) and escaped; None reads "None", as
    the template engine prints it."""
    return conditional_escape(value if isinstance(value, str) else localize(value))


def _name(obj, attribute):
    """`{{ obj.<attribute> }}` of a topic or an actor: "" when there is none."""
    return "" if obj is None else _text(getattr(obj, attribute))


def _title_or_topic(value):
    """`{{ block.value.title|default:block.value.topic.name }}`: the engine
    resolves a filter's argument first, and fails (the page does) without a
    topic; so does this."""
    fallback = value["topic"].name
    return _text(value["title"] or fallback)


RICH_TEXT_TEMPLATE = "wagtailcore/shared/richtext.html"


@functools.cache
def _rich_text_template_is_plain():
    """True when the rich text template the engine finds is Wagtail's own
    `{{ html|safe }}` (not, say, wagtail.contrib.legacy.richtext's <div>)."""
    from django.template.loader import get_template

    try:
        return get_template(RICH_TEXT_TEMPLATE).template.source == "{{ html|safe }}"
    except Exception:  # noqa: BLE001 - another engine or loader: render it
        return False


def _rich_text(value):
    """`{{ value|richtext }}` of a rich text block's value: RichText renders
    `{{ html|safe }}` with its expanded source through the template engine at
    every section (a fifth of a cold platform); that template writes exactly
    the expanded source, so it is returned as is."""
    if type(value) is RichText and _rich_text_template_is_plain():
        return mark_safe(expand_db_html(value.source))
    return richtext(value)


@register.simple_tag
def platform_toc_items(sections):
    """The <li> of each topic section in the platform's table of contents."""
    return mark_safe(
        "".join(
            f'<li><a href="#apartado-{_text(block.id)}">{_title_or_topic(block.value)}</a></li>'
            for block in sections
        )
    )


@register.simple_tag(takes_context=True)
def platform_sections(context, page, sections):
    """Every topic section of a platform, with its participation controls."""
    out = []
    for block in sections:
        value, block_id = block.value, _text(block.id)
        topic = value["topic"]
        document = value["document"]
        if document:
            link = (
                "\n                                "
                f'<p class="document-link"><a href="{_text(document.url)}">Este apartado en el'
                ' documento registrado</a> <span class="meta">('
                f"{_text(document.file_extension.upper())})</span></p>\n"
                "                            "
            )
        else:
            link = ""
        out.append(
            "\n                        "
            f'<section class="topic-section" id="apartado-{block_id}"'
            f' aria-labelledby="titulo-{block_id}">\n'
            "                            "
            f'<h2 id="titulo-{block_id}">{_title_or_topic(value)}</h2>\n'
            "                            "
            f'<p class="topic-section__topic meta">Tema: {_name(topic, "name")} · '
            f'<a href="/partidos/?tema={_name(topic, "slug")}">comparar con las demás'
            " plataformas</a></p>\n"
            "                            "
            f'<div class="prose">{enrich(_rich_text(value["text"]), page)}</div>\n'
            f"                            {link}\n"
            "                            "
            f"{target_extras(context, page, block.id)}\n"
            "                        </section>\n"
            "                    "
        )
    return mark_safe("".join(out))


@register.simple_tag
def profile_trajectory_items(trajectory):
    """The <li> of each item of a candidate's trajectory."""
    out = []
    for block in trajectory:
        value = block.value
        period = f" · {_text(value['period'])}" if value["period"] else ""
        institution = f", {_text(value['institution'])}" if value["institution"] else ""
        description = f"<p>{_text(value['description'])}</p>" if value["description"] else ""
        out.append(
            "\n                        <li>\n"
            f'                            <p class="meta">{_text(block.block.label)}{period}</p>\n'
            f"                            <p><strong>{_text(value['title'])}</strong>"
            f"{institution}</p>\n"
            f"                            {description}\n"
            "                        </li>\n"
            "                    "
        )
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def profile_proposals(context, page, empty_label):
    """Every proposal of a profile with its participation controls, or the
    "no information" paragraph."""
    out = []
    for block in page.proposals:
        value, block_id = block.value, _text(block.id)
        topic = value["topic"]
        out.append(
            "\n                "
            f'<section class="proposal" id="propuesta-{block_id}"'
            f' aria-labelledby="titulo-{block_id}">\n'
            "                    "
            f'<p class="meta">Tema: <a href="/partidos/?tema={_name(topic, "slug")}">'
            f"{_name(topic, 'name')}</a></p>\n"
            f'                    <h3 id="titulo-{block_id}">{_text(value["title"])}</h3>\n'
            f"                    {linebreaks_filter(value['text'], autoescape=True)}\n"
            f"                    {target_extras(context, page, block.id)}\n"
            "                </section>\n"
            "            "
        )
    if not out:
        out.append(f"\n                <p>{_text(empty_label)}.</p>\n            ")
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def parties_breadcrumbs(context, current, actor=_FROM_CONTEXT):
    """The breadcrumbs of the pages below /partidos/: the actor (given, or the
    context's `actor`) and a `folder` of the context, if any."""
    if actor is _FROM_CONTEXT:
        actor = context.get("actor")
    folder = context.get("folder")
    actor_item = f'<li><a href="{_text(actor.url)}">{_text(actor.title)}</a></li>' if actor else ""
    folder_item = (
        f'<li><a href="{_text(folder.url)}">{_text(folder.title)}</a></li>' if folder else ""
    )
    return mark_safe(
        '<nav class="breadcrumbs" aria-label="Ruta">\n'
        "    <ol>\n"
        '        <li><a href="/">Inicio</a></li>\n'
        '        <li><a href="/partidos/">Partidos y plataformas</a></li>\n'
        f"        {actor_item}\n"
        f"        {folder_item}\n"
        f'        <li aria-current="page">{_text(current)}</li>\n'
        "    </ol>\n"
        "</nav>\n"
    )


@register.simple_tag
def published_by(page, actor):
    """ "Publicado por <actor> · revisado por el IEEM el <fecha>" and, for
    example content, the notice saying so; the review date comes from the
    moderation workflow (electoral/editorial/review.py)."""
    reviewed = review.ieem_review_date(page)
    when = (
        f" · revisado por el IEEM el {_text(date_filter(reviewed, DATE_FORMAT).lower())}"
        if reviewed
        else ""
    )
    title = _name(actor, "title")
    html = (
        "\n\n\n"
        '    <p class="published-by meta">Publicado por'
        f' <a href="{_name(actor, "url")}">{title}</a>{when}</p>\n\n'
    )
    if page.is_example:
        html += (
            "\n"
            '    <p class="example-notice"><span class="example-label">Contenido de ejemplo</span>'
            " Este texto es de demostración: no es información registrada por"
            f" {title} ni describe posiciones o personas reales.</p>\n"
        )
    return mark_safe(html + "\n")


@register.simple_tag
def profile_facts(candidacy, substitute, actor):
    """The facts of a profile's registered candidacy (none without one)."""
    if not candidacy:
        return ""
    office = _text(candidacy.get_office_display())
    municipality, district = candidacy.municipality, candidacy.district
    place = f" de {_text(municipality.name)}" if municipality else ""
    if district:
        place += f", distrito {_text(district.number)}"
    substitute_row = (
        f"<div><dt>Suplente</dt><dd>{_text(substitute.display_name)}</dd></div>"
        if substitute
        else ""
    )
    if candidacy.reelection is None:
        reelection = "Sin dato en la fuente"
    elif candidacy.reelection:
        reelection = "Sí, busca la elección consecutiva"
    else:
        reelection = "No"
    indent = "\n                            "
    return mark_safe(
        "\n                        "
        '<dl class="facts">'
        f"{indent}<div><dt>Cargo</dt><dd>{office}{place}</dd></div>"
        f'{indent}<div><dt>Postulada por</dt><dd><a href="{_name(actor, "url")}">'
        f"{_name(actor, 'title')}</a></dd></div>"
        f"{indent}<div><dt>Nombre en el registro</dt><dd>{_text(candidacy.name)}</dd></div>"
        f"{indent}{substitute_row}"
        f"{indent}<div><dt>Elección consecutiva</dt><dd>{reelection}</dd></div>"
        "\n                        </dl>\n"
        "                    "
    )
