"""The pytest-xdist controller runs no test, so it does not set Django up.

pytest-django populates Django's app registry (`django.setup()`: importing
every app, Wagtail's admin and API among them) in each pytest process. Under
`make test` that includes the controller, which only starts the workers and
gathers their reports, and it does so before it starts them: ~2.6 s of CPU
on this machine, spent at the start of every run while no test can run yet.
Each worker still sets Django up for itself, as before.

Loaded with `-p` (pyproject.toml addopts): the hook runs before pytest-django's
`pytest_load_initial_conftests`. The settings are still read in the
controller (pytest-django checks them there); only the app registry is not
populated. Only when pytest is given no paths (`make test`: the testpaths): the
controller then imports tests/conftest.py alone, which needs no app loaded,
whereas a path's own conftest (e.g. tests/home/conftest.py) imports models. In
a run without workers (`-n 0`, or xdist off) nothing changes.
"""

import os

import pytest


def is_xdist_controller(config):
    """True in the process that starts xdist workers (not in a worker, not in `-n 0`)."""
    if "PYTEST_XDIST_WORKER" in os.environ:
        return False
    return bool(getattr(config.known_args_namespace, "numprocesses", None))


def needs_no_apps(config):
    """No paths given: the controller loads only the testpaths' conftest (tests/conftest.py)."""
    return not config.known_args_namespace.file_or_dir


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    if not (is_xdist_controller(early_config) and needs_no_apps(early_config)):
        return
    import pytest_django.plugin

    if hasattr(pytest_django.plugin, "_setup_django"):
        # Called by pytest-django's pytest_load_initial_conftests and pytest_configure.
        pytest_django.plugin._setup_django = lambda config: None
