import pytest

from electoral.geography.text import (
    SectionNumberError,
    compress_ranges,
    normalize_name,
    parse_section_number,
)


@pytest.mark.parametrize(
    "raw", ["Nezahualcóyotl", "NEZAHUALCÓYOTL", "nezahualcoyotl", "  Nezahualcóyotl "]
)
def test_normalize_name(raw):
    assert normalize_name(raw) == "nezahualcoyotl"


def test_normalize_name_words_and_punctuation():
    assert normalize_name("Acambay de Ruíz Castañeda") == normalize_name(
        "ACAMBAY DE RUIZ CASTAÑEDA"
    )
    assert normalize_name("Tlalnepantla  de Baz") == "tlalnepantla de baz"


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
