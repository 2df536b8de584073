"""Reactions per second through gunicorn + PostgreSQL on loopback.

Starts its own PostgreSQL database (decide_part_bench, dropped at the end),
gunicorn (production settings + bench/reactions_settings.py, Redis cache when
REDIS_URL is set or a local Redis answers) and client processes. Every
participant first gets its cookie and CSRF token from /participa/estado/
(not timed), then makes the five presses of SCRIPT (like three targets,
switch one, withdraw one; timed), as the page's JavaScript sends them.
BENCH_ROUNDS rounds of BENCH_PARTICIPANTS new participants each; the median
round is judged, since the machine's own speed varies from run to run (the
GET /robots.txt ceiling printed first shows by how much). At the end the
stored likes and dislikes must equal the totals implied by the successful
responses. Budget (issue 7): >= 500 reactions/s on 2 cores.
"""

import json
import multiprocessing as mp
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv/bin/python")
PORT = int(os.environ.get("BENCH_PORT", "8105"))
DB = "decide_part_bench"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PARTICIPANTS = int(os.environ.get("BENCH_PARTICIPANTS", "1200"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "6"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 2))))
BUDGET = 500


def env():
    e = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.reactions_settings",
        "DJANGO_SECRET_KEY": "bench-secret-" + "x" * 40,
        # Production settings require their own keys for the participant and
        # address hashes (issue 13); bench-only values.
        "PARTICIPANT_HASH_KEY": "bench-participant-" + "p" * 40,
        "ADDRESS_HASH_KEY": "bench-address-" + "a" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"{PG}/{DB}",
        "PYTHONPATH": str(ROOT),
    }
    if "REDIS_URL" not in e:
        try:
            socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
            e["REDIS_URL"] = "redis://127.0.0.1:6379/15"
        except OSError:
            pass
    return e


SETUP = r"""
import json
from home.calendar import dates_for_phase
from home.models import ElectionCalendar
from home.pagetree import ensure_child, ensure_home_page
from electoral.models import PartiesIndexPage, PlatformPage, PoliticalActorPage, Topic
from django.core.cache import cache

cache.clear()
cal = ElectionCalendar.load(); cal.apply(dates_for_phase("campaign")); cal.save()
home, _ = ensure_home_page(title="Decide IEEM", intro="Inicio")
index, _ = ensure_child(home, PartiesIndexPage, "partidos", title="Partidos")
actor, _ = ensure_child(index, PoliticalActorPage, "bench", title="Partido de banco",
    kind=PoliticalActorPage.KIND_NATIONAL_PARTY, acronym="BENCH", full_name="Partido de banco",
    registration_order=1, registry_key="bench", ballot_label="BENCH")
topics = [Topic.objects.get_or_create(name=f"Tema {i}", defaults={"slug": f"tema-{i}"})[0]
          for i in range(3)]
body = [{"type": "topic_section", "value": {"topic": t.id, "title": t.name, "text": "<p>x</p>",
         "document": None}} for t in topics]
page, _ = ensure_child(actor, PlatformPage, "plataforma", title="Plataforma de banco",
    body=json.dumps(body))
print(json.dumps({"page": page.pk, "blocks": [b for b, _ in page.feedback_targets()]}))
"""


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, cwd=ROOT, env=env(), **kw)


def request(method, path, body=None, headers=None):
    """One HTTP/1.1 request on a fresh connection, with a minimal client.

    http.client parses response headers with the email package, which costs
    more CPU than the server spends on a reaction; on a 2-core machine the
    client shares the cores with the server, so a lean client measures the
    server instead of itself. gunicorn's sync workers close the connection
    after each response, so the response is read until EOF.
    """
    body = (body or "").encode()
    head = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{PORT}", "Connection: close"]
    head += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if body:
        head.append(f"Content-Length: {len(body)}")
    with socket.create_connection(("127.0.0.1", PORT), timeout=30) as conn:
        conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    raw = b"".join(chunks)
    header_block, _, data = raw.partition(b"\r\n\r\n")
    lines = header_block.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    cookies = [
        line.split(":", 1)[1].strip()
        for line in lines[1:]
        if line.lower().startswith("set-cookie:")
    ]
    return status, data, cookies


def get_identity(page_id):
    status, data, cookies = request("GET", f"/participa/estado/?pagina={page_id}")
    assert status == 200, status
    jar = "; ".join(c.split(";", 1)[0] for c in cookies)
    return json.loads(data)["csrfToken"], jar


# Each participant's presses: (block index, value, state shown before the press).
# Like three targets, switch the first to "No me gusta", withdraw the second:
# ends with one dislike, nothing, one like.
SCRIPT = [
    (0, "me_gusta", ""),
    (1, "me_gusta", ""),
    (2, "me_gusta", ""),
    (0, "no_me_gusta", "me_gusta"),
    (1, "me_gusta", "me_gusta"),
]


def client(args):
    page_id, blocks, count = args
    identities = [get_identity(page_id) for _ in range(count)]
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
                "POST",
                "/participa/reaccion/",
                body,
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "application/json",
                    "X-CSRFToken": token,
                    "Cookie": jar,
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


def baseline(count):
    """Same client, same server: GET /robots.txt (no database), for the machine's ceiling."""
    start = time.perf_counter()
    for _ in range(count):
        request("GET", "/robots.txt")
    return count, start, time.perf_counter()


def main():
    subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", DB], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB], check=True)
    server = None
    try:
        run([PY, "manage.py", "migrate", "--noinput", "-v0"])
        out = run([PY, "manage.py", "shell", "-c", SETUP], capture_output=True, text=True).stdout
        target = json.loads(out.strip().splitlines()[-1])
        server = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "cms.wsgi",
                "-b",
                f"127.0.0.1:{PORT}",
                "-w",
                str(WORKERS),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env(),
        )
        for _ in range(100):
            try:
                request("GET", "/robots.txt")
                break
            except OSError:
                time.sleep(0.2)
        with mp.Pool(CLIENTS) as pool:
            base = pool.map(baseline, [300] * CLIENTS)
        base_rate = sum(b[0] for b in base) / (max(b[2] for b in base) - min(b[1] for b in base))
        print(f"ceiling of this machine and client: {base_rate:.0f} requests/s (GET /robots.txt)")
        per_client = PARTICIPANTS // CLIENTS
        jobs = [(target["page"], target["blocks"][1:], per_client)] * CLIENTS
        rates, ok, failed = [], 0, 0
        expected = {"me_gusta": 0, "no_me_gusta": 0}
        for number in range(1, ROUNDS + 1):
            with mp.Pool(CLIENTS) as pool:
                results = pool.map(client, jobs)
            round_ok = sum(r[0] for r in results)
            failed += sum(r[1] for r in results)
            for r in results:
                for value, count in r[2].items():
                    expected[value] += count
            elapsed = max(r[4] for r in results) - min(r[3] for r in results)
            ok += round_ok
            rates.append(round_ok / elapsed)
            print(
                f"round {number}: {round_ok} presses by {per_client * CLIENTS} participants "
                f"in {elapsed:.1f}s = {rates[-1]:.0f} reactions/s"
            )
        stored = json.loads(
            run(
                [
                    PY,
                    "manage.py",
                    "shell",
                    "-c",
                    "import json; from participation.models import Reaction; "
                    "print(json.dumps({v: Reaction.objects.filter(value=v).count() "
                    "for v in ('me_gusta', 'no_me_gusta')}))",
                ],
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        rate = statistics.median(rates)
        print(
            f"median of {ROUNDS} rounds: {rate:.0f} reactions/s ({ok} ok, {failed} failed; "
            f"{WORKERS} gunicorn workers, {CLIENTS} client processes, "
            f"cache: {'redis' if env().get('REDIS_URL') else 'database'})"
        )
        print(f"totals from the responses: {expected}; stored: {stored}")
        assert stored == expected, "stored reactions differ from the successful responses"
        assert failed == 0, "some presses failed"
        print(f"budget >= {BUDGET}/s: {'OK' if rate >= BUDGET else 'MISSED'}")
        return 0 if rate >= BUDGET else 1
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", DB])


if __name__ == "__main__":
    sys.exit(main())
