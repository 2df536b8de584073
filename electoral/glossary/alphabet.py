"""The A–Z of the Quitadudas: 27 letters (Ñ is its own), accents ignored."""

from dataclasses import dataclass, field

from home.text import strip_accents_keep_enye

from .text import sort_key

ALPHABET = list("ABCDEFGHIJKLMN") + ["Ñ"] + list("OPQRSTUVWXYZ")
OTHER = "#"  # terms that start with a digit or a symbol


def letter_for(term):
    """The A–Z letter a term is listed under: "Árbol" → "A", "Ñandú" → "Ñ"."""
    for char in term.strip():
        if char.isalnum():
            letter = strip_accents_keep_enye(char).upper()
            return letter if letter in ALPHABET else OTHER
    return OTHER


def anchor_for(letter):
    """The fragment id of a letter's section: "A" → "letra-a", "Ñ" → "letra-enie"."""
    if letter == "Ñ":
        return "letra-enie"
    if letter == OTHER:
        return "letra-otros"
    return f"letra-{letter.lower()}"


@dataclass
class LetterGroup:
    letter: str
    entries: list = field(default_factory=list)

    @property
    def anchor(self):
        return anchor_for(self.letter)

    @property
    def label(self):
        return "Otros" if self.letter == OTHER else self.letter


def group_by_letter(items, term=lambda item: item.title):
    """Every letter of the alphabet, in order, with its items sorted (possibly none).

    A trailing "#" group appears only when some item starts with a digit or symbol.
    """
    groups = {letter: LetterGroup(letter) for letter in ALPHABET}
    others = LetterGroup(OTHER)
    for item in sorted(items, key=lambda i: sort_key(term(i))):
        letter = letter_for(term(item))
        (groups.get(letter) or others).entries.append(item)
    result = [groups[letter] for letter in ALPHABET]
    if others.entries:
        result.append(others)
    return result
