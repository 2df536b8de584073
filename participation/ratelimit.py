"""Rate limits shared by every app process.

Fixed-window counters. With a shared cache (Redis when REDIS_URL is set, or
any non-local-memory backend) they live in the cache; with the local-memory
cache (one process only) they live in the database, in RateCounter rows
incremented by a single atomic upsert. Either way several gunicorn workers
see the same counts.

Limits are settings (PARTICIPATION_LIMITS overrides any of DEFAULT_LIMITS):
name -> (max requests, window in seconds).
"""

import contextlib
import time
from datetime import UTC, datetime, timedelta

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection, models
from django.db.models import F
from django.utils import timezone


class RateCounter(models.Model):
    """Fixed-window counters for rate limits, shared by every app process.

    Used when the cache is process-local (no REDIS_URL). Expired rows are
    removed by `manage.py purge_participation`.
    """

    key = models.CharField(max_length=200, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "Contador de límite"
        verbose_name_plural = "Contadores de límite"

    def __str__(self):
        return f"{self.key}: {self.count}"


DEFAULT_LIMITS = {
    # reactions
    "reaction_participant": (30, 60),
    "reaction_address": (300, 60),
    "reaction_participant_day": (400, 86400),
    # ideas
    "idea_participant": (5, 3600),
    "idea_address": (30, 3600),
    # participant cookies (new participant ids) handed out to one address bucket
    # (an IPv4 address or an IPv6 /64)
    "cookie_address": (120, 3600),
    "cookie_address_day": (1000, 86400),
    # presses that set a reaction on one target by fresh participant ids of one
    # address bucket (reactions/abuse.py): above "burst_flag" they are stored and flagged,
    # above "burst_refuse" or "burst_refuse_day" refused
    "burst_flag": (10, 600),
    "burst_refuse": (50, 600),
    "burst_refuse_day": (200, 86400),
    # open data and the read-only API (opendata/), per address bucket
    "open_data_address": (300, 60),
}


def limit(name):
    return {**DEFAULT_LIMITS, **getattr(settings, "PARTICIPATION_LIMITS", {})}[name]


def _uses_database():
    choice = getattr(settings, "PARTICIPATION_RATE_LIMIT_BACKEND", "auto")
    if choice != "auto":
        return choice == "database"
    backend = settings.CACHES["default"]["BACKEND"]
    return backend.endswith(("LocMemCache", "DummyCache"))


def _bounds(seconds, now):
    """(start, end) of the window of `seconds` holding the Unix time `now`.
    Daily windows follow the local calendar day."""
    if seconds >= 86400:
        local = timezone.localtime(datetime.fromtimestamp(now, tz=UTC))
        start = local.replace(hour=0, minute=0, second=0, microsecond=0)
        return start, start + timedelta(days=1)
    start = datetime.fromtimestamp(now // seconds * seconds, tz=UTC)
    return start, start + timedelta(seconds=seconds)


_windows = {}


def _window(seconds, now):
    """(counter key suffix, expiry) of the window of `seconds` holding `now`.

    Remembered per length while `now` stays inside it: every press asks for
    three to six windows, and the daily ones convert to local time.
    """
    known = _windows.get(seconds)
    if known is not None and known[0] <= now < known[1]:
        return known[2], known[3]
    start, end = _bounds(seconds, now)
    suffix = start.strftime("%Y%m%d") if seconds >= 86400 else str(int(now // seconds))
    _windows[seconds] = (start.timestamp(), end.timestamp(), suffix, end)
    return suffix, end


def _incr_database(key, expires_at):
    """Add one to the counter `key` and return its count, in one statement.

    Kept as SQL: the ORM has no single statement that inserts or adds one and
    returns the count; its version (transaction, UPDATE with F(), read, insert
    on the first hit) is 13x slower on SQLite (bench/bench_upserts.py).
    """
    q = connection.ops.quote_name
    table, k, c, e = q(RateCounter._meta.db_table), q("key"), q("count"), q("expires_at")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({k}, {c}, {e}) VALUES (%s, 1, %s) "
            f"ON CONFLICT ({k}) DO UPDATE SET {c} = {table}.{c} + 1 RETURNING {c}",
            [key, connection.ops.adapt_datetimefield_value(expires_at)],
        )
        return cursor.fetchone()[0]


def _incr_database_all(keyed):
    """_incr_database for every counter of a request in one statement (a press
    counts up to six limits; one round trip to the database instead of six).
    Keys must be distinct (one row may be upserted once per statement)."""
    q = connection.ops.quote_name
    table, k, c, e = q(RateCounter._meta.db_table), q("key"), q("count"), q("expires_at")
    values = ", ".join(["(%s, 1, %s)"] * len(keyed))
    params = []
    for key, expires_at in keyed:
        params += [key, connection.ops.adapt_datetimefield_value(expires_at)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({k}, {c}, {e}) VALUES {values} "
            f"ON CONFLICT ({k}) DO UPDATE SET {c} = {table}.{c} + 1 RETURNING {k}, {c}",
            params,
        )
        counts = dict(cursor.fetchall())
    return [counts[key] for key, _ in keyed]


def _incr_cache(key, expires_at):
    """Count in the shared cache with its public API: `add` creates the counter
    with the time to live of its window (only when missing), `incr` adds one
    atomically (Redis INCR keeps that time to live)."""
    timeout = max(1, int((expires_at - timezone.now()).total_seconds()) + 1)
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout)
        return 1


_redis = {}


def _redis_client():
    """A redis-py client on the cache's own Redis (settings.CACHES["default"]),
    or None when the cache is not Redis. Django's cache API takes two round
    trips per counter (`add`, `incr`); a press checks up to six limits, so
    through it a press cost a dozen round trips and the reaction benchmark fell
    from 817/s to 211/s (bench/bench_reactions.py). One pipeline does them all."""
    config = settings.CACHES["default"]
    if not config["BACKEND"].endswith("RedisCache"):
        return None
    location = config["LOCATION"]
    location = location[0] if isinstance(location, (list, tuple)) else location.split(",")[0]
    if location not in _redis:
        _redis[location] = redis.Redis.from_url(location)
    return _redis[location]


def _incr_redis(client, keyed):
    """One round trip for every counter of a request: SET NX creates each with
    the time to live of its window (only when missing), INCR adds one (and
    keeps that time to live). Keys go through the cache's own `make_key`, so
    its KEY_PREFIX and version apply as they did through `cache.incr`."""
    now = timezone.now()
    pipe = client.pipeline(transaction=False)
    for key, expires_at in keyed:
        name = cache.make_key(key)
        timeout = max(1, int((expires_at - now).total_seconds()) + 1)
        pipe.set(name, 0, ex=timeout, nx=True)
        pipe.incr(name)
    replies = pipe.execute()
    return replies[1::2]


def window_start(name, now=None):
    """When the current window of limit `name` began (an aware datetime)."""
    return _bounds(limit(name)[1], time.time() if now is None else now)[0]


def hit_all(checks):
    """Count one request against several limits: [(name, subject), …].

    Returns the name of the first limit exceeded, or None.
    """
    for name, maximum, count in count_all(checks):
        if count > maximum:
            return name
    return None


def _keyed(checks, now):
    keyed = []
    for name, subject in checks:
        maximum, seconds = limit(name)
        window, expires_at = _window(seconds, now)
        keyed.append((name, maximum, f"rl:{name}:{subject}:{window}", expires_at))
    return keyed


def count_all(checks, now=None):
    """Count one request against several limits: [(name, maximum, count now), …].

    `now` (a Unix time, default the present) picks the windows; pass the same
    one to `uncount_all` to take the request back from the same counters.
    """
    keyed = _keyed(checks, time.time() if now is None else now)
    if _uses_database():
        pairs = [(key, expires) for _, _, key, expires in keyed]
        if len(pairs) > 1 and len({key for key, _ in pairs}) == len(pairs):
            counts = _incr_database_all(pairs)
        else:
            counts = [_incr_database(key, expires) for key, expires in pairs]
    elif (client := _redis_client()) is not None:
        counts = _incr_redis(client, [(key, expires) for _, _, key, expires in keyed])
    else:
        counts = [_incr_cache(key, expires) for _, _, key, expires in keyed]
    return [
        (name, maximum, int(count))
        for (name, maximum, _, _), count in zip(keyed, counts, strict=True)
    ]


def uncount_all(checks, now):
    """Take back one request counted by `count_all(checks, now)`.

    For counters that only count requests let through by other limits: a
    reaction press counts its rate limits and its burst (reactions/abuse.py)
    in one statement, and a press the rate limits refuse is taken back from
    its burst. A counter that expired meanwhile stays gone.
    """
    keys = [key for _, _, key, _ in _keyed(checks, now)]
    if not keys:
        return
    if _uses_database():
        RateCounter.objects.filter(key__in=keys, count__gt=0).update(count=F("count") - 1)
    elif (client := _redis_client()) is not None:
        client.eval(_DECR_EXISTING, len(keys), *(cache.make_key(key) for key in keys))
    else:
        for key in keys:
            with contextlib.suppress(ValueError):  # expired: nothing to take back
                cache.decr(key)


# DECR only the counters that still exist (DECR on a missing key would create
# one without a time to live).
_DECR_EXISTING = """
for _, name in ipairs(KEYS) do
  if redis.call('EXISTS', name) == 1 then redis.call('DECR', name) end
end
return 0
"""


def hit(name, subject):
    """Count one request of `subject` against limit `name`; True when within it."""
    return hit_all([(name, subject)]) is None


def purge_expired():
    return RateCounter.objects.filter(expires_at__lt=timezone.now()).delete()[0]
