"""Inline glossary: link the first occurrence of each term in rendered rich text.

`enrich_html(html, page)` is what the "decide_enrich_html" hook calls. It
changes only text outside links, headings, buttons, code and form controls,
links each glossary entry at most once per call (templates pass a whole
StreamField through one call), and matches case-insensitively, ignoring
accents and regular plurals ("PLANILLAS" → Planilla, "secciones
electorales" → Sección electoral). Acronyms (INE, PREP…) match only in
capitals. A term becomes

    <span class="glossary-ref"><a class="glossary-term" href="/quitadudas/planilla/"
      aria-describedby="glosa-planilla-…">planillas</a><span class="glossary-tip"
      role="tooltip" id="glosa-planilla-…"><strong>Planilla.</strong> summary</span></span>

a plain link without CSS or JavaScript; site.css shows the summary as a
tooltip on hover and keyboard focus, and screen readers read it as the link's
description.
"""

import re
import zlib

from django.utils.html import escape

from electoral.glossary.models import GlossaryEntryPage, GlossaryIndexPage
from home.text import strip_accents_keep_enye

from .terms import glossary_terms, terms_version

# Text inside these elements is never changed.
SKIP_TAGS = frozenset(
    {
        "a",
        "abbr",
        "button",
        "code",
        "dfn",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "kbd",
        "label",
        "math",
        "option",
        "pre",
        "samp",
        "script",
        "select",
        "style",
        "summary",
        "svg",
        "textarea",
        "title",
    }
)
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
ENRICHED_MARKER = 'class="glossary-term"'

_TOKENS = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG_NAME = re.compile(r"<\s*(/)?\s*([a-zA-Z][a-zA-Z0-9-]*)")
_SEPARATOR = r"(?:\s|&nbsp;|&#160;)+"


def _is_acronym(variant):
    letters = [c for c in variant if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in variant.strip()


def _variant_pattern(variant):
    """Regex for a variant, over folded text: each long word may take -s or -es."""
    words = strip_accents_keep_enye(variant).split()
    if not words:
        return None
    if _is_acronym(variant):
        return re.escape(words[0]) + "s?"
    parts = []
    for word in words:
        word = re.escape(word.lower())
        parts.append(word + "(?:es|s)?" if len(word) > 3 else word)
    return "(?i:" + _SEPARATOR.join(parts) + ")"


class Linker:
    def __init__(self, terms):
        self.terms = {t.id: t for t in terms}
        self._memo = {}
        variants = []
        for term in terms:
            for variant in term.variants:
                pattern = _variant_pattern(variant)
                if pattern:
                    variants.append((len(strip_accents_keep_enye(variant)), pattern, term.id))
        # Longest first, so "candidatura común" wins over "candidatura".
        variants.sort(key=lambda v: -v[0])
        self.group_term = {}
        alternatives = []
        for number, (_length, pattern, term_id) in enumerate(variants):
            name = f"v{number}"
            self.group_term[name] = term_id
            alternatives.append(f"(?P<{name}>{pattern})")
        self.regex = (
            re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
            if alternatives
            else None
        )

    # Linked HTML by its input: the same rich text is linked at every
    # rendering of a page, and the result depends only on the text and this
    # linker's terms (a new glossary version makes a new Linker). Bounded.
    MEMO_SIZE = 512

    def link(self, html, exclude_ids=()):
        if self.regex is None or not html:
            return html
        key = (html, tuple(sorted(exclude_ids)))
        linked = self._memo.get(key)
        if linked is None:
            linked = self._link(html, exclude_ids)
            if len(self._memo) >= self.MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = linked
        return linked

    def _link(self, html, exclude_ids):
        token = format(zlib.crc32(html.encode()), "x")
        seen = set(exclude_ids)
        out = []
        skip_depth = 0
        for piece in _TOKENS.split(html):
            if not piece:
                continue
            if piece.startswith("<"):
                out.append(piece)
                match = _TAG_NAME.match(piece)
                if match:
                    name = match.group(2).lower()
                    if name in SKIP_TAGS and name not in VOID_TAGS:
                        if match.group(1):
                            skip_depth = max(0, skip_depth - 1)
                        elif not piece.rstrip().endswith("/>"):
                            skip_depth += 1
                continue
            if skip_depth or len(seen) == len(self.terms):
                out.append(piece)
                continue
            out.append(self._link_text(piece, seen, token))
        return "".join(out)

    def _link_text(self, text, seen, token):
        folded = strip_accents_keep_enye(text)
        out = []
        position = 0
        for match in self.regex.finditer(folded):
            term = self.terms[self.group_term[match.lastgroup]]
            if term.id in seen:
                continue
            seen.add(term.id)
            start, end = match.span()
            out.append(text[position:start])
            out.append(self._markup(term, text[start:end], token))
            position = end
        out.append(text[position:])
        return "".join(out)

    @staticmethod
    def _markup(term, text, token):
        tip_id = f"glosa-{term.slug}-{token}"
        return (
            f'<span class="glossary-ref"><a class="glossary-term" href="{escape(term.url)}" '
            f'aria-describedby="{tip_id}">{text}</a>'
            f'<span class="glossary-tip" role="tooltip" id="{tip_id}">'
            f"<strong>{escape(term.title)}.</strong> {escape(term.summary)}</span></span>"
        )


_linkers = {}


def current_linker():
    known = _linkers.get(terms_version())
    if known is not None:
        return known
    version, terms = glossary_terms()
    linker = _linkers.get(version)
    if linker is None:
        _linkers.clear()
        linker = _linkers[version] = Linker(terms)
    return linker


def enrich_html(html, page=None):
    """Link glossary terms in `html` unless the page turned it off."""

    html = str(html)
    if not getattr(page, "glossary_links", True):
        return html
    if isinstance(page, GlossaryEntryPage | GlossaryIndexPage):
        return html  # the glossary has its own related-term links
    if ENRICHED_MARKER in html:
        return html  # already enriched (e.g. a fragment enriched twice)
    return current_linker().link(html)
