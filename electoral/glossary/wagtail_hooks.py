"""Wagtail hooks of the glossary: inline term links in rendered rich text."""

from wagtail import hooks

from .linker import enrich_html


@hooks.register("decide_enrich_html")
def link_glossary_terms(html, page):
    """Link the first occurrence of each Quitadudas term (see electoral.glossary.linker)."""
    return enrich_html(html, page)
