"""The xdist controller skips Django's set-up only where nothing it loads needs it
(tests/helpers/xdist_controller.py)."""

from types import SimpleNamespace

from tests.helpers.xdist_controller import is_xdist_controller, needs_no_apps


def config(numprocesses=None, paths=()):
    return SimpleNamespace(
        known_args_namespace=SimpleNamespace(numprocesses=numprocesses, file_or_dir=list(paths))
    )


def test_only_the_process_that_starts_workers_is_the_controller(monkeypatch):
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    assert is_xdist_controller(config("auto")) and is_xdist_controller(config(2))
    assert not is_xdist_controller(config(0)) and not is_xdist_controller(config(None))
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw0")
    assert not is_xdist_controller(config(2))  # a worker runs tests: Django is set up


def test_given_paths_their_conftests_may_import_models():
    assert needs_no_apps(config(2))
    assert not needs_no_apps(config(2, ["tests/home"]))


def test_this_worker_has_django_set_up():
    from django.apps import apps

    assert apps.ready
