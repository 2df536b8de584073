"""Signal receivers of the site app, connected by `connect()` from
HomeConfig.ready() (home/apps.py), each with its sender.

The navigation caches which public sections are live (home.navigation): any
page that appears, moves or goes away may change that list.
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from . import pagecache, routing
from .navigation import forget_live_sections

# The apps whose models appear on public pages: any save or delete of one of
# them purges the origin cache (home/pagecache.py). Not `participation`: its
# rows (reactions, ideas, page-view counters) never appear in page HTML, and
# the page-view counter is written at every visit.
PAGE_CACHE_CONTENT_APPS = ("home", "electoral")


def page_moved(sender, **kwargs):
    """A section may have moved away: always forget."""
    forget_live_sections()


def page_saved(sender, instance, **kwargs):
    """Pages created live by code (setup_site) send no page_published."""
    forget_live_sections(instance)


def connect():
    post_delete.connect(forget_live_sections, sender=Page, dispatch_uid="home-nav-delete")
    # Page signals (and post_save) are sent with the concrete class of the page:
    # one connection per page model, so saves of other models never run these.
    for model in get_page_models():
        label = model._meta.label_lower
        for name, signal in (
            ("published", page_published),
            ("unpublished", page_unpublished),
            ("slug", page_slug_changed),
        ):
            signal.connect(
                forget_live_sections, sender=model, dispatch_uid=f"home-nav-{name}-{label}"
            )
        post_page_move.connect(page_moved, sender=model, dispatch_uid=f"home-nav-move-{label}")
        post_save.connect(page_saved, sender=model, dispatch_uid=f"home-nav-save-{label}")
    connect_page_cache_purge()
    for signal, name in ((post_save, "save"), (post_delete, "delete")):
        signal.connect(routing.forget_sites, sender=Site, dispatch_uid=f"home-sites-{name}")


def page_cache_models():
    """Every model whose rows a public page may show (see PAGE_CACHE_CONTENT_APPS)."""
    content_apps = getattr(settings, "PAGE_CACHE_CONTENT_APPS", PAGE_CACHE_CONTENT_APPS)
    # PageViewRestriction: a page made private must stop being served from
    # the cache (and its restrictions are kept there: home/routing.py).
    found = {Site, PageViewRestriction, get_image_model(), get_document_model(), *get_page_models()}
    found.update(get_snippet_models())
    for label in content_apps:
        found.update(apps.get_app_config(label).get_models())
    return sorted(found, key=lambda model: model._meta.label_lower)


def connect_page_cache_purge():
    """Purge the origin cache on every change of what public pages show, one
    connection per model (each receiver with its sender)."""
    page_models = set(get_page_models())
    for model in page_cache_models():
        label = model._meta.label_lower
        signals = [("save", post_save), ("delete", post_delete)]
        if model in page_models:
            signals += [
                ("published", page_published),
                ("unpublished", page_unpublished),
                ("move", post_page_move),
            ]
        for name, signal in signals:
            signal.connect(pagecache.purge, sender=model, dispatch_uid=f"pagecache-{name}-{label}")
