"""Browser journeys: a real server, Debian's Chromium, Playwright, axe-core.

`make test-e2e` (or `.venv/bin/python -m pytest tests/e2e`) after
`scripts/e2e-prepare`. One session builds a fresh SQLite database
(`decide_e2e.sqlite3` in a temporary folder), runs `migrate`, `setup_site` and
`collectstatic` with tests/e2e/settings.py (DEBUG off, production static
storage served by WhiteNoise), starts gunicorn on a free 127.0.0.1 port, and
stops it at the end. The database `migrate` + `setup_site` build is kept in
test-output/e2e-cache/ and copied by the next run of the same day while the
code, data and settings are unchanged (E2E_FRESH_DB=1 builds it anyway).
Artifacts go to test-output/e2e/: a screenshot of every open page when a
journey fails, named screenshots from `shot()`, the server
and setup_site logs, and summary.txt (durations and the axe result per page).
"""

import datetime
import hashlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .helpers import (
    AXE_PATH,
    OUTPUT,
    ROOT,
    Visit,
    axe_results,
    saved_screenshots,
)

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT = 30  # seconds


def pytest_configure(config):
    # pytest-playwright's artifacts: a full-page screenshot of every page a
    # failed journey left open, under test-output/e2e/<test>/ (the folder is
    # emptied at the start of each run). Command-line options still win.
    if config.getoption("--output", default=None) == "test-results":
        config.option.output = str(OUTPUT)
    if config.getoption("--screenshot", default=None) == "off":
        config.option.screenshot = "only-on-failure"
        config.option.full_page_screenshot = True


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


# --- The server --------------------------------------------------------------


@dataclass
class Server:
    url: str
    env: dict
    log_path: Path
    timings: dict = field(default_factory=dict)

    def manage(self, *args, timeout=120):
        """Run a management command against the server's database."""
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
            timeout=timeout,
        ).stdout

    def log_size(self):
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def log_since(self, offset):
        with self.log_path.open("rb") as f:
            f.seek(offset)
            return f.read().decode("utf-8", "replace")


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_logged(cmd, env, log_path, timeout):
    with log_path.open("w") as log:
        result = subprocess.run(
            cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=timeout
        )
    if result.returncode:
        tail = log_path.read_text(errors="replace")[-3000:]
        pytest.exit(f"{' '.join(cmd[2:])} failed (see {log_path}):\n{tail}", returncode=1)


_server_timings: dict = {}

# migrate + setup_site take half a minute; their result depends only on the
# code, data and settings below, and on the day (setup_site dates the
# election calendar from today). The database they build is kept (beside
# test-output/e2e/, which is emptied at each run) under a key hashed from all
# of that, and copied for the next run; any change builds it again.
# E2E_FRESH_DB=1 always builds it.
DATABASE_CACHE = ROOT / "test-output" / "e2e-cache"
DATABASE_INPUTS = [
    "manage.py",
    "requirements.txt",
    "cms",
    "home",
    "electoral",
    "participation",
    "fixtures",
    "templates",
    "tests/e2e/settings.py",
]


def _database_key():
    digest = hashlib.sha256()
    digest.update(f"{datetime.date.today().isoformat()}\0{sys.version}\0".encode())
    for name in DATABASE_INPUTS:
        top = ROOT / name
        files = [top] if top.is_file() else sorted(top.rglob("*"))
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _copy_database(source: Path, target: Path):
    """A consistent copy, whatever the WAL holds (SQLite's backup API)."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _store_database(database: Path, cached: Path):
    DATABASE_CACHE.mkdir(parents=True, exist_ok=True)
    for old in DATABASE_CACHE.glob("decide_e2e-*.sqlite3"):
        old.unlink(missing_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.partial")
    _copy_database(database, partial)
    partial.replace(cached)  # atomic: a run beside this one never reads half a file


@pytest.fixture(scope="session")
def server(delete_output_dir):
    assert AXE_PATH.exists(), f"{AXE_PATH} is missing: run scripts/e2e-prepare"
    OUTPUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="decide-e2e-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.e2e.settings",
        "SQLITE_PATH": str(work / "decide_e2e.sqlite3"),
        "E2E_STATIC_ROOT": str(work / "static"),
        "E2E_MAIL_DIR": str(work / "mail"),
        "MEDIA_ROOT": str(work / "media"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "PYTHONUNBUFFERED": "1",
        "LOG_LEVEL": "WARNING",
    }
    # The journeys always get their own fresh SQLite database and local cache.
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    manage = [sys.executable, "manage.py"]
    timings = _server_timings

    # collectstatic touches no database: run it beside migrate + setup_site.
    started = time.monotonic()
    static_log = (OUTPUT / "collectstatic.log").open("w")
    collect = subprocess.Popen(
        [*manage, "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        stdout=static_log,
        stderr=subprocess.STDOUT,
    )
    database = Path(env["SQLITE_PATH"])
    key = _database_key()
    cached = DATABASE_CACHE / f"decide_e2e-{key}.sqlite3"
    t = time.monotonic()
    if cached.exists() and not os.environ.get("E2E_FRESH_DB"):
        _copy_database(cached, database)
        timings[f"database reused from {cached.relative_to(ROOT)}"] = time.monotonic() - t
    else:
        _run_logged([*manage, "migrate", "--noinput", "-v0"], env, OUTPUT / "migrate.log", 600)
        timings["migrate"] = time.monotonic() - t
        t = time.monotonic()
        _run_logged([*manage, "setup_site"], env, OUTPUT / "setup_site.log", 900)
        timings["setup_site"] = time.monotonic() - t
        _store_database(database, cached)
    if collect.wait(timeout=600):
        pytest.exit(f"collectstatic failed, see {OUTPUT / 'collectstatic.log'}", returncode=1)
    static_log.close()
    timings["database + static (in parallel)"] = time.monotonic() - started

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env["E2E_BASE_URL"] = url
    log_path = OUTPUT / "server.log"
    t = time.monotonic()
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cms.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                "--workers=2",
                "--threads=4",
                "--timeout=60",
                "--access-logfile=-",
                "--access-logformat=%(s)s %(m)s %(U)s%(q)s %(M)sms",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.exit(
                    f"gunicorn exited ({proc.returncode}):\n{log_path.read_text()[-3000:]}",
                    returncode=1,
                )
            try:
                with urllib.request.urlopen(url + "/", timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.exit(f"gunicorn did not answer on {url} in time", returncode=1)
            time.sleep(0.2)
        timings["server start"] = time.monotonic() - t
        yield Server(url=url, env=env, log_path=log_path, timings=timings)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="session")
def base_url(server):
    """pytest-playwright opens every context on the journey server."""
    return server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(autouse=True)
def _no_server_errors(server):
    """A journey fails when the server logged an error while it ran."""
    offset = server.log_size()
    yield
    logged = server.log_since(offset)
    errors = [
        line
        for line in logged.splitlines()
        if "Internal Server Error" in line or "Traceback" in line or line.startswith("5")
    ]
    assert not errors, "the server logged errors during this journey:\n" + logged[-4000:]


@pytest.fixture
def visit(new_context, server):
    """Open a page in a fresh context: `visit(width=360, height=740, javascript=True)`.

    Returns a helpers.Visit: the Playwright page plus a record of every
    request (third-party requests are blocked and make the journey fail) and
    of JavaScript errors, both checked when the journey ends.
    """
    visits = []

    def open_(width=360, height=740, javascript=True, **context_args):
        context = new_context(
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
            locale="es-MX",
            timezone_id="America/Mexico_City",
            accept_downloads=True,
            **context_args,
        )
        v = Visit.open(context, server.url, javascript=javascript)
        visits.append(v)
        return v

    yield open_
    for v in visits:
        v.check_clean()


# --- The closing summary ------------------------------------------------------

_durations: dict = {}
_session_started = [0.0]


def pytest_sessionstart(session):
    _session_started[0] = time.monotonic()


def pytest_runtest_logreport(report):
    if report.when in ("setup", "call", "teardown"):
        entry = _durations.setdefault(report.nodeid, {"seconds": 0.0, "outcome": "passed"})
        entry["seconds"] += report.duration
        if report.failed:
            entry["outcome"] = "failed"
        elif report.skipped:
            entry["outcome"] = "skipped"
            if isinstance(report.longrepr, tuple):
                entry["reason"] = report.longrepr[2].removeprefix("Skipped: ")


def pytest_terminal_summary(terminalreporter):
    if not _durations and not _server_timings:
        return
    lines = ["Server set-up:"]
    lines += [f"  {name}: {seconds:.1f} s" for name, seconds in _server_timings.items()]
    lines.append("Journeys (setup + run + teardown; the first one also waits for the server):")
    for nodeid, entry in _durations.items():
        name = nodeid.split("tests/e2e/", 1)[-1]
        lines.append(f"  {entry['seconds']:6.1f} s  {entry['outcome']:7}  {name}")
        if entry.get("reason"):
            lines.append(f"            ({entry['reason']})")
    lines.append(f"Total: {time.monotonic() - _session_started[0]:.1f} s")
    lines.append("axe-core (WCAG 2.2 AA tags), violations per page by impact:")
    lines += [f"  {line}" for line in axe_results] or ["  (no audits)"]
    if saved_screenshots:
        lines.append("Named screenshots:")
        lines += [f"  {path.relative_to(ROOT)}" for path in saved_screenshots]
    text = "\n".join(lines)
    terminalreporter.write_sep("=", "browser journeys")
    terminalreporter.write_line(text)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "summary.txt").write_text(text + "\n")
