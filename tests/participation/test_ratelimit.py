"""Shared rate limits: Redis and other shared caches (public cache API), the database."""

import threading
import time
import uuid

import pytest
from django.core.cache import caches
from django.db import connection, connections

from participation import ratelimit
from participation.models import RateCounter
from tests.helpers.redis import require_redis

REDIS_URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def redis_cache(settings):
    require_redis()
    prefix = f"test-{uuid.uuid4().hex}"  # parallel test workers never share keys
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    settings.PARTICIPATION_RATE_LIMIT_BACKEND = "auto"
    settings.PARTICIPATION_LIMITS = {"reaction_participant": (3, 60), "idea_address": (2, 3600)}
    yield caches["default"]
    client = caches["default"]._cache.get_client(None, write=True)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def test_redis_counts_each_subject_and_names_the_exceeded_limit(redis_cache):
    checks = [("reaction_participant", "ana"), ("idea_address", "red-1")]
    assert [ratelimit.hit_all(checks) for _ in range(2)] == [None, None]
    assert ratelimit.hit_all(checks) == "idea_address"  # third request: 2 per hour
    assert ratelimit.hit_all(checks) == "reaction_participant"  # fourth: 3 per minute
    assert ratelimit.hit("reaction_participant", "beto") is True  # another subject


def test_redis_counters_expire_with_their_window(redis_cache, db):
    # Fixed windows on the clock: a counter lives until its window ends (+1 s).
    minute_left, hour_left = 60 - int(time.time()) % 60, 3600 - int(time.time()) % 3600
    ratelimit.hit_all([("reaction_participant", "ana"), ("idea_address", "red-1")])
    client = redis_cache._cache.get_client(None, write=True)
    own = client.scan_iter(f"{redis_cache.key_prefix}:*")
    ttls = {key.decode().split(":")[3]: client.ttl(key) for key in own}
    assert set(ttls) == {"reaction_participant", "idea_address"}
    # (a window may end between reading the clock and the write: then the next one's)
    assert (
        abs(ttls["reaction_participant"] - (minute_left + 1)) <= 2
        or ttls["reaction_participant"] >= 59
    )
    assert abs(ttls["idea_address"] - (hour_left + 1)) <= 2 or ttls["idea_address"] >= 3599
    assert not RateCounter.objects.exists()  # Redis, not the database


def test_redis_takes_a_request_back_from_the_counters_that_still_exist(redis_cache):
    checks = [("reaction_participant", "ana"), ("idea_address", "red-1")]
    now = time.time()
    ratelimit.count_all(checks, now=now)
    ratelimit.count_all(checks, now=now)
    client = redis_cache._cache.get_client(None, write=True)
    client.delete(redis_cache.make_key(f"rl:idea_address:red-1:{int(now // 3600)}"))
    ratelimit.uncount_all(checks, now)
    assert ratelimit.count_all(checks, now=now) == [
        ("reaction_participant", 3, 2),
        ("idea_address", 2, 1),  # expired meanwhile: counts afresh, never from -1
    ]
    own = list(client.scan_iter(f"{redis_cache.key_prefix}:*"))
    assert len(own) == 2 and all(0 < client.ttl(key) <= 3601 for key in own)


def test_database_takes_a_request_back(settings, db):
    settings.PARTICIPATION_RATE_LIMIT_BACKEND = "database"
    settings.PARTICIPATION_LIMITS = {"reaction_participant": (3, 60)}
    now = time.time()
    checks = [("reaction_participant", "ana"), ("reaction_participant", "bea")]
    for _ in range(2):
        ratelimit.count_all(checks, now=now)
    ratelimit.uncount_all(checks[:1], now)
    assert ratelimit.count_all(checks, now=now) == [
        ("reaction_participant", 3, 2),
        ("reaction_participant", 3, 3),
    ]


def test_redis_counts_are_shared_by_concurrent_processes(redis_cache):
    """Threads have separate cache backends, like separate worker processes."""
    barrier, results = threading.Barrier(8), []

    def work():
        barrier.wait()
        results.extend(ratelimit.hit("reaction_participant", "ana") for _ in range(5))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(True) == 3 and results.count(False) == 37


@pytest.mark.django_db(transaction=True)
def test_database_counters_are_shared_and_exact(settings):
    settings.PARTICIPATION_RATE_LIMIT_BACKEND = "database"
    settings.PARTICIPATION_LIMITS = {"reaction_participant": (3, 60)}
    results = [ratelimit.hit("reaction_participant", "ana") for _ in range(5)]
    assert results == [True, True, True, False, False]
    (row,) = RateCounter.objects.all()
    assert row.count == 5 and row.key.startswith("rl:reaction_participant:ana:")
    connections.close_all()


def test_database_counts_several_limits_of_a_request_in_one_statement(settings, db):
    settings.PARTICIPATION_RATE_LIMIT_BACKEND = "database"
    settings.PARTICIPATION_LIMITS = {"reaction_participant": (3, 60), "reaction_address": (2, 60)}
    checks = [("reaction_participant", "ana"), ("reaction_address", "casa")]
    statements = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        first = ratelimit.count_all(checks)
    assert first == [("reaction_participant", 3, 1), ("reaction_address", 2, 1)]
    assert len(statements) == 1
    assert ratelimit.hit_all(checks) is None
    assert ratelimit.hit_all(checks) == "reaction_address"  # the address's third
    assert ratelimit.count_all([("reaction_participant", "bea")] + checks) == [
        ("reaction_participant", 3, 1),
        ("reaction_participant", 3, 4),
        ("reaction_address", 2, 4),
    ]
    counts = {row.key.split(":")[2]: row.count for row in RateCounter.objects.all()}
    assert counts == {"ana": 4, "casa": 4, "bea": 1}


def test_window_start_is_the_start_of_the_window_that_holds_the_given_time():
    from datetime import UTC, datetime

    from django.utils import timezone

    # 10-minute window (burst_flag): aligned on the Unix epoch, in UTC.
    now = datetime(2027, 5, 30, 14, 37, 12, tzinfo=UTC).timestamp()
    assert ratelimit.window_start("burst_flag", now=now) == datetime(
        2027, 5, 30, 14, 30, tzinfo=UTC
    )
    # Daily window: local midnight (America/Mexico_City, UTC-6) of that moment,
    # so 03:00 UTC on the 31st still falls in the local day of the 30th.
    late = datetime(2027, 5, 31, 3, 0, tzinfo=UTC).timestamp()
    start = ratelimit.window_start("burst_refuse_day", now=late)
    assert timezone.localtime(start).date().isoformat() == "2027-05-30"
    assert (timezone.localtime(start).hour, timezone.localtime(start).minute) == (0, 0)
