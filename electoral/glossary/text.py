"""Spanish text normalisation shared by the A–Z, the search fallback and the linker.

`fold` removes accents and diaereses but keeps Ñ (a letter of its own in
Spanish) and keeps the length of the string, one character for one
character, so positions found in the folded text are valid in the original.
"""

import re
import unicodedata

_WORD = re.compile(r"\w+", re.UNICODE)


def _fold_char(char):
    if char in "ñÑ":
        return char
    decomposed = unicodedata.normalize("NFD", char)
    base = decomposed[0]
    # Only strip combining marks; leave other characters (ß, œ, symbols) alone.
    if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
        return base
    return char


_FOLD_TABLE = {}


def fold(text):
    """Text without accents (á→a, Ü→U), Ñ kept; same length as the input."""
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
            continue
        folded = _FOLD_TABLE.get(char)
        if folded is None:
            folded = _FOLD_TABLE.setdefault(char, _fold_char(char))
        out.append(folded)
    return "".join(out)


def normalise(text):
    """Lower case, no accents, single spaces: the form used to compare terms."""
    return " ".join(fold(text).lower().split())


def stem(word):
    """A light Spanish stem: folded, lower case, plural and final vowel e removed.

    "planillas" → "planilla", "secciones"/"sección" → "seccion",
    "suplentes"/"suplente" → "suplent", "electorales"/"electoral" → "electoral".
    Both sides of a comparison go through it, so it only has to be consistent.
    """
    word = normalise(word)
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("e") and word[-2] not in "aeiou":
        word = word[:-1]
    return word


def stems(text):
    """The stems of every word in `text`, in order."""
    return [stem(w) for w in _WORD.findall(fold(text).lower())]


def sort_key(text):
    """Spanish dictionary order: accents ignored, Ñ between N and O."""
    # "{" sorts right after "z", so "n{" (ñ) falls after every "n?" and before "o".
    return normalise(text).replace("ñ", "n{")
