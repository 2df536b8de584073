"""The idea form's municipality <select>, written in Python (participation/ideas/forms.py):
byte for byte what Django's Select template renders."""

import pytest
from django import forms

from participation.ideas.forms import IdeaForm, InlineSelect

CHOICES = [
    ("", "Prefiero no decirlo"),
    (1, "Acambay de Ruíz Castañeda"),
    (2, 'Nombre con "comillas" & <signos>'),
    ("Grupo <1>", [(3, "Uno"), (4, "Dos")]),
    (5, "Zumpahuacán"),
]


@pytest.mark.parametrize("value", [None, "", 2, 4, "<x>"])
@pytest.mark.parametrize(
    "attrs",
    [None, {"id": "id_municipio"}, {"id": 'a"b', "required": True, "disabled": False}],
)
def test_inline_select_renders_what_djangos_select_renders(value, attrs):
    expected = forms.Select(choices=CHOICES).render("municipio", value, attrs)
    assert InlineSelect(choices=CHOICES).render("municipio", value, attrs) == expected
    assert "&quot;comillas&quot; &amp; &lt;signos&gt;" in expected


@pytest.mark.django_db
@pytest.mark.snapshot("geography")
def test_the_idea_forms_municipality_field_uses_it():
    form = IdeaForm()
    field = form["municipio"]
    assert isinstance(form.fields["municipio"].widget, InlineSelect)
    html = str(field)
    form.fields["municipio"].widget = forms.Select(choices=form.fields["municipio"].choices)
    assert html == str(form["municipio"])
    assert html.count("<option") == 126  # «Prefiero no decirlo» and the 125 municipalities
