"""Each folding function of home.text pinned on ñ, ü, accents, case and spacing."""

import pytest

from home.text import (
    fold_all,
    fold_case_and_spacing,
    fold_keep_enye,
    fold_name_words,
    strip_accents_keep_enye,
)

TEXT = "  Año  PINGÜINO, Sección  "


def test_strip_accents_keep_enye_keeps_enye_case_spacing_and_length():
    assert strip_accents_keep_enye(TEXT) == "  Año  PINGUINO, Seccion  "
    assert strip_accents_keep_enye("Ñandú ñu") == "Ñandu ñu"
    assert len(strip_accents_keep_enye(TEXT)) == len(TEXT)
    assert strip_accents_keep_enye("straße œuvre") == "straße œuvre"  # not accents


def test_fold_keep_enye_lowers_and_collapses_but_keeps_enye():
    assert fold_keep_enye(TEXT) == "año pinguino, seccion"
    assert fold_keep_enye("AÑO") != fold_keep_enye("ANO")


def test_fold_all_folds_enye_to_n():
    assert fold_all(TEXT) == "ano pinguino, seccion"
    assert fold_all("NÚÑEZ  Ávila") == fold_all("nunez avila") == "nunez avila"
    assert fold_all(None) == ""
    assert fold_all("ﬁrma") == "firma"


def test_fold_name_words_keeps_only_ascii_words():
    assert fold_name_words(TEXT) == "ano pinguino seccion"
    assert fold_name_words("ORO, EL") == "oro el"
    assert fold_name_words("Acambay de Ruíz Castañeda") == "acambay de ruiz castaneda"
    assert fold_name_words(None) == ""


def test_fold_case_and_spacing_keeps_accents_and_enye():
    assert fold_case_and_spacing(TEXT) == "año pingüino, sección"
    assert fold_case_and_spacing(None) == ""


@pytest.mark.parametrize(
    "function", [strip_accents_keep_enye, fold_keep_enye, fold_case_and_spacing]
)
def test_functions_that_keep_enye(function):
    assert "ñ" in function("ñ") and "Ñ" not in fold_keep_enye("Ñ")
