"""setup_site step: the Quitadudas electoral (/quitadudas/) and its entries.

Imported from electoral/setup_steps.py (the registry discovers only that
module). Idempotent: missing entries are created; entries that exist are left
as IEEM staff edited them.
"""

from django.utils.html import escape

from electoral.glossary.content import ENTRIES, REVIEWED
from electoral.glossary.models import GlossaryEntryPage, GlossaryIndexPage, GlossaryRelatedTerm
from home.pagetree import ensure_child, home_page
from home.setup import setup_step

INDEX_SLUG = "quitadudas"
INDEX_TITLE = "Quitadudas electoral"
INDEX_INTRO = (
    "Las palabras de la elección explicadas en lenguaje sencillo: qué es una sección "
    "electoral, una planilla o la representación proporcional, y qué dice la ley."
)


def _paragraphs(texts):
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


def ensure_glossary():
    """Create the index and every missing entry; return (index, created_count)."""

    index, _ = ensure_child(
        home_page(), GlossaryIndexPage, INDEX_SLUG, title=INDEX_TITLE, intro=INDEX_INTRO
    )
    created = []
    for entry in ENTRIES:
        page, was_created = ensure_child(
            index,
            GlossaryEntryPage,
            entry.slug,
            publish=False,
            live=False,
            title=entry.title,
            alternative_terms=entry.alternatives,
            definition=_paragraphs(entry.definition),
            example=_paragraphs([entry.example]) if entry.example else "",
            legal_basis=escape(entry.legal),
            last_reviewed=REVIEWED,
        )
        if was_created:
            created.append((entry, page))
    if created:
        by_slug = {p.slug: p for p in GlossaryEntryPage.objects.child_of(index)}
        for entry, page in created:
            page.related_terms = [
                GlossaryRelatedTerm(target=by_slug[slug], sort_order=order)
                for order, slug in enumerate(entry.related)
                if slug in by_slug
            ]
            page.save_revision().publish()
    return index, len(created)


@setup_step(order=250, label="Quitadudas electoral")
def create_glossary(*, stdout, **options):
    index, created = ensure_glossary()
    total = index.get_children().live().count()
    stdout.write(f"  {index.url_path}: {created} términos nuevos, {total} publicados")
