"""Rate limits shared by every app process.

Fixed-window counters. With a shared cache (Redis when REDIS_URL is set, or
any non-local-memory backend) they live in the cache; with the local-memory
cache (one process only) they live in the database, in RateCounter rows
incremented by a single atomic upsert. Either way several gunicorn workers
see the same counts.

Limits are settings (PARTICIPATION_LIMITS overrides any of DEFAULT_LIMITS):
name -> (max requests, window in seconds).
"""

import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from django.utils import timezone

DEFAULT_LIMITS = {
    # reactions
    "reaction_participant": (30, 60),
    "reaction_address": (300, 60),
    "reaction_participant_day": (400, 86400),
    # ideas
    "idea_participant": (5, 3600),
    "idea_address": (30, 3600),
    # participant cookies handed out to one address
    "cookie_address": (120, 3600),
}


def limit(name):
    return {**DEFAULT_LIMITS, **getattr(settings, "PARTICIPATION_LIMITS", {})}[name]


def _uses_database():
    choice = getattr(settings, "PARTICIPATION_RATE_LIMIT_BACKEND", "auto")
    if choice != "auto":
        return choice == "database"
    backend = settings.CACHES["default"]["BACKEND"]
    return backend.endswith(("LocMemCache", "DummyCache"))


def _window(seconds, now):
    if seconds >= 86400:
        # Daily windows follow the local calendar day.
        local = timezone.localtime(timezone.now())
        start = local.replace(hour=0, minute=0, second=0, microsecond=0)
        return start.strftime("%Y%m%d"), start + timedelta(days=1)
    number = int(now // seconds)
    expires = timezone.now() + timedelta(seconds=seconds - (now % seconds))
    return str(number), expires


def _incr_database(key, expires_at):
    from .models import RateCounter

    q = connection.ops.quote_name
    table, k, c, e = q(RateCounter._meta.db_table), q("key"), q("count"), q("expires_at")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({k}, {c}, {e}) VALUES (%s, 1, %s) "
            f"ON CONFLICT ({k}) DO UPDATE SET {c} = {table}.{c} + 1 RETURNING {c}",
            [key, connection.ops.adapt_datetimefield_value(expires_at)],
        )
        return cursor.fetchone()[0]


def _incr_cache(key, expires_at):
    timeout = max(1, int((expires_at - timezone.now()).total_seconds()) + 1)
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout)
        return 1


def _redis_client():
    """The raw client of Django's RedisCache, or None for other backends."""
    backend = caches["default"]
    if type(backend).__name__ != "RedisCache":
        return None
    return backend._cache.get_client(None, write=True)


def hit_all(checks):
    """Count one request against several limits: [(name, subject), …].

    Returns the name of the first limit exceeded, or None. With Redis all
    counters go in one pipelined round trip (INCR + EXPIRE NX each).
    """
    now = time.time()
    keyed = []
    for name, subject in checks:
        maximum, seconds = limit(name)
        window, expires_at = _window(seconds, now)
        keyed.append((name, maximum, f"rl:{name}:{subject}:{window}", expires_at))
    if _uses_database():
        counts = [_incr_database(key, expires) for _, _, key, expires in keyed]
    else:
        client = _redis_client()
        if client is not None:
            pipe = client.pipeline(transaction=False)
            for _, _, key, expires in keyed:
                full = cache.make_and_validate_key(key)
                ttl = max(1, int((expires - timezone.now()).total_seconds()) + 1)
                pipe.incr(full)
                pipe.expire(full, ttl, nx=True)
            counts = pipe.execute()[::2]
        else:
            counts = [_incr_cache(key, expires) for _, _, key, expires in keyed]
    for (name, maximum, _, _), count in zip(keyed, counts, strict=True):
        if int(count) > maximum:
            return name
    return None


def hit(name, subject):
    """Count one request of `subject` against limit `name`; True when within it."""
    return hit_all([(name, subject)]) is None


def purge_expired():
    from .models import RateCounter

    return RateCounter.objects.filter(expires_at__lt=timezone.now()).delete()[0]
