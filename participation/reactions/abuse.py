"""Like-stuffing: many fresh participant ids from one address bucket on one target.

A participant id costs nothing: a visitor without a cookie gets one from
GET /participa/estado/. A script can therefore ask for a new id before every
press and place one "Me gusta" per id. What bounds it:

1. New ids per address bucket (an IPv4 address, or an IPv6 /64: home/network.py)
   are limited per hour and per day (`cookie_address`, `cookie_address_day`).
2. A press that sets a reaction by a *fresh* id (issued less than
   PARTICIPATION_FRESH_ID_SECONDS ago, one day by default; the issue time is
   signed into the cookie) is counted per target and address bucket:
   - above `burst_flag` (10 in 10 minutes) the reaction is stored but flagged:
     it points to a ReactionBurst row (target, the day's hash of the bucket,
     window, counts), listed in the admin for IEEM moderators;
   - above `burst_refuse` (50 in 10 minutes) or `burst_refuse_day` (200 a day)
     it is refused (429) and the burst counts the refusal.

The trade-off: a school, an office or a mobile carrier's carrier-grade NAT
puts many honest people behind one IPv4 address. They keep working: ids in
use for more than a day are never counted here, fresh ones are only flagged
(still counted in the figures, marked for review) up to the hard limit, and
only a burst on one element beyond it is refused, for the rest of the window.
All limits are settings (PARTICIPATION_LIMITS, PARTICIPATION_FRESH_ID_SECONDS).
"""

from dataclasses import dataclass

from django.db.models import Count, F
from django.db.models.functions import Greatest
from django.utils import timezone

from participation import identity, ratelimit

from .models import Reaction, ReactionBurst

FLAG = "burst_flag"
REFUSE = ("burst_refuse", "burst_refuse_day")


@dataclass
class Verdict:
    target: object
    bucket: str
    presses: int = 0
    flag: bool = False
    refuse: bool = False


def burst_checks(target, bucket, issued_at):
    """The burst limits a press that would set a reaction on `target` counts
    against, for ratelimit.count_all: none when the participant id is not fresh.

    `bucket` is identity.address_hash(request) (the day's hash of the bucket).
    """
    if not identity.is_fresh(issued_at):
        return []
    subject = f"{target.pk}:{bucket}"
    return [(FLAG, subject), *((name, subject) for name in REFUSE)]


def judge(target, bucket, counted):
    """The Verdict on a press from its burst counts (ratelimit.count_all of
    `burst_checks`: [(name, maximum, count), …]). A refused press is recorded
    on its burst at once."""
    counts = {name: (maximum, count) for name, maximum, count in counted}
    maximum, presses = counts[FLAG]
    verdict = Verdict(
        target=target,
        bucket=bucket,
        presses=presses,
        flag=presses > maximum,
        refuse=any(count > limit for limit, count in (counts[name] for name in REFUSE)),
    )
    if verdict.refuse:
        _record(verdict, refused=1)
    return verdict


def check_press(target, bucket, issued_at):
    """Count a press that would set a reaction on `target`; None when the id is not fresh.

    The reaction endpoint counts the burst in the statement of its rate limits
    (`burst_checks`, then `judge`); this is the two in one.
    """
    checks = burst_checks(target, bucket, issued_at)
    if not checks:
        return None
    return judge(target, bucket, ratelimit.count_all(checks))


def mark_stored(verdict, participant, stored):
    """After the press was stored: flag the reaction when its verdict says so."""
    if verdict is None or not verdict.flag or verdict.refuse or stored is None:
        return None
    burst = _record(verdict, flagged=1)
    Reaction.objects.filter(participant=participant, target=verdict.target).update(burst=burst)
    return burst


def _record(verdict, flagged=0, refused=0):
    start = ratelimit.window_start(FLAG)
    now = timezone.now()
    burst, _ = ReactionBurst.objects.get_or_create(
        target=verdict.target,
        bucket=verdict.bucket,
        window_start=start,
        defaults={"window_seconds": ratelimit.limit(FLAG)[1], "first_at": now, "last_at": now},
    )
    ReactionBurst.objects.filter(pk=burst.pk).update(
        presses=Greatest(F("presses"), verdict.presses),
        flagged=F("flagged") + flagged,
        refused=F("refused") + refused,
        last_at=now,
    )
    return burst


# --- figures for the admin and the delivery to parties -----------------------


def flagged_by_target(targets=None):
    """{target id: number of stored reactions flagged in a burst}, targets with any."""
    rows = Reaction.objects.filter(burst__isnull=False)
    if targets is not None:
        rows = rows.filter(target__in=targets)
    return dict(rows.order_by().values_list("target").annotate(n=Count("pk")))


def flagged_by_actor():
    """{actor title: number of its stored reactions flagged in a burst}."""
    rows = (
        Reaction.objects.filter(burst__isnull=False)
        .order_by()
        .values_list("target__actor_title")
        .annotate(n=Count("pk"))
    )
    return {actor or "Sin actor político": n for actor, n in rows}
