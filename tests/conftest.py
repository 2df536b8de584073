import io

import pytest
from django.core.management import call_command
from django.core.management.color import no_style


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (term lists, rate limits, pages)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def run_setup_steps(below=None):
    """Run setup_site's steps, optionally only those ordered below `below`.

    The home steps (order < 200) build the page tree root, the calendar, the
    demo admin and the privacy notice in well under a second; the full run
    also imports all official data and example content (~10 s).
    """
    from home.setup import registered_steps

    out = io.StringIO()
    for step in registered_steps():
        if below is None or step.order < below:
            step.func(stdout=out, style=no_style())


@pytest.fixture
def site(db):
    """A site brought up by `setup_site` (the same command `make run` uses)."""
    call_command("setup_site", stdout=io.StringIO())
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_site(db):
    """Only the site shell: home page, calendar, demo admin, privacy notice."""
    run_setup_steps(below=200)
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home(site):
    return site.root_page.specific
