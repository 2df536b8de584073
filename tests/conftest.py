import io
import os

import pytest
from django.core.management import call_command
from django.core.management.color import no_style
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Property-based tests (tests/fuzz/). "ci" (the default) is deterministic and
# writes no example database, so a run is reproducible and CI stays fast; each
# test states its own number of examples. HYPOTHESIS_PROFILE=thorough
# multiplies them by ten (tests/fuzz/strategies.py) with random seeds, to hunt
# for new failures locally. deadline=None: the 2-core machine is shared.
_FUZZ_COMMON = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,  # one site per test, shared by its examples
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
}
hypothesis_settings.register_profile(
    "ci", derandomize=True, database=None, print_blob=True, **_FUZZ_COMMON
)
hypothesis_settings.register_profile("thorough", **_FUZZ_COMMON)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


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
