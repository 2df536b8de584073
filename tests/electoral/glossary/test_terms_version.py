"""The linker of a known version is reused without unpickling the term list
(electoral/glossary/terms.py TERMS_VERSION_KEY, issue 19)."""

import pytest
from django.core.cache import cache

from electoral.glossary import linker, terms

pytestmark = pytest.mark.django_db


def test_a_known_version_skips_the_term_list_and_a_new_one_is_read(entries, monkeypatch):
    text = "<p>La planilla y la casilla.</p>"
    first = linker.enrich_html(text)
    assert "/quitadudas/planilla/" in first
    reads = []
    real_get = cache.get
    monkeypatch.setattr(
        cache, "get", lambda key, *a, **k: reads.append(key) or real_get(key, *a, **k)
    )
    assert linker.enrich_html(text) == first
    assert terms.TERMS_CACHE_KEY not in reads and terms.TERMS_VERSION_KEY in reads
    # Another process rebuilt the list (a new version): this one reads it.
    version, listed = terms.glossary_terms()
    kept = [t for t in listed if t.slug != "planilla"]
    cache.set(terms.TERMS_CACHE_KEY, ("otra", kept), terms.TERMS_TIMEOUT)
    cache.set(terms.TERMS_VERSION_KEY, "otra", terms.TERMS_TIMEOUT)
    assert "/quitadudas/planilla/" not in linker.enrich_html(text)
    # Forgotten (a publish): rebuilt from the database.
    terms.forget_terms()
    assert cache.get(terms.TERMS_VERSION_KEY) is None
    assert "/quitadudas/planilla/" in linker.enrich_html(text)
