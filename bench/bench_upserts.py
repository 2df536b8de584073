"""The two hand-written upserts of participation against their ORM equivalents.

participation keeps two `INSERT … ON CONFLICT` statements: the rate-limit
counter (ratelimit._incr_database: count + 1, RETURNING the count) and the
press whose shown state is known (reactions.services._set_state: value and,
only when it changed, updated_at). The ORM has no single statement for
either (bulk_create(update_conflicts=…) cannot add one to a column nor keep
updated_at when the value is the same), so the ORM versions below take a
transaction, an UPDATE with F() and a read (or an insert on the first hit).
This times N increments / presses each way on a fresh SQLite file and fails
when the statement is not at least 1.5x as fast as the ORM; it also prints
the statements per call (the reaction test pins one).
Run: `.venv/bin/python bench/bench_upserts.py` (or `make bench`).
"""

import sys
import time
from datetime import timedelta

from fresh_django import migrated_sqlite_django

N = 3000
MIN_GAIN = 1.5


def main():
    migrated_sqlite_django("bench-upserts-")
    from django.db import IntegrityError, connection, transaction
    from django.db.models import F
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from participation import ratelimit
    from participation.models import RateCounter, Reaction, Target
    from participation.reactions import services

    expires = timezone.now() + timedelta(hours=1)

    def orm_incr(key):
        while True:
            with transaction.atomic():
                if RateCounter.objects.filter(key=key).update(count=F("count") + 1):
                    return RateCounter.objects.filter(key=key).values_list("count", flat=True)[0]
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=key, count=1, expires_at=expires)
                return 1
            except IntegrityError:
                continue

    target = Target.objects.create(page_key=1, block_id="", label="x", page_title="x")

    def orm_set(participant, desired):
        now = timezone.now()
        with transaction.atomic():
            changed = (
                Reaction.objects.filter(participant=participant, target=target)
                .exclude(value=desired)
                .update(value=desired, updated_at=now)
            )
            if (
                not changed
                and not Reaction.objects.filter(participant=participant, target=target).exists()
            ):
                Reaction.objects.create(
                    participant=participant, target=target, value=desired, created_at=now
                )
        return desired

    def timed(label, fn):
        with CaptureQueriesContext(connection) as queries:
            fn(0)
        start = time.perf_counter()
        for i in range(N):
            fn(i)
        seconds = time.perf_counter() - start
        print(f"  {label}: {N / seconds:,.0f}/s, {len(queries)} statements per call")
        return seconds

    values = [Reaction.LIKE, Reaction.DISLIKE]
    results = {
        "counter": (
            timed(
                "counter, INSERT … ON CONFLICT", lambda i: ratelimit._incr_database("a", expires)
            ),
            timed("counter, ORM", lambda i: orm_incr("b")),
        ),
        "press": (
            timed(
                "press, INSERT … ON CONFLICT",
                lambda i: services._set_state("p" * 64, target.pk, values[i % 2]),
            ),
            timed("press, ORM", lambda i: orm_set("q" * 64, values[i % 2])),
        ),
    }
    failed = False
    for name, (statement, orm) in results.items():
        gain = orm / statement
        print(f"  {name}: the statement is {gain:.1f}x as fast as the ORM (budget {MIN_GAIN}x)")
        failed |= gain < MIN_GAIN
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
