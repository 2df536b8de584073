import gc
import io
import os
import tempfile
from pathlib import Path

import pytest
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


def pytest_configure(config):
    """Fewer garbage collections in each test process. The suite allocates millions
    of short-lived objects (model instances, querysets, template nodes): with the
    default thresholds (700, 10, 10) the collector walks the ~1 million objects of
    Django, Wagtail and the loaded modules hundreds of times a run (7 % of a
    process's CPU, measured with -n 0 on three test folders). What exists at
    start-up is frozen out of the collections; cycles still get collected, later."""
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


@pytest.fixture(scope="session", autouse=True)
def _rendered_templates_not_recorded(django_test_environment):
    """Templates render as in production, without Django's test instrumentation.

    The test environment makes every template render send `template_rendered`,
    on which the test client copies the whole context (each `{% include %}`, each
    form widget's option): 5-10 % of a page request in the suite. No test reads
    `response.context` or `response.templates` (nor uses assertTemplateUsed);
    one that needs them fails loudly (None, empty), and can ask for
    `recorded_templates`.
    """
    from django.template import PartialTemplate, Template
    from django.test.utils import _TestState

    saved = getattr(_TestState, "saved_data", None)
    if saved is None:  # no Django test environment
        yield
        return
    instrumented = Template._render, PartialTemplate._render
    Template._render = saved.template_render
    PartialTemplate._render = saved.partial_template_render
    yield instrumented
    Template._render, PartialTemplate._render = instrumented


@pytest.fixture
def recorded_templates(_rendered_templates_not_recorded):
    """For a test that reads `response.context`/`.templates`: Django's instrumentation back."""
    from django.template import PartialTemplate, Template

    plain = Template._render, PartialTemplate._render
    if _rendered_templates_not_recorded:
        Template._render, PartialTemplate._render = _rendered_templates_not_recorded
    yield
    Template._render, PartialTemplate._render = plain


# --- The real data, once per session (tests/helpers/snapshots.py) ----------


def _cache_dir(config):
    cache = getattr(config, "cache", None)
    return cache.mkdir("decide-snapshots") if cache else Path(tempfile.gettempdir())


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_modify_db_settings
):
    """pytest-django's, but `migrate` restores a cached migrated database
    (django_db_modify_db_settings: one test database per xdist worker)."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    from tests.helpers.snapshots import cached_migrations

    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    verbosity = request.config.option.verbose
    with django_db_blocker.unblock(), cached_migrations(_cache_dir(request.config)):
        db_cfg = setup_databases(
            verbosity=verbosity,
            interactive=False,
            aliases=aliases,
            serialized_aliases=serialized_aliases,
        )
    yield
    with django_db_blocker.unblock():
        teardown_databases(db_cfg, verbosity=verbosity)


@pytest.fixture(scope="session")
def _snapshots(request, django_db_setup, django_db_blocker):
    from tests.helpers.snapshots import snapshots

    where = _cache_dir(request.config)
    with django_db_blocker.unblock():
        store = snapshots(where)
    yield store
    with django_db_blocker.unblock():
        store.close()


def _is_transactional(request):
    from pytest_django.fixtures import validate_django_db

    marker = request.node.get_closest_marker("django_db")
    transaction, reset_sequences, *_ = validate_django_db(marker) if marker else (False, False)
    return (
        transaction
        or reset_sequences
        or "transactional_db" in request.fixturenames
        or "live_server" in request.fixturenames
    )


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    """Before a test's database is opened, put it in the state the test needs.

    A pytest test: its `@pytest.mark.snapshot(name)`, or the snapshot its
    fixtures ask for (`site`, `home`, `actors_2021`, `geography`), else the
    empty migrated database. A Django
    TestCase class: its `snapshot` attribute, else the empty database.
    """
    from django.test import SimpleTestCase

    from tests.helpers.snapshots import EMPTY, snapshot_for

    name = fixturedef.argname
    if name == "_django_db_helper" and not (
        request.cls and issubclass(request.cls, SimpleTestCase)
    ):
        store = request.getfixturevalue("_snapshots")
        with request.getfixturevalue("django_db_blocker").unblock():
            store.restore(snapshot_for(request.node, request.fixturenames))
            if _is_transactional(request):
                store.forget()  # it flushes the database at the end
    elif (
        name.startswith("_unittest_setUpClass_fixture_")
        and request.cls
        and issubclass(request.cls, SimpleTestCase)
        and request.cls.databases
    ):
        store = request.getfixturevalue("_snapshots")
        with request.getfixturevalue("django_db_blocker").unblock():
            store.restore(getattr(request.cls, "snapshot", EMPTY))
            from django.test import TestCase

            if not issubclass(request.cls, TestCase):
                store.forget()
    return (yield)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (term lists, rate limits, pages)."""
    from django.core.cache import cache

    from home import fragments

    cache.clear()
    fragments.forget_in_process()
    yield
    cache.clear()
    fragments.forget_in_process()


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
    """A site brought up by `setup_site` (the same command `make run` uses):
    the "site" snapshot, built once (tests/helpers/snapshots.py)."""
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


def build_site_shell():
    """The "site-shell" snapshot: setup_site's home steps only."""
    run_setup_steps(below=200)


@pytest.fixture
def home_site(db, request):
    """Only the site shell: home page, calendar, demo admin, privacy notice.
    Built once as the "site-shell" snapshot; on top of another snapshot, the
    home steps run in the test."""
    from wagtail.models import Site

    from tests.helpers.snapshots import snapshot_for

    if snapshot_for(request.node, request.fixturenames) == "site-shell":
        # The calendar step's dates are relative to now: set them again, as a
        # fresh run of the step would.
        from home.calendar import dates_for_phase
        from home.models import ElectionCalendar

        calendar = ElectionCalendar.load()
        calendar.apply(dates_for_phase("campaign"))
        calendar.save()
    else:
        run_setup_steps(below=200)
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home(site):
    return site.root_page.specific
