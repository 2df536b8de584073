"""Test data for participation: targets, reactions and ideas (factory_boy).

Keyed on natural identifiers, as the database keys them: a target on
(page id, block id), a reaction on (target, participant). Calling a factory
again with the same key returns the existing row. Pages come from the
electoral factories (tests/electoral/factories.py) or the real data.

    target = TargetFactory(page=platform, block_id=TOPIC, label="Seguridad")
    ReactionFactory(target=target, participant="p" * 64, value=Reaction.LIKE)
    IdeaFactory(target=target, text="Más alumbrado", status=Idea.ACCEPTED)
"""

import factory
from django.db import connection
from django.utils import timezone
from factory.django import DjangoModelFactory

from participation.models import Idea, Reaction, Target, text_hash


class TargetFactory(DjangoModelFactory):
    """A target on `page` (the whole page when block_id is "")."""

    class Meta:
        model = Target
        django_get_or_create = ("page_key", "block_id")

    page = None
    page_key = factory.LazyAttribute(lambda o: o.page.pk)
    block_id = ""
    kind = Target.KIND_OTHER
    label = factory.LazyAttribute(lambda o: o.block_id or "Página completa")
    page_title = factory.LazyAttribute(lambda o: o.page.title if o.page else "Página")
    actor_title = ""
    actor_acronym = ""


class ReactionFactory(DjangoModelFactory):
    """One participant's reaction to a target (one per participant and target)."""

    class Meta:
        model = Reaction
        django_get_or_create = ("target", "participant")

    target = factory.SubFactory(TargetFactory)
    participant = factory.Sequence(lambda n: f"{n:064d}")
    value = Reaction.LIKE


def _reason(idea):
    return "spam" if idea.status == Idea.REJECTED else ""


class IdeaFactory(DjangoModelFactory):
    """A citizen's idea on a target; pending unless told (rejected ones get a reason)."""

    class Meta:
        model = Idea

    target = factory.SubFactory(TargetFactory)
    text = factory.Sequence(lambda n: f"Idea de prueba número {n}")
    text_hash = factory.LazyAttribute(lambda o: text_hash(o.text))
    consent_at = factory.LazyFunction(timezone.now)
    status = Idea.PENDING
    reason = factory.LazyAttribute(_reason)


def seed_reactions(target, value, n, prefix="s"):
    """`n` reactions of `value` on `target` in one INSERT … SELECT over a generated
    series (distinct participants: `prefix` and the row's number in 63 digits, cut
    to 64 characters); returns how many were stored. bulk_create built n model
    objects and their parameters in Python first (~1.3 s for the crawl's 26,000)."""
    if n <= 0:
        return 0
    table = connection.ops.quote_name(Reaction._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(c)
        for c in ("target_id", "participant", "value", "created_at", "updated_at")
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    if connection.vendor == "postgresql":
        sql = (
            f"INSERT INTO {table} ({columns}) "
            "SELECT %s, substr(%s::text || lpad(i::text, 63, '0'), 1, 64), %s, %s, %s "
            "FROM generate_series(0, %s::integer - 1) AS i"
        )
    else:
        sql = (
            f"INSERT INTO {table} ({columns}) "
            "WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < %s) "
            "SELECT %s, substr(%s || printf('%%063d', i), 1, 64), %s, %s, %s FROM seq"
        )
    params = [target.pk, prefix, value, now, now]
    params = params + [n] if connection.vendor == "postgresql" else [n, *params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
