from types import SimpleNamespace

import pytest

from electoral.glossary.alphabet import ALPHABET, anchor_for, group_by_letter, letter_for
from electoral.glossary.text import sort_key, stem, stems
from home.text import fold_keep_enye, strip_accents_keep_enye


def test_fold_removes_accents_keeps_enie_and_length():
    text = "Sección ÚNICA, pingüino, año, Ñandú"
    assert strip_accents_keep_enye(text) == "Seccion UNICA, pinguino, año, Ñandu"
    assert len(strip_accents_keep_enye(text)) == len(text)


@pytest.mark.parametrize("word", ["planilla", "planillas", "PLANÍLLA", "Planillas"])
def test_stem_ignores_case_accents_and_plural(word):
    assert stem(word) == stem("planilla")


def test_stems_of_plural_phrases_match_singular():
    assert stems("secciones electorales") == stems("Sección electoral")
    assert stems("suplentes") == stems("suplente")
    assert fold_keep_enye("  Distrito   ELECTORAL  ") == "distrito electoral"


@pytest.mark.parametrize(
    "term, letter",
    [
        ("Árbol", "A"),
        ("acta", "A"),
        ("Úrsula", "U"),
        ("Élite", "E"),
        ("Ñandú", "Ñ"),
        ("ñoño", "Ñ"),
        ("Nulidad", "N"),
        ("¿Qué es?", "Q"),
        ("«Voto»", "V"),
        ("2 de junio", "#"),
    ],
)
def test_letter_for_ignores_accents_but_keeps_enie(term, letter):
    assert letter_for(term) == letter


def test_alphabet_has_27_letters_with_enie_between_n_and_o():
    assert len(ALPHABET) == 27
    assert ALPHABET[ALPHABET.index("N") + 1] == "Ñ"
    assert ALPHABET[ALPHABET.index("Ñ") + 1] == "O"
    assert anchor_for("Ñ") == "letra-enie" and anchor_for("A") == "letra-a"


def _items(*titles):
    return [SimpleNamespace(title=t) for t in titles]


def test_group_by_letter_groups_and_orders_the_spanish_way():
    groups = group_by_letter(
        _items("Ñandú", "Urna", "Ágora", "Úlcera", "Número", "Ayuntamiento", "Nulidad", "acta")
    )
    by_letter = {g.letter: [i.title for i in g.entries] for g in groups}
    assert [g.letter for g in groups] == ALPHABET  # every letter, in order, no "#" group
    assert by_letter["A"] == ["acta", "Ágora", "Ayuntamiento"]  # accents ignored in order
    assert by_letter["U"] == ["Úlcera", "Urna"]
    assert by_letter["N"] == ["Nulidad", "Número"]
    assert by_letter["Ñ"] == ["Ñandú"]  # its own letter, not under N
    assert by_letter["B"] == [] and by_letter["Z"] == []


def test_group_by_letter_adds_others_group_only_when_needed():
    groups = group_by_letter(_items("3 de 3", "Boleta"))
    assert groups[-1].letter == "#" and [i.title for i in groups[-1].entries] == ["3 de 3"]
    assert groups[-1].label == "Otros" and groups[-1].anchor == "letra-otros"


def test_sort_key_puts_enie_after_every_n():
    words = ["oro", "ñu", "nz", "nada"]
    assert sorted(words, key=sort_key) == ["nada", "nz", "ñu", "oro"]
