"""Concurrent presses through the whole HTTP stack (test client per thread).

Runs on PostgreSQL (DATABASE_URL=postgres://…) and on SQLite, whose test
database is a file (cms/settings/test.py): Django's in-memory test database
cannot show real concurrency (threads share one connection), so there the
tests fail rather than pass without checking anything.
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from participation.models import Reaction
from tests.participation.conftest import TOPIC, participant_client, press

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

UNLIMITED = {
    "reaction_participant": (100000, 60),
    "reaction_address": (100000, 60),
    "reaction_participant_day": (100000, 86400),
    "cookie_address": (100000, 3600),
    "cookie_address_day": (100000, 86400),
    # Like-stuffing bursts (participation/reactions/abuse.py): these tests press from one
    # address on purpose; the burst limits have tests of their own (test_abuse.py).
    "burst_flag": (100000, 600),
    "burst_refuse": (100000, 600),
    "burst_refuse_day": (100000, 86400),
}


@pytest.fixture(autouse=True)
def _real_concurrency(settings):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.fail("SQLite in-memory test database: threads share one connection")
    settings.PARTICIPATION_LIMITS = UNLIMITED


def run_threads(n, work):
    errors, barrier = [], threading.Barrier(n)

    def runner(i):
        try:
            barrier.wait()
            work(i)
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_identical_presses_from_one_participant_store_one(feedback_page):
    client = Client()
    participant_client(client, feedback_page)
    cookies = client.cookies
    statuses = []

    def work(i):
        c = Client()
        c.cookies = cookies
        for _ in range(20):
            statuses.append(press(c, feedback_page, TOPIC, "me_gusta", current="").status_code)

    run_threads(50, work)
    assert statuses.count(200) == 1000
    assert list(Reaction.objects.values_list("value", flat=True)) == ["me_gusta"]


def test_distinct_participants_store_one_each(feedback_page):
    clients = []
    for _ in range(200):
        c = Client()
        participant_client(c, feedback_page)
        clients.append(c)
    ok = []

    def work(i):
        # 40 threads (PostgreSQL's connection limit is shared), 5 participants each.
        for c in clients[i::40]:
            if press(c, feedback_page, TOPIC, "me_gusta", current="").status_code == 200:
                ok.append(c)

    run_threads(40, work)
    assert len(ok) == 200
    assert Reaction.objects.filter(value="me_gusta").count() == 200
    assert Reaction.objects.values("participant").distinct().count() == 200


def test_switch_and_withdraw_under_concurrency_stay_consistent(feedback_page):
    client = Client()
    participant_client(client, feedback_page)
    cookies = client.cookies
    final_states = []
    lock = threading.Lock()

    def work(i):
        c = Client()
        c.cookies = cookies
        for j in range(10):
            value = "me_gusta" if (i + j) % 2 else "no_me_gusta"
            # Plain-form toggles and JS presses mixed: any order must leave ≤ 1 row.
            if j % 3 == 0:
                r = c.post(
                    "/participa/reaccion/",
                    {"pagina": feedback_page.pk, "bloque": TOPIC, "valor": value},
                    HTTP_ORIGIN="http://testserver",
                )
                assert r.status_code == 302
            else:
                r = press(c, feedback_page, TOPIC, value, current=value if j % 2 else "")
                assert r.status_code == 200
                with lock:
                    final_states.append(r.json()["state"])

    run_threads(40, work)
    rows = list(Reaction.objects.values_list("participant", "value"))
    assert len(rows) <= 1
    assert all(v in ("me_gusta", "no_me_gusta") for _, v in rows)
    # The participant's view agrees with the database.
    state = client.get(f"/participa/estado/?pagina={feedback_page.pk}").json()["reactions"]
    assert state == ({TOPIC: rows[0][1]} if rows else {})
