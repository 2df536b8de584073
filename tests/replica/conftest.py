"""Against a real PostgreSQL streaming replica (issue 19, the read replica):
`make test-replica`, which starts one with scripts/pg-replica.

DATABASE_URL is the primary, DATABASE_REPLICA_URL a physical standby of it
(cms/settings/base.py adds the `replica` alias, the router and the
middleware, exactly as in production). Physical replication copies every
database, so the test database and each snapshot copy made on the primary
(tests/helpers/snapshots.py) appear on the standby once it has replayed them;
the `replica` alias is pointed at the copy the test runs on.

Without a standby these tests fail, with the reason: they never skip. They are
not part of `make test` (pyproject.toml ignores tests/replica; the target
names the directory).
"""

import time

import psycopg
import pytest
from django.conf import settings
from django.db import connections

from home import replica

PRIMARY, REPLICA = replica.PRIMARY, replica.REPLICA
WAIT_SECONDS = 60


def _admin_connection(alias):
    """A connection of our own to the server of `alias`, outside any test database."""
    db = settings.DATABASES[alias]
    return psycopg.connect(
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
        connect_timeout=5,
    )


def _why_no_replica():
    """None when DATABASE_URL/DATABASE_REPLICA_URL are a primary and its standby."""
    if settings.DATABASES[PRIMARY]["ENGINE"] != "django.db.backends.postgresql":
        return "DATABASE_URL is not a PostgreSQL database (the replica tests need the primary)"
    if REPLICA not in settings.DATABASES:
        return "DATABASE_REPLICA_URL is not set"
    try:
        with _admin_connection(REPLICA) as standby, _admin_connection(PRIMARY) as primary:
            in_recovery = standby.execute("SELECT pg_is_in_recovery()").fetchone()[0]
            senders = primary.execute(
                "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'"
            ).fetchone()[0]
    except psycopg.Error as error:
        return f"the replica or the primary does not answer: {error}".strip()
    if not in_recovery:
        return "DATABASE_REPLICA_URL is not a standby (pg_is_in_recovery() is false)"
    if not senders:
        return "the primary streams to no standby (pg_stat_replication is empty)"
    return None


@pytest.fixture(scope="session")
def real_replica(django_db_setup):
    why = _why_no_replica()
    if why:
        pytest.fail(
            f"no PostgreSQL streaming replica: {why}. Run `make test-replica` "
            "(scripts/pg-replica start, then these tests with DATABASE_URL on the "
            "primary and DATABASE_REPLICA_URL on the standby).",
            pytrace=False,
        )
    with _admin_connection(REPLICA) as standby:
        # A run stopped while replay was paused must not leave it paused.
        standby.execute("SELECT pg_wal_replay_resume()")
    return True


class Standby:
    """The replica of one test: replay control and per-alias query logs."""

    def __init__(self):
        self.admin = _admin_connection(REPLICA)
        self.paused = False

    def primary_lsn(self):
        # The insert position, not pg_current_wal_lsn() (the write position):
        # the test settings commit without waiting for the WAL
        # (synchronous_commit=off), so a commit just made may still be in the
        # WAL buffers, past the write position, and waiting for that would
        # return before the commit reaches the standby (failed once in CI).
        with connections[PRIMARY].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_insert_lsn()")
            return cursor.fetchone()[0]

    def wait(self, timeout=WAIT_SECONDS):
        """Until the standby has replayed everything the primary has written so far."""
        assert not self.paused, "replay is paused: resume() first"
        target = self.primary_lsn()
        deadline = time.monotonic() + timeout
        while True:
            done = self.admin.execute(
                "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target]
            ).fetchone()[0]
            if done:
                return
            assert time.monotonic() < deadline, (
                f"the standby did not replay {target} in {timeout} s"
            )
            time.sleep(0.05)

    def wait_received(self, timeout=WAIT_SECONDS):
        """Until the standby has received (not necessarily replayed) the primary's WAL so far."""
        target = self.primary_lsn()
        deadline = time.monotonic() + timeout
        while not self.admin.execute(
            "SELECT pg_last_wal_receive_lsn() >= %s::pg_lsn", [target]
        ).fetchone()[0]:
            assert time.monotonic() < deadline, f"the standby did not receive {target}"
            time.sleep(0.05)

    def pause(self):
        """Stop replay: what the primary commits from now on is not on the standby."""
        self.wait()
        self.admin.execute("SELECT pg_wal_replay_pause()")
        self.paused = True
        state = self.admin.execute("SELECT pg_get_wal_replay_pause_state()").fetchone()[0]
        assert state in ("pause requested", "paused"), state

    def resume(self):
        self.admin.execute("SELECT pg_wal_replay_resume()")
        self.paused = False

    def close(self):
        try:
            if self.paused:
                self.resume()
        finally:
            self.admin.close()


@pytest.fixture
def standby(db, real_replica, settings):
    """The `replica` alias on the standby's copy of this test's database (the
    snapshot copy the primary's connection was just pointed at), replayed up
    to now; replay is resumed at the end whatever happens."""
    name = connections[PRIMARY].settings_dict["NAME"]
    connections[REPLICA].close()
    connections[REPLICA].settings_dict["NAME"] = name
    settings.DATABASES[REPLICA]["NAME"] = name
    settings.REPLICA_LAG_SECONDS = 0
    # Not measured, so that a paused standby is read (what a lag the check
    # does not see yet looks like); test_a_lagging_replica_is_not_read measures it.
    settings.REPLICA_MAX_LAG_SECONDS = 0
    replica.forget_generation()
    replica.forget_failure()
    control = Standby()
    try:
        control.wait()
        yield control
    finally:
        control.close()
        connections[REPLICA].close()
        replica.forget_generation()
        replica.forget_failure()


class Queries:
    """The SQL each alias ran inside the block."""

    def __init__(self):
        self.sql = {PRIMARY: [], REPLICA: []}
        self._wrappers = []

    def __enter__(self):
        for alias, log in self.sql.items():
            wrapper = connections[alias].execute_wrapper(self._recorder(log))
            wrapper.__enter__()
            self._wrappers.append(wrapper)
        return self

    @staticmethod
    def _recorder(log):
        def record(execute, sql, params, many, context):
            log.append(sql)
            return execute(sql, params, many, context)

        return record

    def __exit__(self, *exc):
        for wrapper in reversed(self._wrappers):
            wrapper.__exit__(*exc)

    @property
    def primary(self):
        return self.sql[PRIMARY]

    @property
    def replica(self):
        return self.sql[REPLICA]


def served(client, method, url, **extra):
    """(response, Queries) of one request."""
    with Queries() as queries:
        response = getattr(client, method)(url, **extra)
    return response, queries
