"""Text helpers for names and section numbers."""

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalize_name(value):
    """Lower case, no accents, single spaces: "NEZAHUALCÓYOTL" -> "nezahualcoyotl".

    Punctuation becomes a space, so "Ruíz" and "RUIZ", "ORO, EL" and "El Oro"
    compare by words.
    """
    decomposed = unicodedata.normalize("NFKD", str(value or ""))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(_NON_ALNUM.sub(" ", plain).split())


def compress_ranges(numbers):
    """Sorted integers as (first, last) runs: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    runs = []
    for n in sorted(numbers):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return [tuple(r) for r in runs]


MAX_SECTION_DIGITS = 8


class SectionNumberError(ValueError):
    """The typed value cannot be a section number (letters, empty, too long)."""


def parse_section_number(raw):
    """What a citizen typed -> int. Spaces and leading zeros are fine ("0012" -> 12).

    Raises SectionNumberError with a Spanish message for anything else.
    """
    value = "".join(str(raw or "").split())
    if not value:
        raise SectionNumberError(
            "Escribe el número de sección que aparece en tu credencial para votar."
        )
    if not value.isascii() or not value.isdigit():
        raise SectionNumberError(
            "El número de sección solo lleva dígitos (por ejemplo, 1234). Revisa lo que escribiste."
        )
    if len(value) > MAX_SECTION_DIGITS:
        raise SectionNumberError(
            "Ese número es demasiado largo para ser una sección electoral: "
            "las secciones tienen como máximo cuatro cifras."
        )
    return int(value)
