import pytest

from electoral.geography.text import (
    SectionNumberError,
    compress_ranges,
    parse_section_number,
)
from home.text import fold_name_words


@pytest.mark.parametrize(
    "raw", ["Nezahualcóyotl", "NEZAHUALCÓYOTL", "nezahualcoyotl", "  Nezahualcóyotl "]
)
def test_normalize_name(raw):
    assert fold_name_words(raw) == "nezahualcoyotl"


def test_normalize_name_words_and_punctuation():
    assert fold_name_words("Acambay de Ruíz Castañeda") == fold_name_words(
        "ACAMBAY DE RUIZ CASTAÑEDA"
    )
    assert fold_name_words("Tlalnepantla  de Baz") == "tlalnepantla de baz"


@pytest.mark.parametrize(
    "raw, number", [("12", 12), ("0012", 12), (" 12 ", 12), ("1 2", 12), ("6637", 6637)]
)
def test_parse_section_number(raw, number):
    assert parse_section_number(raw) == number


@pytest.mark.parametrize("raw", ["", "   ", "abc", "12a", "-12", "1.5", "１２", "123456789"])
def test_parse_section_number_rejects(raw):
    with pytest.raises(SectionNumberError):
        parse_section_number(raw)


def test_compress_ranges():
    assert compress_ranges([7, 1, 2, 3, 9, 10]) == [(1, 3), (7, 7), (9, 10)]
    assert compress_ranges([]) == []


def test_head_town_accents_only_from_the_municipality_names():
    from electoral.geography.text import accented_words, head_town_from_ine, head_town_label

    accents = accented_words(["Naucalpan de Juárez", "Rayón", "Toluca", "Nezahualcóyotl"])
    assert accents == {"juarez": "Juárez", "rayon": "Rayón", "nezahualcoyotl": "Nezahualcóyotl"}
    assert head_town_from_ine("TOLUCA DE LERDO", accents) == "Toluca de Lerdo"
    assert head_town_from_ine("AMECAMECA DE JUAREZ", accents) == "Amecameca de Juárez"
    assert head_town_from_ine("CD. NEZAHUALCOYOTL", accents) == "Cd. Nezahualcóyotl"
    assert head_town_from_ine("LOS REYES ACAQUILPAN", accents) == "Los Reyes Acaquilpan"
    # No source for «Díaz»: the letters stay as INE writes them.
    assert head_town_from_ine("CHALCO DE DIAZ COVARRUBIAS", accents) == (
        "Chalco de Diaz Covarrubias"
    )
    assert head_town_label("Toluca de Lerdo", "Toluca") == "Toluca de Lerdo (Toluca)"
    assert head_town_label("Chimalhuacán", "Chimalhuacán") == "Chimalhuacán"
    assert head_town_label("", "Toluca") == ""
    # A word spelt two ways in the names is not used.
    assert accented_words(["Ruíz", "Ruíz Castañeda", "Rúiz"]) == {"castaneda": "Castañeda"}
