"""Election-night load: public pages cached and uncached against the static-file floor.

    .venv/bin/python bench/load.py        (make bench-load)

From a clean clone: builds the real data once (migrate + setup_site into
BENCH_SQLITE, default /tmp/decide_load.sqlite3; DATABASE_URL instead when set),
collects the static files, sets the calendar to the results phase, and starts
two gunicorn servers on 127.0.0.1 with the production settings
(bench/load_settings.py): one with the origin cache (home/pagecache.py), one
without. Both use BENCH_WORKERS sync workers (2). "Uncached" is a truly cold
render, what a visitor gets on a real miss of the origin cache: that server
also runs without the rendered fragments of home/fragments.py
(FRAGMENT_CACHE_ENABLED=false), which are kept per URL and per page-cache
generation, so they are never warm when the page itself is not. The site-wide
data kept per generation (SHELL_CACHE_ENABLED: routes, the calendar), shared
by every URL, stays on as in production. BENCH_UNCACHED_FRAGMENTS=true runs
the uncached server with the fragments on (the measure of stops 26-29).

It warms every URL up, then measures with wrk (Debian package `wrk`;
BENCH_CONNECTIONS=16 connections, 2 threads, `Accept-Encoding: gzip, deflate,
br` as a browser sends) in BENCH_ROUNDS=3 alternating rounds of
BENCH_SECONDS=10 s per URL: a static file (the floor), then home, a
municipality, a ballot, a platform, a profile, the candidacy list of one
municipality, a results page and /geografia/, cached and uncached. Then, in the
campaign phase, reaction POSTs by fresh participants (five presses each, like
static/js/participation.js) with the stored totals checked against the
responses. It prints req/s, p50, p99 and bytes per response (medians of the
rounds) and each page's ratio to the floor, and exits 1 if a budget is missed:

- cached pages >= 0.9x the static file, p99 < 20 ms;
- uncached municipality, ballot, platform and profile >= 0.15x;
- reactions >= 500/s with exact totals.

The machine is shared by whatever else runs on it: the ratios (same run, same
load) are what the budgets judge, not the absolute figures.

`--only NAME[,NAME…]` measures a part only (short checks while working):
`reactions`, `cached`, `uncached`, or page names (`static`, `home`,
`municipality`, `ballot`, `platform`, `profile`, `candidacies`, `results`,
`geography`). The static file is always measured when a page is, so the ratios
stay; budgets apply to what was measured.
"""

import argparse
import contextlib
import json
import multiprocessing as mp
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv/bin/python")
GUNICORN = str(ROOT / ".venv/bin/gunicorn")
PORT = int(os.environ.get("BENCH_PORT", "8119"))
UNCACHED_PORT = PORT + 1
SQLITE = os.environ.get("BENCH_SQLITE", "/tmp/decide_load.sqlite3")
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
PARTICIPANTS = int(os.environ.get("BENCH_PARTICIPANTS", "600"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "6"))
ACCEPT_ENCODING = "gzip, deflate, br"

CACHED_BUDGET = 0.9
UNCACHED_BUDGET = 0.15
UNCACHED_BUDGET_PAGES = ("municipality", "ballot", "platform", "profile")
CACHED_P99_MS = 20.0
REACTIONS_BUDGET = 500


def env(cache=True):
    e = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "DJANGO_SECRET_KEY": "bench-secret-" + "x" * 40,
        "PARTICIPANT_HASH_KEY": "bench-participant-" + "p" * 40,
        "ADDRESS_HASH_KEY": "bench-address-" + "a" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "BENCH_STATIC_ROOT": str(STATIC_ROOT),
        "PAGE_CACHE_ENABLED": "true" if cache else "false",
        # (see the module's docstring: a real miss finds no fragment of its URL)
        "FRAGMENT_CACHE_ENABLED": "true"
        if cache or os.environ.get("BENCH_UNCACHED_FRAGMENTS", "").lower() == "true"
        else "false",
        "PYTHONPATH": str(ROOT),
    }
    if "DATABASE_URL" not in e:
        e["SQLITE_PATH"] = SQLITE
    return e


STATIC_ROOT = Path(
    os.environ.get("BENCH_STATIC_ROOT", Path(tempfile.gettempdir()) / "decide_load_static")
)


def manage(*args, capture=False):
    result = subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env(),
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout if capture else None


def shell(code):
    out = manage("shell", "-c", code, capture=True)
    return json.loads(out.strip().splitlines()[-1])


FIND_URLS = r"""
import json
from electoral.models import CandidateProfilePage, MunicipalityPage, PlatformPage
toluca = MunicipalityPage.objects.live().get(slug="toluca")
platform = next(p for p in PlatformPage.objects.live().order_by("path").specific()
                if len(p.feedback_targets()) > 2)
profile = CandidateProfilePage.objects.live().order_by("path").first()
print(json.dumps({
    "municipality": toluca.url, "platform": platform.url, "profile": profile.url,
    "platform_id": platform.pk,
    "blocks": [b for b, _ in platform.feedback_targets()][1:4],
}))
"""

COUNT_REACTIONS = (
    "import json; from participation.models import Reaction; "
    "print(json.dumps({v: Reaction.objects.filter(value=v).count() "
    "for v in ('me_gusta', 'no_me_gusta')}))"
)


def prepare():
    if shutil.which("wrk") is None:
        sys.exit("bench/load.py needs wrk: apt-get install -y wrk")
    print("preparing: migrate, real data (first run ~1 min), static files ...", flush=True)
    manage("migrate", "--noinput", "-v0")
    has_data = shell(
        "import json; from electoral.models import MunicipalityPage; "
        "print(json.dumps(MunicipalityPage.objects.exists()))"
    )
    if not has_data:
        manage("setup_site")
    manage("collectstatic", "--noinput", "-v0")
    manage("election_phase", "results", capture=True)
    return shell(FIND_URLS)


def start_server(port, cache, log):
    server = subprocess.Popen(
        [
            GUNICORN,
            "cms.wsgi",
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--access-logfile",
            str(log),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env(cache),
    )
    for _ in range(150):
        try:
            status, _, _ = request(port, "GET", "/robots.txt")
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.terminate()
    sys.exit(f"gunicorn did not start on port {port}")


def stop(server):
    if server is None:
        return
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# --- wrk ---------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}
SIZES = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}


def _ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if match is None:
        raise ValueError(f"wrk printed a latency this script cannot read: {text!r}")
    number, unit = match.groups()
    return float(number) * UNITS[unit]


def wrk(port, path, seconds):
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            f"Accept-Encoding: {ACCEPT_ENCODING}",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Latency Distribution" not in out:
        raise RuntimeError(f"wrk {path}: {out}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    amount, unit = re.search(r"requests in [\d.]+\w+, ([\d.]+)(\w+) read", out).groups()
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rate": rate,
        "p50": _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99": _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "bytes": float(amount) * SIZES[unit] / max(total, 1),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


# --- reactions (a lean client: the server, not the client, is measured) ------


def request(port, method, path, body=None, headers=None):
    body = (body or "").encode()
    head = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    head += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if body:
        head.append(f"Content-Length: {len(body)}")
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    header_block, _, data = b"".join(chunks).partition(b"\r\n\r\n")
    lines = header_block.decode("latin-1").split("\r\n")
    cookies = [
        line.split(":", 1)[1].strip()
        for line in lines[1:]
        if line.lower().startswith("set-cookie:")
    ]
    return int(lines[0].split(" ", 2)[1]), data, cookies


# (block index, value, state shown before): like three, switch one, withdraw one.
SCRIPT = [
    (0, "me_gusta", ""),
    (1, "me_gusta", ""),
    (2, "me_gusta", ""),
    (0, "no_me_gusta", "me_gusta"),
    (1, "me_gusta", "me_gusta"),
]


def participants(args):
    port, page_id, blocks, count = args
    identities = []
    for _ in range(count):
        status, data, cookies = request(port, "GET", f"/participa/estado/?pagina={page_id}")
        assert status == 200, status
        identities.append(
            (json.loads(data)["csrfToken"], "; ".join(c.split(";", 1)[0] for c in cookies))
        )
    start = time.perf_counter()
    ok = failed = 0
    final = {"me_gusta": 0, "no_me_gusta": 0}
    for token, jar in identities:
        states = {}
        for index, value, shown in SCRIPT:
            body = urllib.parse.urlencode(
                {"pagina": page_id, "bloque": blocks[index], "valor": value, "actual": shown}
            )
            status, data, _ = request(
                port,
                "POST",
                "/participa/reaccion/",
                body,
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "application/json",
                    "X-CSRFToken": token,
                    "Cookie": jar,
                    "Origin": f"http://127.0.0.1:{port}",
                },
            )
            if status == 200:
                ok += 1
                states[index] = json.loads(data)["state"]
            else:
                failed += 1
        for state in states.values():
            if state:
                final[state] += 1
    return ok, failed, final, start, time.perf_counter()


def reactions(port, urls):
    manage("election_phase", "campaign", capture=True)
    before = shell(COUNT_REACTIONS)
    per_client = max(1, PARTICIPANTS // CLIENTS)
    jobs = [(port, urls["platform_id"], urls["blocks"], per_client)] * CLIENTS
    rates, failed = [], 0
    expected = dict(before)
    for number in range(1, ROUNDS + 1):
        with mp.Pool(CLIENTS) as pool:
            results = pool.map(participants, jobs)
        ok = sum(r[0] for r in results)
        failed += sum(r[1] for r in results)
        for r in results:
            for value, count in r[2].items():
                expected[value] += count
        elapsed = max(r[4] for r in results) - min(r[3] for r in results)
        rates.append(ok / elapsed)
        print(f"  reactions round {number}: {ok} presses in {elapsed:.1f} s = {rates[-1]:.0f}/s")
    stored = shell(COUNT_REACTIONS)
    return statistics.median(rates), failed, expected, stored


# --- the run -------------------------------------------------------------------


GROUPS = ("reactions", "cached", "uncached")


def wanted(only, name):
    """Whether the target `name` ("home (cached)", "static file", "reactions") is measured."""
    if only is None:
        return True
    if name == "static file":  # the floor of every page's ratio
        return any(part != "reactions" for part in only)
    if name == "reactions":
        return "reactions" in only
    page, _, kind = name.partition(" (")
    return page in only or kind.rstrip(")") in only


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only",
        help="comma-separated parts to measure: reactions, cached, uncached, or page names",
    )
    args = parser.parse_args(argv)
    if args.only is None:
        return None
    only = {part.strip() for part in args.only.split(",") if part.strip()}
    known = {*GROUPS, "static", *PAGE_NAMES}
    if unknown := only - known:
        parser.error(
            f"unknown parts: {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}"
        )
    return only


PAGE_NAMES = (
    "home",
    "municipality",
    "ballot",
    "platform",
    "profile",
    "candidacies",
    "results",
    "geography",
)


def main(argv=None):
    only = parse_args(sys.argv[1:] if argv is None else argv)
    urls = prepare()
    pages = {  # in the order of PAGE_NAMES
        "home": "/",
        "municipality": urls["municipality"],
        "ballot": "/mi-boleta/5169/",
        "platform": urls["platform"],
        "profile": urls["profile"],
        "candidacies": "/candidaturas/?municipio=toluca",
        "results": "/resultados/municipios/toluca/",
        "geography": "/geografia/",
    }
    logs = Path(tempfile.mkdtemp(prefix="decide_load_"))
    cached = uncached = None
    targets, samples, reaction_figures = [], {}, None
    try:
        names = ["static file"]
        names += [f"{name} (cached)" for name in pages]
        names += [f"{name} (uncached)" for name in pages]
        names = [name for name in names if wanted(only, name)]
        if names:
            cached = start_server(PORT, True, logs / "cached.log")
        if any(name.endswith("(uncached)") for name in names) or wanted(only, "reactions"):
            uncached = start_server(UNCACHED_PORT, False, logs / "uncached.log")
        if names:
            status, html, _ = request(PORT, "GET", "/")
            assert status == 200, status
            css = re.search(rb'href="(/static/css/site[^"]+\.css)"', html).group(1).decode()
            for name in names:
                page, _, kind = name.partition(" (")
                if name == "static file":
                    targets.append((name, PORT, css))
                else:
                    port = PORT if kind == "cached)" else UNCACHED_PORT
                    targets.append((name, port, pages[page]))
        print(f"warming up {len(targets)} URLs ...", flush=True)
        for _, port, path in targets:
            wrk(port, path, 1)
        samples = {name: [] for name, _, _ in targets}
        for number in range(1, ROUNDS + 1) if targets else ():
            print(f"round {number}/{ROUNDS} ({len(targets)} x {SECONDS} s) ...", flush=True)
            for name, port, path in targets:
                samples[name].append(wrk(port, path, SECONDS))
        if wanted(only, "reactions"):
            reaction_figures = reactions(UNCACHED_PORT, urls)
    finally:
        stop(cached)
        stop(uncached)
        with contextlib.suppress(subprocess.CalledProcessError):
            manage("election_phase", "results", capture=True)
    return report(targets, samples, reaction_figures)


def median_of(runs, key):
    return statistics.median(run[key] for run in runs)


def report(targets, samples, reaction_figures):
    floor = median_of(samples["static file"], "rate") if "static file" in samples else 0
    failures = []
    print()
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    print(
        f"wrk {CONNECTIONS} connections, {ROUNDS} rounds x {SECONDS} s, medians; "
        f"gunicorn {WORKERS} workers; {database}"
    )
    header = (
        f"{'URL':<26} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'bytes':>8} {'ratio':>7}  budget"
    )
    print(header)
    print("-" * len(header))
    for name, _, _ in targets:
        runs = samples[name]
        rate, p50, p99 = (median_of(runs, k) for k in ("rate", "p50", "p99"))
        size = median_of(runs, "bytes")
        ratio = rate / floor if floor else 0
        budget = ""
        if name.endswith("(cached)"):
            budget = f">= {CACHED_BUDGET}x, p99 < {CACHED_P99_MS:.0f} ms"
            if ratio < CACHED_BUDGET or p99 >= CACHED_P99_MS:
                failures.append(name)
                budget += "  MISSED"
        elif name.endswith("(uncached)") and name.split(" ")[0] in UNCACHED_BUDGET_PAGES:
            budget = f">= {UNCACHED_BUDGET}x"
            if ratio < UNCACHED_BUDGET:
                failures.append(name)
                budget += "  MISSED"
        errors = sum(run["errors"] for run in runs)
        if errors:
            failures.append(f"{name}: {errors} error responses")
            budget += f"  {errors} ERRORS"
        print(
            f"{name:<26} {rate:>8.0f} {p50:>8.1f} {p99:>8.1f} {size:>8.0f} {ratio:>6.2f}x  {budget}"
        )
    if reaction_figures is not None:
        rate, failed, expected, stored = reaction_figures
        exact = stored == expected and failed == 0
        ratio = f"{rate / floor:>6.2f}x" if floor else f"{'-':>7}"
        line = (
            f"{'reaction POSTs':<26} {rate:>8.0f} {'':>8} {'':>8} {'':>8} {ratio}"
            f"  >= {REACTIONS_BUDGET}/s, exact totals"
        )
        if rate < REACTIONS_BUDGET or not exact:
            failures.append("reactions")
            line += "  MISSED"
        print(line)
        print(
            f"reaction totals from the responses {expected}, stored {stored}, "
            f"failed presses {failed}"
        )
    print()
    if failures:
        print("budgets missed: " + "; ".join(failures))
        return 1
    print("every budget met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
