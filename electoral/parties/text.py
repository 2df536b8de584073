"""Displaying names as the official registry writes them (search keys: `home.text.fold_all`)."""

import functools
import re

# Words kept in lower case inside a person's name ("MARIA DE LOS ANGELES").
_PARTICLES = {"de", "del", "la", "las", "los", "y", "e", "da", "van", "von"}


@functools.lru_cache(maxsize=8192)  # a pure function of the name: ballots repeat them
def readable_name(name):
    """Display an upper-case registry name in title case, without correcting it.

    Letters are never added or removed (no accents are guessed): only the case
    changes and repeated spaces collapse. "MARIA DE LOS ANGELES NUÑEZ" →
    "Maria de los Angeles Nuñez".
    """
    words = str(name or "").split()
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        if i > 0 and lower in _PARTICLES:
            out.append(lower)
        else:
            out.append(re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), lower))
    return " ".join(out)
