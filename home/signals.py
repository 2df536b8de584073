"""Signal receivers of the site app, connected by `connect()` from
HomeConfig.ready() (home/apps.py), each with its sender.

The navigation caches which public sections are live (home.navigation): any
page that appears, moves or goes away may change that list.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, get_page_models
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .navigation import forget_live_sections


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
