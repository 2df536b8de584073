"""The list of glossary terms the inline linker uses, kept in Django's cache.

Built with one query the first time it is needed, then read from the cache
(no query) until an entry or the index is published, unpublished, moved or
deleted (electoral/glossary/signals.py calls `forget_terms`). With a
per-process cache (local memory, several workers) other processes notice the
change when their copy expires after TERMS_TIMEOUT seconds; with Redis
(REDIS_URL) every process sees it at once.
"""

import uuid
from dataclasses import dataclass

from django.core.cache import cache

from electoral.glossary.models import GlossaryEntryPage

TERMS_CACHE_KEY = "glossary:terms:v1"
# The version alone, beside the list: a process that already built the linker
# of that version reads a few bytes instead of unpickling every term (80 µs of
# every page with rich text, issue 19).
TERMS_VERSION_KEY = "glossary:terms:v1:version"
TERMS_TIMEOUT = 300


@dataclass(frozen=True)
class Term:
    id: int
    slug: str
    title: str
    url: str
    summary: str
    variants: tuple  # the title and every alternative form


def build_terms():
    entries = (
        GlossaryEntryPage.objects.live()
        .public()
        .filter(inline_links=True)
        .only("id", "slug", "title", "url_path", "alternative_terms", "definition", "path")
        .order_by("path")
    )
    terms = []
    for entry in entries:
        url = entry.get_url()
        if not url:
            continue
        terms.append(
            Term(
                id=entry.pk,
                slug=entry.slug,
                title=entry.title,
                url=url,
                summary=entry.summary,
                variants=(entry.title, *entry.alternatives),
            )
        )
    return terms


def glossary_terms():
    """(version, terms): the version changes whenever the list is rebuilt."""
    data = cache.get(TERMS_CACHE_KEY)
    if data is None:
        data = (uuid.uuid4().hex, build_terms())
        cache.set(TERMS_CACHE_KEY, data, TERMS_TIMEOUT)
        cache.set(TERMS_VERSION_KEY, data[0], TERMS_TIMEOUT)
    return data


def terms_version():
    """The version glossary_terms() would give now, or None (not known: read the list)."""
    return cache.get(TERMS_VERSION_KEY)


def forget_terms():
    cache.delete_many([TERMS_VERSION_KEY, TERMS_CACHE_KEY])
