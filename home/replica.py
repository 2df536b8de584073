"""Public reads from a database replica (issue 19, «scale-out path»).

Switched on by `DATABASE_REPLICA_URL` (cms/settings/base.py), parsed as
`DATABASE_URL` is: it adds a `replica` database alias, this router and this
middleware. Without it there is no replica alias, no router and no middleware.

- **What reads from the replica**: the queries of an anonymous visitor's GET or
  HEAD of a public page, and nothing else. `PublicReadReplicaMiddleware` marks
  such a request in a context variable for the time it runs; the router reads
  the mark. "Anonymous" is the origin cache's test (no session or message
  cookie, no `Authorization`: home.pagecache.visitor_is_anonymous), so a
  signed-in editor never reads a lagging copy of what they just saved.
- **What uses the primary** (`default`): every write; every read of any other
  request: the admin, POST/PUT/DELETE, `/participa/` (a participant reads
  back what they just sent), signed-in users, management commands, migrations
  (`allow_migrate` only on `default`); and the reads of a marked request after
  it has written anything (read-your-writes inside one request).
- **Replication lag**: a publish purges the page cache at once and again at the
  commit (home/pagecache.py). A visitor's GET right after it, served from a
  replica that has not replayed the commit yet, would render the old page and
  store it in the cache under the new generation, where it would stay until
  the next purge or `PAGE_CACHE_SECONDS`. So for `REPLICA_LAG_SECONDS` after a
  process first sees a new page-cache generation, its reads go to the primary;
  the replica is used again once that window has passed. Set it above the
  replica's worst lag (monitor `pg_last_xact_replay_timestamp()`); an image or
  CSV served during a longer lag is still purged by the next generation.
- **A replica that does not answer** (stopped, restarting, its database not
  replayed yet) must not take the public pages down: the first read of a
  marked request checks the replica's connection (a no-op when it is open;
  Django's health check when CONN_HEALTH_CHECKS asks for one); if it fails,
  that request and every other of the process read the primary for
  `REPLICA_RETRY_SECONDS` (10), and the replica is tried again afterwards.
  Found against a real streaming replica (tests/replica/): with the standby
  stopped every uncached public page answered 500.
- **A replica that lags** more than `REPLICA_MAX_LAG_SECONDS` (default:
  REPLICA_LAG_SECONDS) or does not stream from the primary is not read either:
  each process asks the standby its replay lag at most every
  `REPLICA_CHECK_SECONDS` (1), on the first read of a marked request. Found
  there too: with replay stopped, a worker whose lag window had passed
  rendered a just-published page from the replica and cached the old version
  under the new generation.
"""

import contextvars
import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError, connections

from . import pagecache

log = logging.getLogger(__name__)

REPLICA = "replica"
PRIMARY = "default"
# Request paths that always read the primary, whoever asks.
DEFAULT_PRIMARY_PREFIXES = ("/admin/", "/django-admin/", "/participa/")

# "replica": this request's reads go to the replica; "unchecked": they may,
# once its connection is known to work (a marked request before its first
# read); "primary": they may not (unmarked requests, a marked one once it has
# written, and every request while the replica does not answer).
_reads = contextvars.ContextVar("decide_replica_reads", default="primary")


def reads_from_replica():
    return _reads.get() in ("replica", "unchecked")


class PublicReadReplicaRouter:
    """Reads of marked requests to the replica; everything else to the primary."""

    def db_for_read(self, model, **hints):
        state = _reads.get()
        if state == "unchecked":
            state = "replica" if replica_answers() else "primary"
            _reads.set(state)
        return REPLICA if state == "replica" else PRIMARY

    def db_for_write(self, model, **hints):
        if _reads.get() != "primary":
            _reads.set("primary")  # read your own writes for the rest of the request
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: their rows relate freely.
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA, None}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


# --- The lag window after a purge --------------------------------------------

_seen_lock = threading.Lock()
_seen = {"generation": None, "at": 0.0}


def lag_seconds():
    return float(getattr(settings, "REPLICA_LAG_SECONDS", 10))


def in_lag_window(now=None):
    """True for REPLICA_LAG_SECONDS after this process first saw the current
    page-cache generation (a purge: something was published or imported)."""
    window = lag_seconds()
    if window <= 0:
        return False
    try:
        generation = pagecache.current_generation()
    except Exception:  # the cache is unreachable: the primary is always right  # noqa: BLE001
        return True
    now = time.monotonic() if now is None else now
    with _seen_lock:
        if generation != _seen["generation"]:
            _seen["generation"], _seen["at"] = generation, now
        return now - _seen["at"] < window


def forget_generation():
    """For tests: the next request starts a lag window again."""
    with _seen_lock:
        _seen["generation"], _seen["at"] = None, 0.0


# --- A replica that does not answer --------------------------------------------

_down_lock = threading.Lock()
_down = {"until": 0.0}


def retry_seconds():
    return float(getattr(settings, "REPLICA_RETRY_SECONDS", 10))


def max_lag_seconds():
    """The replay lag above which the replica is not read (0: not measured)."""
    return float(getattr(settings, "REPLICA_MAX_LAG_SECONDS", lag_seconds()))


def check_seconds():
    return float(getattr(settings, "REPLICA_CHECK_SECONDS", 1))


# Replay lag as a standby reports it: 0 when it has replayed all it received,
# else the age of the last commit it replayed (an over-estimate after an idle
# primary: then the primary is read, which costs nothing on an idle site);
# NULL when no WAL receiver runs (the standby lost the primary's stream).
LAG_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN NOT EXISTS (
        SELECT 1 FROM pg_stat_wal_receiver WHERE coalesce(status, 'streaming') = 'streaming'
    ) THEN NULL
    WHEN pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() THEN 0
    ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0)
END
"""

_health = {"checked_at": None, "fresh": True}


def replica_answers(now=None):
    """Whether public reads may use the replica: its connection works (False
    for REPLICA_RETRY_SECONDS after it failed: no connection attempt per
    request while it is down) and, on PostgreSQL, its replay lag, measured at
    most every REPLICA_CHECK_SECONDS, is below REPLICA_MAX_LAG_SECONDS."""
    now = time.monotonic() if now is None else now
    with _down_lock:
        if now < _down["until"]:
            return False
    connection = connections[REPLICA]
    try:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
        return _replay_is_fresh(connection, now)
    except DatabaseError as error:
        seconds = retry_seconds()
        with _down_lock:
            _down["until"] = now + seconds
        log.warning(
            "read replica unreachable, public reads use the primary for %s s: %s", seconds, error
        )
        return False


def _replay_is_fresh(connection, now):
    limit = max_lag_seconds()
    if limit <= 0 or connection.vendor != "postgresql":
        return True
    with _down_lock:
        checked_at, fresh = _health["checked_at"], _health["fresh"]
    if checked_at is not None and now - checked_at < check_seconds():
        return fresh
    with connection.cursor() as cursor:
        cursor.execute(LAG_SQL)
        lag = cursor.fetchone()[0]
    fresh = lag is not None and float(lag) < limit
    if fresh != _health["fresh"]:
        if fresh:
            log.warning("read replica caught up: public reads use it again")
        else:
            log.warning(
                "read replica %s: public reads use the primary",
                "not streaming" if lag is None else f"{float(lag):.1f} s behind",
            )
    with _down_lock:
        _health["checked_at"], _health["fresh"] = now, fresh
    return fresh


def forget_failure():
    """For tests: the next marked request tries the replica again, and measures its lag."""
    with _down_lock:
        _down["until"] = 0.0
        _health["checked_at"], _health["fresh"] = None, True


def is_public_read(request):
    prefixes = getattr(settings, "REPLICA_PRIMARY_PREFIXES", DEFAULT_PRIMARY_PREFIXES)
    return (
        request.method in ("GET", "HEAD")
        and not request.path_info.startswith(tuple(prefixes))
        and pagecache.visitor_is_anonymous(request)
    )


class PublicReadReplicaMiddleware:
    """Marks an anonymous public GET/HEAD so that its reads use the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        use = is_public_read(request) and not in_lag_window()
        token = _reads.set("unchecked" if use else "primary")
        try:
            return self.get_response(request)
        finally:
            _reads.reset(token)
