"""Section numbers and head town names (names compare through `home.text.fold_name_words`)."""

import functools

from home.text import fold_name_words


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


# --- Head towns (cabeceras) ---------------------------------------------------

# Lower-case words inside a Spanish place name ("Toluca de Lerdo", "Los Reyes…").
_PARTICLES = {"de", "del", "la", "las", "los", "el", "y", "e"}


def accented_words(names):
    """{"juarez": "Juárez", …}: the accented spelling of every word of `names`
    (the INEGI municipality names) that carries an accent. A word spelt two
    different ways is left out."""
    found = {}
    for name in names:
        for word in str(name).split():
            key = fold_name_words(word)
            if not key or key == word.lower():
                continue
            found.setdefault(key, set()).add(word[:1].upper() + word[1:])
    return {key: next(iter(spellings)) for key, spellings in found.items() if len(spellings) == 1}


def head_town_from_ine(ine_name, accents):
    """INE's «TOLUCA DE LERDO» -> «Toluca de Lerdo».

    Capitalised word by word, particles in lower case (except the first word),
    abbreviations kept («CD.» -> «Cd.»). A word gets an accent only when the
    same word is written with it in `accents` (see `accented_words`); no
    accent is ever guessed: «DIAZ» stays «Diaz».
    """
    words = []
    for i, word in enumerate(str(ine_name).split()):
        lower = word.lower()
        if i and lower in _PARTICLES:
            words.append(lower)
        elif fold_name_words(word) in accents and word.isalpha():
            words.append(accents[fold_name_words(word)])
        else:
            words.append(lower[:1].upper() + lower[1:])
    return " ".join(words)


@functools.lru_cache(maxsize=512)  # two names in, a label out: asked per district per page
def head_town_label(head_town, municipality_name=None):
    """«Toluca de Lerdo (Toluca)»; just «Metepec» when the town is named like its municipality."""
    if not head_town:
        return ""
    if municipality_name and fold_name_words(municipality_name) != fold_name_words(head_town):
        return f"{head_town} ({municipality_name})"
    return head_town
