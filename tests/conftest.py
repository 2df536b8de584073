import io

import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (term lists, rate limits, pages)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(db):
    """A site brought up by `setup_site` (the same command `make run` uses)."""
    call_command("setup_site", stdout=io.StringIO())
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home(site):
    return site.root_page.specific
