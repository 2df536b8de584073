"""Folding Spanish text for comparison: one module for every app.

Ñ is a letter of its own in Spanish (it sorts between N and O, and "año" and
"ano" are different words), so each function says whether it keeps it:

- `strip_accents_keep_enye`: accents and diaereses removed (á→a, Ü→U), Ñ kept,
  case kept, one character for one character. The glossary linker finds terms
  in the folded text and uses the positions in the original.
- `fold_keep_enye`: the same, in lower case with single spaces. The glossary
  compares, sorts and searches terms with it: «año» and «ano» stay apart.
- `fold_all`: lower case, every mark removed, Ñ folded to N, single spaces.
  The key of accent-insensitive search and matching of registry names
  (candidacies, offices, genders in the IEEM files), where people type
  «Nunez» for «Núñez» and the registry itself writes names without accents.
- `fold_name_words`: `fold_all`, and every character that is not a letter or
  a digit becomes a space. INEGI and INE write place names differently
  («ORO, EL», «El Oro»; «Ruíz», «RUIZ»; «Ñ» or «N»), so municipality and head
  town names are compared by their ASCII words.
- `fold_case_and_spacing`: lower case (casefold) and single spaces only;
  accents and Ñ kept. Two ideas that differ only in case or spacing count as
  the same text.
"""

import re
import unicodedata

_ENYE = "ñÑ"
_NOT_ASCII_WORD = re.compile(r"[^a-z0-9]+")
_STRIPPED = {}


def _strip_char(char):
    if char in _ENYE:
        return char
    decomposed = unicodedata.normalize("NFD", char)
    # Only strip combining marks; leave other characters (ß, œ, symbols) alone.
    if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
        return decomposed[0]
    return char


def strip_accents_keep_enye(text):
    """Text without accents (á→a, Ü→U), Ñ kept, case kept; same length as the input."""
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
            continue
        stripped = _STRIPPED.get(char)
        if stripped is None:
            stripped = _STRIPPED.setdefault(char, _strip_char(char))
        out.append(stripped)
    return "".join(out)


def fold_keep_enye(text):
    """Lower case, no accents, Ñ kept, single spaces: «  Año  ÚNICO» → «año unico»."""
    return " ".join(strip_accents_keep_enye(text).lower().split())


def fold_all(text):
    """Lower case, no accents, Ñ folded to N, single spaces: «NÚÑEZ  Ávila» → «nunez avila».

    Compatibility forms are decomposed too (NFKD: «ﬁ» → «fi»). None is «».
    """
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def fold_name_words(text):
    """`fold_all` keeping only ASCII letters and digits, other characters as spaces:
    «NEZAHUALCÓYOTL» → «nezahualcoyotl», «ORO, EL» → «oro el», «Castañeda» → «castaneda»."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(_NOT_ASCII_WORD.sub(" ", plain).split())


def fold_case_and_spacing(text):
    """Case-folded, single spaces; accents and Ñ kept: «  Más  AÑOS » → «más años»."""
    return " ".join((text or "").casefold().split())
