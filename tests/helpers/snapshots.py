"""The real data, built once and restored per test: database snapshots.

Importing the real data (`setup_site`, the 2021 actors, the geography, the
results) takes 5-30 s; doing it in every test's set-up made the suite slow.
Each snapshot here is built once (and cached between runs, keyed on a hash of
the code and the data files that shape it); a test that asks for one runs on
a copy of it, inside a transaction rolled back at the end, like any other
test. Tests that ask for none run on the empty migrated database, as before.

- SQLite (in memory): a snapshot is a file under .pytest_cache/; it is read
  into an in-memory database once per process and copied into the test
  database with SQLite's backup API (a few milliseconds) when a test needs a
  different state than the one the database is in.
- PostgreSQL: a snapshot is a template database `decide_snap_<hash>_<name>`,
  shared by the runs on the server; each test process works on its own copy
  (`CREATE DATABASE ... TEMPLATE`), and the connection is pointed at the copy
  of the state the test needs.

A builder may return what it made (an import's report): it is kept with the
snapshot (a pickle beside the SQLite file; the comment of the PostgreSQL
template database) and `built_report(name)` gives it back, so a test class
that checks an import's counts can run on the snapshot instead of importing.

The state is restored lazily: before each database test, if the database is
not in the state that test needs (another snapshot, the empty database, or
unknown after a transactional test flushed it), it is restored. So the
transactional tests (which flush the database) never leave their mess to a
later test, and no test sees another's data.
"""

import base64
import contextlib
import fcntl
import hashlib
import io
import os
import pickle
import sqlite3
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
EMPTY = "empty"


# --- What each snapshot holds ----------------------------------------------


def _build_site():
    from django.core.management import call_command

    call_command("setup_site", stdout=io.StringIO())


def _build_site_shell():
    from tests.conftest import build_site_shell

    build_site_shell()


def _build_geography():
    from tests.electoral.geography.conftest import import_real_geography

    return import_real_geography()  # its report: built_report("geography")


def _build_parties():
    from tests.electoral.factories import all_municipalities, real_actors

    all_municipalities()
    real_actors()


def _build_results():
    from tests.electoral.results.helpers import real_results

    return real_results()  # the results import's report: built_report("results")


def _build_results_without_actors():
    from tests.electoral.results.helpers import real_results

    real_results(actors=False)


def _build_candidacies_20000():
    from tests.electoral.factories import twenty_thousand_candidacies

    twenty_thousand_candidacies()


def _build_ballot():
    from tests.electoral.factories import ballot_candidacies

    ballot_candidacies()


def _build_ballot_20000():
    from tests.electoral.factories import ballot_20000

    ballot_20000()


def _build_fuzz():
    from tests.fuzz.conftest import build_site

    build_site()


def _build_participation():
    from tests.participation.conftest import build_feedback_page

    build_feedback_page()


def _build_candidacies_small():
    from tests.electoral.factories import small_candidacies

    small_candidacies()


def _build_glossary():
    from tests.electoral.glossary.conftest import build_entries

    build_entries()


def _build_parties_pages():
    from tests.electoral.factories import parties_pages

    parties_pages()


def _build_delivery():
    from tests.participation.delivery.conftest import build_delivery_snapshot

    build_delivery_snapshot()


def _build_delivery_admin():
    from tests.participation.delivery.conftest import build_delivery_admin_snapshot

    build_delivery_admin_snapshot()


def _build_representation():
    from tests.home.conftest import build_representation

    build_representation()


def _build_editorial():
    from tests.electoral.factories import build_tree

    build_tree()


def _build_capture():
    from tests.electoral.editorial.conftest import build_capture

    build_capture()


BUILDERS = {
    # `setup_site`, what `make run` loads: the `site` and `home` fixtures.
    "site": _build_site,
    # Only its home steps (home page, calendar, demo admin, privacy notice):
    # the `home_site` fixture.
    "site-shell": _build_site_shell,
    # The 125 municipalities and 45 districts made directly, /partidos/ and the
    # 29 actors of 2021 from the real files: the `geography` and `actors_2021` fixtures.
    "parties": _build_parties,
    # The real geography files through the importer (TestCase classes).
    "geography": _build_geography,
    # Geography, the 2021 actors and the default results.
    "results": _build_results,
    "results-without-actors": _build_results_without_actors,
    # /partidos/ with four actors (party, party, coalition, independent), their
    # pages, images, documents, groups and the review workflow (editorial tests).
    "editorial": _build_editorial,
    # The editorial tree with its editors and the capture progress of PAN and
    # MORENA (tests/electoral/editorial/conftest.py): the `capture` fixture.
    "capture": _build_capture,
    # ~20,900 candidacies of 10 made-up actors (query budgets, pagination).
    "candidacies-20000": _build_candidacies_20000,
    # The ballot tests' section 5169 of Toluca, PAN and MC with a slate each
    # (tests/electoral/parties/test_ballot.py): the `ballot` fixture.
    "ballot": _build_ballot,
    # The ballot tests' section 5169 and ten actors' slates in 63 municipalities:
    # 20,360 candidacies (the ballot's query budget).
    "ballot-20000": _build_ballot_20000,
    # Two actors, a platform, a profile, three candidacies (party page tests).
    "parties-pages": _build_parties_pages,
    # Six candidacies of four actors (the candidacy list's filters).
    "candidacies-small": _build_candidacies_small,
    # The Quitadudas with six entries (tests/electoral/glossary/conftest.py).
    "glossary": _build_glossary,
    # The light site of the fuzz tests (tests/fuzz/conftest.py): the `fuzz_site` fixture.
    "fuzz": _build_fuzz,
    # The participation tests' platform page of a test actor, participation
    # open (tests/participation/conftest.py): the `feedback_page` fixture.
    "participation": _build_participation,
    # Six actors (a coalition, an elected and a non-elected independent), their
    # platforms, reactions, ideas of every status and results, calendar in the
    # delivery phase (tests/participation/delivery/conftest.py): `delivery_dataset`.
    "delivery": _build_delivery,
    # The same, with IEEM's admin user and an editor per actor (its admin tests).
    "delivery-admin": _build_delivery_admin,
    # The home page and /organos/ (tests/home/conftest.py): the `organos` fixture.
    "representation": _build_representation,
}

# Fixtures that mean "this test runs on that snapshot".
FIXTURE_SNAPSHOTS = {
    "site": "site",
    "home": "site",
    "actors_2021": "parties",
    "geography": "parties",
    # Before "editorial_tree", which every `capture` test also asks for.
    "capture": "capture",
    "editorial_tree": "editorial",
    "fuzz_site": "fuzz",
    "parties_tree": "parties-pages",
    "entries": "glossary",
    "small_candidacies": "candidacies-small",
    "feedback_page": "participation",
    "delivery_dataset": "delivery",
    "organos": "representation",
    "ballot": "ballot",
    # Last: with any of the above, the home steps run on top of that snapshot.
    "home_site": "site-shell",
}


def snapshot_for(node, fixturenames):
    """A test's snapshot: its `snapshot` mark, else the one its fixtures imply."""
    marker = node.get_closest_marker("snapshot")
    if marker:
        assert marker.args[0] in BUILDERS, f"unknown snapshot {marker.args[0]!r}"
        return marker.args[0]
    db = node.get_closest_marker("django_db")
    if db and db.kwargs.get("serialized_rollback"):
        # A serialized rollback reloads the rows of the migrated database at
        # set-up (the default Site among them), which collide with a snapshot's:
        # such a test builds its fixtures' objects itself.
        return EMPTY
    for name, snapshot in FIXTURE_SNAPSHOTS.items():
        if name in fixturenames:
            return snapshot
    return EMPTY


# --- Cache key ---------------------------------------------------------------

_HASHED = ("cms", "electoral", "home", "participation", "fixtures", "templates", "locale")


def data_key():
    """A hash of everything that can change what a snapshot holds."""
    digest = hashlib.sha256()
    tests = ROOT / "tests"
    paths = [*(tests / "helpers").glob("*.py")]
    for name in ("conftest.py", "factories.py", "helpers.py"):
        paths.extend(tests.rglob(name))
    for top in _HASHED:
        paths.extend(p for p in (ROOT / top).rglob("*") if p.is_file())
    for path in sorted(paths):
        if "__pycache__" in path.parts or path.suffix in (".pyc", ".mo"):
            continue
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    for top in ("requirements.txt", "requirements-dev.txt"):
        digest.update((ROOT / top).read_bytes())
    import django
    import wagtail

    digest.update(f"{django.__version__} {wagtail.__version__} {connection.vendor}".encode())
    # The day too: some snapshots hold calendar dates set relative to the day
    # they were built (the site's election phases), so a snapshot from an
    # earlier day could put today's run in another phase.
    digest.update(date.today().isoformat().encode())
    return digest.hexdigest()[:12]


@contextlib.contextmanager
def _locked(path):
    """One process builds a snapshot; the others wait for it (xdist workers)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _build(name):
    """Build snapshot `name` in the database; what its builder returned, pickled."""
    from django.core.cache import cache

    from home import fragments

    cache.clear()
    fragments.forget_in_process()
    made = BUILDERS[name]()
    cache.clear()
    fragments.forget_in_process()
    return pickle.dumps(made)


_store = None  # the process's snapshots (set by snapshots())


def built_report(name):
    """What snapshot `name`'s builder returned when it was built (e.g. the
    geography import's report), kept with the snapshot."""
    assert _store is not None, "no snapshots in this process (tests/conftest.py _snapshots)"
    return pickle.loads(_store.report(name))


# --- The migrated empty database -------------------------------------------------


@contextlib.contextmanager
def cached_migrations(cache_dir):
    """While the test databases are created, `migrate` restores a cached copy of
    the migrated database (built by the first run after a change) instead of
    running the migrations (10-20 s on this machine, in every xdist worker)."""
    from django.core import management

    real_call_command = management.call_command
    key = data_key()

    def call_command(name, *args, **options):
        if name != "migrate" or options.get("database", "default") != connection.alias:
            return real_call_command(name, *args, **options)
        where = Path(cache_dir)
        if connection.vendor == "sqlite":
            return _sqlite_migrate(where / f"sqlite-{key}", real_call_command, args, options)
        if connection.vendor == "postgresql":
            return _postgres_migrate(where / "postgres", key, real_call_command, args, options)
        return real_call_command(name, *args, **options)

    management.call_command = call_command
    try:
        yield
    finally:
        management.call_command = real_call_command


def _sqlite_migrate(where, call_command, args, options):
    path = where / "migrated.sqlite3"
    with _locked(where / "migrated.lock"):
        connection.ensure_connection()
        if path.exists():
            with contextlib.closing(sqlite3.connect(path)) as src:
                src.backup(connection.connection)
            return None
        call_command("migrate", *args, **options)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with contextlib.closing(sqlite3.connect(tmp)) as out:
            connection.connection.backup(out)
        tmp.rename(path)
    return None


def _postgres_migrate(where, key, call_command, args, options):
    template = f"decide_snap_{key}_migrated"
    test_name = connection.settings_dict["NAME"]

    def admin(sql, params=None):
        with connection._nodb_cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone() if cursor.description else None

    with _locked(where / f"{template}.lock"):
        exists = admin("SELECT 1 FROM pg_database WHERE datname = %s", [template])
        connection.close()
        if exists:
            admin(f'DROP DATABASE IF EXISTS "{test_name}"')
            admin(f'CREATE DATABASE "{test_name}" TEMPLATE "{template}"')
            return None
        call_command("migrate", *args, **options)
        connection.close()
        building = f"{template}_b{os.getpid()}"
        admin(f'CREATE DATABASE "{building}" TEMPLATE "{test_name}"')
        admin(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
    return None


# --- SQLite --------------------------------------------------------------------


class SqliteSnapshots:
    def __init__(self, cache_dir):
        self.dir = Path(cache_dir) / f"sqlite-{data_key()}"
        self.loaded = {}  # name -> in-memory sqlite3 connection holding it
        self.current = None
        connection.ensure_connection()
        self.loaded[EMPTY] = self._copy_out()
        self.current = EMPTY

    def _raw(self):
        connection.ensure_connection()
        return connection.connection

    def _copy_out(self):
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        self._raw().backup(copy)
        return copy

    def _load(self, name):
        if name in self.loaded:
            return self.loaded[name]
        path = self.dir / f"{name}.sqlite3"
        with _locked(self.dir / f"{name}.lock"):
            if not path.exists():
                self.restore(EMPTY)
                made = _build(name)
                report = self._report_path(name)
                tmp = report.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_bytes(made)
                tmp.rename(report)  # before the snapshot: it exists only with its report
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                with contextlib.closing(sqlite3.connect(tmp)) as out:
                    self._raw().backup(out)
                tmp.rename(path)
                self.current = None  # the database now holds it, but say nothing yet
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        with contextlib.closing(sqlite3.connect(path)) as src:
            src.backup(copy)
        self.loaded[name] = copy
        return copy

    def _report_path(self, name):
        return self.dir / f"{name}.report.pickle"

    def report(self, name):
        self._load(name)
        return self._report_path(name).read_bytes()

    def restore(self, name):
        if self.current == name:
            return
        source = self._load(name)
        source.backup(self._raw())
        self.current = name

    def forget(self):
        """The database was flushed (transactional test): its state is unknown."""
        self.current = None

    def close(self):
        for copy in self.loaded.values():
            copy.close()
        self.loaded.clear()


# --- PostgreSQL ------------------------------------------------------------------


class PostgresSnapshots:
    def __init__(self, cache_dir):
        self.dir = Path(cache_dir) / "postgres"
        self.key = data_key()
        self.test_name = connection.settings_dict["NAME"]
        self.current = None
        self.copies = set()  # copies in the state of their template
        self.created = set()  # every copy made, dropped at the end
        # The migrated, empty test database is the template of the "empty" state.
        self.templates = {EMPTY: self.test_name}
        self._point_at(self._copy_name(EMPTY), create_from=self.test_name)
        self.current = EMPTY

    def _copy_name(self, name):
        return f"{self.test_name}_{name.replace('-', '_')}"

    def _template_name(self, name):
        return f"decide_snap_{self.key}_{name.replace('-', '_')}"

    def _admin(self, sql):
        """Run `sql` outside any database we copy (CREATE/DROP DATABASE)."""
        with connection._nodb_cursor() as cursor:
            cursor.execute(sql)

    def _exists(self, db_name):
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db_name])
            return cursor.fetchone() is not None

    def _set_name(self, db_name):
        connection.close()
        connection.settings_dict["NAME"] = db_name
        settings.DATABASES[connection.alias]["NAME"] = db_name

    def _point_at(self, copy, create_from=None):
        if create_from:
            self._set_name(self.test_name)
            connection.close()
            self._admin(f'DROP DATABASE IF EXISTS "{copy}"')
            self._admin(f'CREATE DATABASE "{copy}" TEMPLATE "{create_from}"')
            self.copies.add(copy)
            self.created.add(copy)
        self._set_name(copy)

    def _template(self, name):
        if name in self.templates:
            return self.templates[name]
        template = self._template_name(name)
        with _locked(self.dir / f"{template}.lock"):
            if not self._exists(template):
                building = f"{template}_b{os.getpid()}"
                self._point_at(building, create_from=self.test_name)
                made = base64.b64encode(_build(name)).decode()
                self._set_name(self.test_name)
                # The builder's report, kept with the template (a comment survives the rename).
                self._admin(f"COMMENT ON DATABASE \"{building}\" IS '{made}'")
                self._admin(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
                self.copies.discard(building)
                self.created.discard(building)
        self.templates[name] = template
        return template

    def report(self, name):
        template = self._template(name)
        with connection._nodb_cursor() as cursor:
            cursor.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                [template],
            )
            (made,) = cursor.fetchone()
        return base64.b64decode(made)

    def restore(self, name):
        if self.current == name:
            return
        copy = self._copy_name(name)
        self._point_at(copy, create_from=None if copy in self.copies else self._template(name))
        self.current = name

    def forget(self):
        """A transactional test flushed the current copy: make a new one next time."""
        if self.current is not None:
            self.copies.discard(self._copy_name(self.current))
        self.current = None

    def close(self):
        self._set_name(self.test_name)
        for copy in sorted(self.created):
            with contextlib.suppress(Exception):
                self._admin(f'DROP DATABASE IF EXISTS "{copy}"')
        self.copies.clear()
        self.created.clear()


def snapshots(cache_dir):
    global _store
    if connection.vendor == "sqlite":
        _store = SqliteSnapshots(cache_dir)
    elif connection.vendor == "postgresql":
        _store = PostgresSnapshots(cache_dir)
    else:
        raise RuntimeError(f"no snapshots for {connection.vendor}")
    return _store
