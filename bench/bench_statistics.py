"""Counted page views per second (issue 17), through gunicorn + PostgreSQL + Redis.

Starts its own PostgreSQL database (decide_stats_bench, dropped at the end),
gunicorn (production settings + bench/reactions_settings.py) with the
statistics counted in Redis (STATISTICS_REDIS_URL, database 12, emptied first)
and client processes on loopback. It measures:

1. the machine's ceiling with this client: GET /robots.txt (no database);
2. the home page as the origin serves it (a cache miss), counting off;
3. the beacon alone, POST /participa/visita/ as static/js/site.js sends it:
   counted views per second (budget: >= 1,000/s with Redis); then
   `flush_statistics` and the stored count must equal the beacons sent;
4. a page view with counting on, as the origin sees it: the page plus its
   beacon, against (2): the cost counting adds to a cache miss. A cache hit
   (browser, proxy, CDN) costs the origin only the beacon;
5. in-process, the counting call itself with Redis and with the database
   (one upsert): what a counting middleware would add to every request that
   reaches Django — but a middleware never sees the views a cache answers.

BENCH_ROUNDS rounds; the median is judged (the shared machine varies).
"""

import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_reactions import PY  # noqa: E402
from bench_reactions import request as _request  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "8117"))
DB = "decide_stats_bench"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_STATS_REDIS", "redis://127.0.0.1:6379/12")
VIEWS = int(os.environ.get("BENCH_VIEWS", "3000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))
# Three gunicorn workers: production's default (gunicorn.conf.py, WEB_CONCURRENCY).
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
BUDGET = 1000
LOG = "/tmp/decide-bench-statistics-gunicorn.log"
UA = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36"
BEACON_BODY = "ruta=%2Fquitadudas%2F"


def env():
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.reactions_settings",
        "DJANGO_SECRET_KEY": "bench-secret-" + "x" * 40,
        "PARTICIPANT_HASH_KEY": "bench-participant-" + "y" * 40,
        "ADDRESS_HASH_KEY": "bench-address-" + "z" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"{PG}/{DB}",
        "REDIS_URL": REDIS,
        "PYTHONPATH": str(ROOT),
    }


def request(method, path, body=None, headers=None):
    import bench_reactions

    bench_reactions.PORT = PORT
    return _request(method, path, body, headers)


def manage(*args):
    done = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env(), capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def beacon():
    status, _, cookies = request(
        "POST",
        "/participa/visita/",
        BEACON_BODY,
        {"Content-Type": "application/x-www-form-urlencoded", "User-Agent": UA},
    )
    assert status == 204 and not cookies, status
    return 1


def page():
    status, _, cookies = request("GET", "/", headers={"User-Agent": UA})
    assert status == 200 and not cookies, status
    return 1


def worker(args):
    kind, count = args
    steps = {
        "ceiling": lambda: request("GET", "/robots.txt"),
        "page": page,
        "beacon": beacon,
        "page+beacon": lambda: (page(), beacon()),
    }[kind]
    start = time.perf_counter()
    for _ in range(count):
        steps()
    return count, start, time.perf_counter()


def measure(kind, total):
    per = max(1, total // CLIENTS)
    with mp.Pool(CLIENTS) as pool:
        results = pool.map(worker, [(kind, per)] * CLIENTS)
    elapsed = max(r[2] for r in results) - min(r[1] for r in results)
    return sum(r[0] for r in results) / elapsed, sum(r[0] for r in results)


IN_PROCESS = r"""
import time, json
from django.test import override_settings
from participation.statistics import counting
from participation.models import DailyCount
n = 5000
t = time.perf_counter()
for _ in range(n):
    counting.record("/quitadudas/")
redis_us = (time.perf_counter() - t) / n * 1e6
counting.flush()
with override_settings(STATISTICS_REDIS_URL=""):
    t = time.perf_counter()
    for _ in range(2000):
        counting.record("/organos/")
    db_us = (time.perf_counter() - t) / 2000 * 1e6
print(json.dumps({"redis_us": redis_us, "db_us": db_us}))
"""

SETUP = r"""
from home.pagetree import ensure_home_page
ensure_home_page(title="Decide IEEM", intro="Inicio")
import redis, os
redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
"""


def stored_visits():
    out = manage(
        "shell",
        "-c",
        "from participation.models import DailyCount; from django.db.models import Sum; "
        "print(DailyCount.objects.filter(metric='visitas', key='quitadudas')"
        ".aggregate(s=Sum('n'))['s'] or 0)",
    )
    return int(out.strip().splitlines()[-1])


def main():
    subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", DB], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB], check=True)
    server = None
    try:
        manage("migrate", "--noinput", "-v0")
        manage("shell", "-c", SETUP)
        server = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "cms.wsgi", "-b", f"127.0.0.1:{PORT}"]
            + ["-w", str(WORKERS), "--log-level", "warning"],
            cwd=ROOT,
            env=env(),
            # gunicorn.conf.py's access log (production's) goes to a file, not the terminal.
            stdout=open(LOG, "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        for _ in range(100):
            try:
                request("GET", "/robots.txt")
                break
            except OSError:
                time.sleep(0.2)
        ceiling, _ = measure("ceiling", 1800)
        print(f"ceiling of this machine and client: {ceiling:.0f} requests/s (GET /robots.txt)")
        beacons, pages, pairs, sent = [], [], [], 0
        for number in range(1, ROUNDS + 1):
            rate, count = measure("beacon", VIEWS)
            sent += count
            beacons.append(rate)
            pages.append(measure("page", VIEWS // 3)[0])
            rate_pairs, count = measure("page+beacon", VIEWS // 3)
            sent += count
            pairs.append(rate_pairs)
            print(
                f"round {number}: beacons {beacons[-1]:.0f} counted views/s; home page "
                f"(cache miss) {pages[-1]:.0f}/s counting off, {pairs[-1]:.0f}/s with its beacon"
            )
        manage("flush_statistics")
        stored = stored_visits()
        in_process = manage("shell", "-c", IN_PROCESS).strip().splitlines()[-1]
        rate = statistics.median(beacons)
        page_off, page_on = statistics.median(pages), statistics.median(pairs)
        print(
            f"median of {ROUNDS} rounds: {rate:.0f} counted views/s (beacon, Redis); "
            f"cache-miss page views {page_off:.0f}/s off, {page_on:.0f}/s on "
            f"({(1 - page_on / page_off) * 100:.0f}% fewer); {WORKERS} gunicorn workers, "
            f"{CLIENTS} client processes"
        )
        print(f"counting call in process (µs per view): {in_process}")
        print(f"beacons sent: {sent}; stored after flush_statistics: {stored}")
        assert stored == sent, "stored views differ from the beacons sent"
        print(f"budget >= {BUDGET} counted views/s: {'OK' if rate >= BUDGET else 'MISSED'}")
        return 0 if rate >= BUDGET else 1
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", DB])


if __name__ == "__main__":
    sys.exit(main())
