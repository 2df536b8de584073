"""Search in the Quitadudas (`/quitadudas/?q=`).

Wagtail search does the work (the database backend: on PostgreSQL full-text
search with the "spanish_unaccent" configuration, which stems and ignores
accents; on SQLite FTS5, which ignores accents and case but does not stem).
Because the glossary is small (tens of entries, all loaded for the A–Z
anyway), the results are completed with a normalised-word match in Python
that folds accents and regular plurals, so "planilla", "planillas" and
"PLANÍLLA" find the same entry on every database. Entries whose term matches
come first.
"""

import logging

from django.utils.html import strip_tags

from .text import sort_key, stems

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 100
# Words that say nothing about which term is wanted ("¿qué es una planilla?").
STOPWORDS = frozenset(
    {
        *("a", "al", "como", "con", "cual", "de", "del", "el", "en", "es", "la", "las"),
        *("lo", "los", "mi", "o", "para", "por", "que", "se", "su", "sus", "un", "una"),
        *("uno", "y"),
    }
)


def clean_query(raw):
    """The query as the visitor typed it, tidied: single spaces, at most 100 characters."""
    return " ".join(str(raw or "").split())[:MAX_QUERY_LENGTH].strip()


def _meaningful(words):
    kept = [w for w in words if w not in STOPWORDS]
    return kept or words


def _matches(query_stems, entry_stems):
    """Every query word is a word of the entry (or starts one, for 4+ letters)."""
    for q in query_stems:
        if q in entry_stems:
            continue
        if len(q) >= 4 and any(s.startswith(q) for s in entry_stems):
            continue
        return False
    return True


# Characters that break SQLite's FTS5 query syntax ("unterminated string"); they
# say nothing about the term searched, so the backend never sees them.
_BACKEND_BREAKERS = str.maketrans({'"': " ", "\x00": " "})


def _backend_ids(queryset, query):
    query = " ".join(query.translate(_BACKEND_BREAKERS).split())
    if not query:
        return []
    try:
        return [page.pk for page in queryset.search(query, operator="and")[:100]]
    except Exception:  # a broken index must not break the page: the fallback still answers
        logger.exception("Glossary search backend failed for %r", query)
        return []


def search_entries(query, entries, queryset):
    """Entries matching `query`, best first.

    `entries` are the index's live entries (already loaded); `queryset` is the
    same set as a PageQuerySet for Wagtail search.
    """
    query_stems = _meaningful(stems(query))
    if not query_stems:
        return []
    backend_rank = {pk: rank for rank, pk in enumerate(_backend_ids(queryset, query))}
    ranked = []
    for entry in entries:
        term_stems = set(stems(" ".join([entry.title, *entry.alternatives])))
        text_stems = term_stems | set(
            stems(strip_tags(" ".join([entry.definition, entry.example or ""])))
        )
        if query_stems == stems(entry.title) or _matches(query_stems, term_stems):
            tier = 0 if query_stems == stems(entry.title) else 1
        elif entry.pk in backend_rank:
            tier = 2
        elif _matches(query_stems, text_stems):
            tier = 3
        else:
            continue
        ranked.append(
            (tier, backend_rank.get(entry.pk, len(backend_rank)), sort_key(entry.title), entry)
        )
    ranked.sort(key=lambda r: r[:3])
    return [r[3] for r in ranked]
