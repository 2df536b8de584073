"""The rules of reactions, independent of HTTP: one reaction per participant
and target, also under concurrency."""

import hashlib
import time

from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone

from .models import Reaction

UNKNOWN = object()
VALUES = {Reaction.LIKE, Reaction.DISLIKE}
VALUE_LABELS = dict(Reaction.VALUE_CHOICES)


class Busy(Exception):
    """The database stayed locked; the client may try again."""


def react(participant, target, value, current=UNKNOWN):
    """Press `value` on `target` for `participant`; return the stored state.

    `current` is the state the client showed when the button was pressed
    (None, "me_gusta" or "no_me_gusta"): pressing the button that was shown
    pressed withdraws the reaction, any other press sets `value`. Repeating a
    request is therefore harmless (idempotent). Without it (plain HTML forms,
    which cannot know the state) the stored state is used: a toggle.

    The row is read under a lock (SELECT … FOR UPDATE on PostgreSQL; SQLite
    transactions take the write lock at BEGIN) and the unique constraint
    guarantees one row per participant and target: a concurrent request that
    wins the insert race makes ours fail with IntegrityError, and we redo the
    decision against its row.
    """
    if value not in VALUES:
        raise ValueError(value)
    if current is not UNKNOWN:
        return _set_state(participant, target.pk, None if current == value else value)
    for attempt in range(8):
        try:
            with transaction.atomic():
                _lock_pair(participant, target.pk)
                row = (
                    Reaction.objects.select_for_update()
                    .filter(participant=participant, target=target)
                    .first()
                )
                stored = row.value if row else None
                seen = stored if current is UNKNOWN else current
                desired = None if seen == value else value
                if desired == stored:
                    return stored
                if desired is None:
                    row.delete()
                    return None
                now = timezone.now()
                if row is not None:
                    row.value = desired
                    row.updated_at = now
                    row.save(update_fields=["value", "updated_at"])
                else:
                    Reaction.objects.create(
                        participant=participant,
                        target=target,
                        value=desired,
                        created_at=now,
                        updated_at=now,
                    )
                return desired
        except IntegrityError:
            continue  # lost the insert race: decide again against the winner's row
        except OperationalError:  # lock timeout or deadlock: back off, try again
            time.sleep(0.02 * (attempt + 1))
    raise Busy()


def _set_state(participant, target_id, desired):
    """Store `desired` (a value, or None to withdraw) in one autocommit statement.

    When the client said which state it showed, the outcome does not depend on
    the stored row, so no read and no lock are needed: an upsert
    (INSERT … ON CONFLICT (participant, target) DO UPDATE) or a DELETE. The
    database applies each atomically against the unique constraint, so any
    number of concurrent identical presses leave exactly one row, and the
    last of several different presses wins. One round trip instead of five
    (BEGIN, lock, SELECT … FOR UPDATE, write, COMMIT). Kept as SQL: the ORM
    cannot keep updated_at when the value is the same in one statement
    (bulk_create(update_conflicts=…) overwrites it); its version is 8x slower
    on SQLite (bench/bench_upserts.py).
    """
    q = connection.ops.quote_name
    table = q(Reaction._meta.db_table)
    participant_col, target_col = q("participant"), q("target_id")
    for attempt in range(8):
        try:
            with connection.cursor() as cursor:
                if desired is None:
                    cursor.execute(
                        f"DELETE FROM {table} WHERE {participant_col} = %s AND {target_col} = %s",
                        [participant, target_id],
                    )
                    return None
                value_col, created, updated = q("value"), q("created_at"), q("updated_at")
                now = connection.ops.adapt_datetimefield_value(timezone.now())
                cursor.execute(
                    f"INSERT INTO {table} ({target_col}, {participant_col}, {value_col}, "
                    f"{created}, {updated}) VALUES (%s, %s, %s, %s, %s) "
                    f"ON CONFLICT ({participant_col}, {target_col}) DO UPDATE SET "
                    f"{value_col} = EXCLUDED.{value_col}, {updated} = CASE WHEN "
                    f"{table}.{value_col} = EXCLUDED.{value_col} THEN {table}.{updated} "
                    f"ELSE EXCLUDED.{updated} END",
                    [target_id, participant, desired, now, now],
                )
                return desired
        except OperationalError:  # SQLite busy beyond its timeout: back off, try again
            time.sleep(0.02 * (attempt + 1))
    raise Busy()


def _lock_pair(participant, target_id):
    """Serialise presses of one participant on one target (PostgreSQL).

    SELECT … FOR UPDATE cannot lock a row that does not exist yet, so
    concurrent first presses (or a press racing a withdrawal) would otherwise
    resolve through unique-violation retries. A transaction-scoped advisory
    lock on the pair makes them queue instead. SQLite needs nothing: its
    IMMEDIATE transactions already hold the database write lock.
    """
    if connection.vendor != "postgresql":
        return
    digest = hashlib.blake2b(f"{participant}:{target_id}".encode(), digest_size=8).digest()
    key = int.from_bytes(digest, "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def states_for(participant, page_id):
    """{block_id: value} of the participant's reactions on one page."""
    rows = Reaction.objects.filter(participant=participant, target__page_key=page_id).values_list(
        "target__block_id", "value"
    )
    return dict(rows)


def result_message(state, previous_value=None):
    if state is None:
        return "Retiraste tu reacción."
    return f"Registramos tu «{VALUE_LABELS[state]}». Si lo pulsas de nuevo, lo retiras."
