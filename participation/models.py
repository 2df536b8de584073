"""Reactions ("Me gusta" / "No me gusta") and citizen ideas.

A participant is never a user account: it is the keyed hash (HMAC) of a long
random token kept in a first-party cookie (see identity.py). A network address
is never stored raw either; ideas keep only its hash under a secret that
rotates every day (AddressSalt), so hashes of different days cannot be linked
once old secrets are purged.

What citizens react to is a Target: a page (platform or candidate profile)
plus a StreamField block id ("" = the whole page). Targets keep the page id
and a snapshot of their label and actor, so reactions and ideas survive the
edit or deletion of the block or page they were about.
"""

# The models live with their area (reactions/, ideas/) or with the shared
# infrastructure (targets, rate limiter, identity); this module only gathers
# them, so the app label, tables and migrations stay.
from .delivery.models import DeliveryPackage
from .ideas.models import Idea, text_hash
from .identity import AddressSalt
from .ratelimit import RateCounter
from .reactions.models import Reaction, ReactionBurst
from .statistics.models import DailyCount
from .targets import Target

__all__ = [
    "Target",
    "Reaction",
    "ReactionBurst",
    "Idea",
    "RateCounter",
    "AddressSalt",
    "DeliveryPackage",
    "DailyCount",
    "text_hash",
]
