"""The page-view image of base.html (home/templatetags/site_tags.py
`visit_counter`), written in Python: the same bytes as the template code it
replaced, kept here verbatim, for every kind of path and search term."""

import pytest
from django.template import engines
from django.test import RequestFactory

TEMPLATE_CODE = (
    """<noscript id="contar-visita" data-ruta="{{ request.path }}" """
    """data-q="{{ request.GET.q|default:''|slice:":80" }}"><img class="visit-pixel" """
    """src="/participa/visita.gif?ruta={{ request.path|urlencode:'' }}{% if request.GET.q %}"""
    """&amp;q={{ request.GET.q|slice:":80"|urlencode:'' }}{% endif %}" alt="" width="1" """
    """height="1"></noscript>"""
)


def render(code, request):
    template = engines["django"].from_string("{% load site_tags %}" + code)
    return template.render({"request": request})


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"q": ""},
        {"q": "casilla"},
        {"q": 'ñandú & "comillas" <b>'},
        {"q": "x" * 79 + "&" + "y" * 30},
        {"q": ["primera", "última"]},
        {"otra": "cosa"},
    ],
)
@pytest.mark.parametrize("path", ["/", "/geografia/municipios/toluca/", "/búsqueda/a b&c/"])
def test_the_visit_counter_is_what_the_template_wrote(path, query):
    request = RequestFactory().get(path, query)
    expected = render(TEMPLATE_CODE, request)
    assert render("{% visit_counter %}", request) == expected
    assert "visita.gif?ruta=" in expected


def test_without_a_request_the_counter_counts_the_empty_path():
    assert render("{% visit_counter %}", None) == render(TEMPLATE_CODE, None)
