"""Signal receivers of the glossary, connected by `connect()` from
ElectoralConfig.ready() (electoral/apps.py).

The inline linker keeps the list of terms in Django's cache; any change to
what it links (an entry or the index's address) throws that list away.
"""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import GlossaryEntryPage, GlossaryIndexPage
from .terms import forget_terms


def _forget_terms(**kwargs):
    forget_terms()


def _entry_deleted(sender, **kwargs):
    forget_terms()


def connect():
    for name, signal in (
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("moved", post_page_move),
    ):
        for sender in (GlossaryEntryPage, GlossaryIndexPage):
            signal.connect(
                _forget_terms, sender=sender, dispatch_uid=f"glossary-{name}-{sender.__name__}"
            )
    post_delete.connect(
        _entry_deleted, sender=GlossaryEntryPage, dispatch_uid="glossary-entry-deleted"
    )
