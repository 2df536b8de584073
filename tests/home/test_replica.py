"""The read replica of public reads (home/replica.py, issue 19's scale-out path).

The `replica` alias here is a second connection to the test database itself
(what `TEST: {"MIRROR": "default"}` makes of DATABASE_REPLICA_URL under test),
so each query is counted on the connection that ran it."""

import importlib.util
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections
from django.test.utils import CaptureQueriesContext

from home import pagecache, replica

# Transactional: the replica's connection sees only what is committed, as a
# real replica does (the calendar row a first visit creates, the editor).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.snapshot("representation")]

BASE_SETTINGS = Path(settings.BASE_DIR) / "cms" / "settings" / "base.py"


def load_base_settings(monkeypatch, **env):
    for name in ("DATABASE_REPLICA_URL", "REPLICA_LAG_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("_probe_base_settings", BASE_SETTINGS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_without_the_setting_there_is_no_replica_and_no_router(monkeypatch):
    base = load_base_settings(monkeypatch)
    assert list(base.DATABASES) == ["default"]
    assert not hasattr(base, "DATABASE_ROUTERS")
    assert "home.replica.PublicReadReplicaMiddleware" not in base.MIDDLEWARE
    # and neither in the settings the tests run with
    assert "replica" not in settings.DATABASES and settings.DATABASE_ROUTERS == []


def test_the_setting_adds_the_alias_router_and_middleware(monkeypatch):
    base = load_base_settings(
        monkeypatch,
        DATABASE_REPLICA_URL="postgres://reader@replica.internal:5432/decide",
        REPLICA_LAG_SECONDS="4",
    )
    replica_db = base.DATABASES["replica"]
    assert replica_db["ENGINE"] == "django.db.backends.postgresql"
    assert (replica_db["HOST"], replica_db["NAME"], replica_db["USER"]) == (
        "replica.internal",
        "decide",
        "reader",
    )
    assert replica_db["TEST"] == {"MIRROR": "default"}
    assert base.DATABASE_ROUTERS == ["home.replica.PublicReadReplicaRouter"]
    assert base.REPLICA_LAG_SECONDS == 4
    middleware = base.MIDDLEWARE
    position = middleware.index("home.replica.PublicReadReplicaMiddleware")
    # before everything that may read the database (sessions, routing, pages)
    assert position < middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
    assert position < middleware.index("home.routing.PageRouteMiddleware")


@pytest.fixture
def with_replica(settings):
    """A `replica` alias on the test database, the router and the middleware on."""
    # Made by hand rather than declared in the settings, so that it exists
    # only in these tests (the rest of the suite never sees a second alias).
    connections.settings[replica.REPLICA] = {
        **connections["default"].settings_dict,
        "TEST": {"MIRROR": "default"},
    }
    connections[replica.REPLICA] = connections.create_connection(replica.REPLICA)
    del connections.settings[replica.REPLICA]
    settings.DATABASE_ROUTERS = ["home.replica.PublicReadReplicaRouter"]
    at = settings.MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[:at],
        "home.replica.PublicReadReplicaMiddleware",
        *settings.MIDDLEWARE[at:],
    ]
    settings.REPLICA_LAG_SECONDS = 0
    replica.forget_generation()
    replica.forget_failure()
    yield
    connections[replica.REPLICA].close()
    del connections[replica.REPLICA]
    replica.forget_generation()
    replica.forget_failure()


def served_by(client, method, url, **extra):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[replica.REPLICA]) as copy,
    ):
        response = getattr(client, method)(url, **extra)
    return response, len(primary), len(copy)


def test_anonymous_page_get_reads_the_replica_only(client, with_replica, organos):
    # The first visit ever writes the calendar's row (Wagtail's settings are
    # created on first read): the write goes to the primary, and that
    # request's later reads too (read your own writes).
    response, primary, copy = served_by(client, "get", "/organos/ayuntamiento/")
    assert response.status_code == 200 and primary > 0 and copy > 0, (primary, copy)
    response, primary, copy = served_by(client, "get", "/organos/ayuntamiento/")
    assert response.status_code == 200
    assert "<h1>Los ayuntamientos</h1>" in response.content.decode()
    assert copy > 0 and primary == 0, (primary, copy)
    response, primary, copy = served_by(client, "head", "/organos/")
    assert response.status_code == 200 and copy > 0 and primary == 0
    # after the request the mark is gone: this test's own reads use the primary
    assert not replica.reads_from_replica()
    assert replica.PublicReadReplicaRouter().db_for_read(None) == "default"


def test_admin_post_and_participation_use_the_primary(client, with_replica, organos):
    # a POST to a public page
    response, primary, copy = served_by(client, "post", "/organos/ayuntamiento/", data={"a": 1})
    assert response.status_code == 200 and primary > 0 and copy == 0, (primary, copy)
    # /participa/ (a participant reads back what they sent)
    response, primary, copy = served_by(client, "get", "/participa/estado/?pagina=1")
    assert copy == 0, (response.status_code, primary, copy)
    # a signed-in editor, in the admin and on a public page
    editor = get_user_model().objects.create_superuser("editora", "e@example.org", "x")
    client.force_login(editor)
    response, primary, copy = served_by(client, "get", f"/admin/pages/{organos.pk}/")
    assert response.status_code == 200 and primary > 0 and copy == 0, (primary, copy)
    response, primary, copy = served_by(client, "get", "/organos/ayuntamiento/")
    assert response.status_code == 200 and primary > 0 and copy == 0, (primary, copy)


def test_reads_use_the_primary_for_a_while_after_a_purge(client, with_replica, settings, organos):
    client.get("/organos/")  # the calendar's row, created at a first visit
    settings.REPLICA_LAG_SECONDS = 60
    pagecache.bump_generation()  # a publish
    response, primary, copy = served_by(client, "get", "/organos/ayuntamiento/")
    assert response.status_code == 200 and primary > 0 and copy == 0, (primary, copy)
    # once the window has passed (no lag window: 0 s), the replica again
    settings.REPLICA_LAG_SECONDS = 0
    response, primary, copy = served_by(client, "get", "/organos/ayuntamiento/")
    assert response.status_code == 200 and primary == 0 and copy > 0, (primary, copy)


def test_a_replica_that_does_not_answer_sends_reads_to_the_primary(
    client, with_replica, settings, organos
):
    client.get("/organos/")  # the calendar's row, created at a first visit
    settings.REPLICA_RETRY_SECONDS = 60
    copy_connection = connections[replica.REPLICA]
    copy_connection.close()
    name = copy_connection.settings_dict["NAME"]
    # a file SQLite cannot open, a database PostgreSQL does not have
    copy_connection.settings_dict["NAME"] = "/no-such-dir/replica.sqlite3"
    try:
        # (CaptureQueriesContext would connect to the replica: only the primary's here)
        with CaptureQueriesContext(connections["default"]) as primary:
            response = client.get("/organos/ayuntamiento/")
        assert response.status_code == 200 and len(primary) > 0
        assert "<h1>Los ayuntamientos</h1>" in response.content.decode()
        assert copy_connection.connection is None  # no query could run there
        # no new attempt while it is down: the process remembers the failure
        assert not replica.replica_answers()
    finally:
        copy_connection.settings_dict["NAME"] = name
    replica.forget_failure()  # REPLICA_RETRY_SECONDS later
    response, primary, copy = served_by(client, "get", "/organos/ayuntamiento/")
    assert response.status_code == 200 and primary == 0 and copy > 0, (primary, copy)


def test_lag_window_follows_the_generation(settings):
    settings.REPLICA_LAG_SECONDS = 5
    replica.forget_generation()
    assert replica.in_lag_window(now=1000.0)  # a generation this process had not seen
    assert replica.in_lag_window(now=1004.9)
    assert not replica.in_lag_window(now=1005.1)
    pagecache.bump_generation()
    assert replica.in_lag_window(now=1006.0)
    assert not replica.in_lag_window(now=1011.5)
    replica.forget_generation()


def test_a_write_inside_a_public_read_sends_the_rest_to_the_primary():
    router = replica.PublicReadReplicaRouter()
    token = replica._reads.set("replica")
    try:
        assert router.db_for_read(None) == "replica"
        assert router.db_for_write(None) == "default"
        assert router.db_for_read(None) == "default"
    finally:
        replica._reads.reset(token)
    assert router.allow_migrate("default", "home") and not router.allow_migrate("replica", "home")
