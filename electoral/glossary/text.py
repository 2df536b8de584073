"""Spanish stems and dictionary order of glossary terms.

Accents are folded with `home.text.fold_keep_enye`: Ñ stays a letter of its
own (between N and O), so «año» and «ano» are different terms.
"""

import re

from home.text import fold_keep_enye

_WORD = re.compile(r"\w+", re.UNICODE)


def stem(word):
    """A light Spanish stem: folded, lower case, plural and final vowel e removed.

    "planillas" → "planilla", "secciones"/"sección" → "seccion",
    "suplentes"/"suplente" → "suplent", "electorales"/"electoral" → "electoral".
    Both sides of a comparison go through it, so it only has to be consistent.
    """
    word = fold_keep_enye(word)
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("e") and word[-2] not in "aeiou":
        word = word[:-1]
    return word


def stems(text):
    """The stems of every word in `text`, in order."""
    return [stem(w) for w in _WORD.findall(fold_keep_enye(text))]


def sort_key(text):
    """Spanish dictionary order: accents ignored, Ñ between N and O."""
    # "{" sorts right after "z", so "n{" (ñ) falls after every "n?" and before "o".
    return fold_keep_enye(text).replace("ñ", "n{")
