"""Helpers to build the page tree idempotently (setup steps and tests)."""

from django.db import transaction
from wagtail.models import Page, Site

from .models import HomePage


def ensure_child(parent, page_class, slug, *, update=False, publish=True, **fields):
    """Return the child of `parent` with `slug`, creating it if missing.

    Existing pages are left as editors made them unless `update` is true.
    Returns (page, created).
    """
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        if update:
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.save_revision().publish()
        return existing, False
    page = page_class(slug=slug, **fields)
    with transaction.atomic():
        parent.add_child(instance=page)
        if publish:
            page.save_revision().publish()
        else:
            page.save_revision()
    return page, True


def home_page():
    """The HomePage of the default site (None before setup_site ran)."""

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return HomePage.objects.first()
    return site.root_page.specific if isinstance(site.root_page.specific, HomePage) else None


def ensure_home_page(**fields):
    """Make a HomePage the root of the default site, replacing Wagtail's welcome page."""

    home = HomePage.objects.first()
    created = False
    if home is None:
        root = Page.get_first_root_node()
        for child in root.get_children():
            if child.specific_class is Page:  # Wagtail's "Welcome" placeholder
                child.delete()
        home = HomePage(slug="inicio", **fields)
        root.add_child(instance=home)
        home.save_revision().publish()
        created = True
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Decide IEEM",
        )
    elif site.root_page_id != home.id or site.site_name != "Decide IEEM":
        site.root_page = home
        site.site_name = "Decide IEEM"
        site.save()
    return home, created
