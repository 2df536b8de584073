"""What a page type declares to receive citizen participation (reactions, ideas).

Page types of any app implement `ParticipationTarget`; the `participation` app
asks them through it and never guesses from class names. The interface lives
in `home` because `electoral` (the pages) must not import `participation`.

The kinds are the values stored in participation's Target.kind.
"""

PLATFORM = "plataforma"  # a whole platform
TOPIC = "tema"  # one topic section of a platform
PROFILE = "perfil"  # a whole candidate profile
PROPOSAL = "propuesta"  # one proposal of a candidate profile
OTHER = "otro"


class ParticipationTarget:
    """Mixin of a page type whose page, or blocks of it, receive participation.

    - `feedback_targets()`: [(block id, label)], "" being the whole page; only
      these may receive reactions and ideas.
    - `participation_kind(block_id)`: one of the kinds above.
    - `participation_actor()`: the political actor page the participation is
      delivered to, or None.
    - `participation_order()`: the actor's official order (for reports), or None.
    """

    whole_page_kind = OTHER
    block_kind = OTHER

    def feedback_targets(self):
        return []

    def participation_kind(self, block_id):
        return self.block_kind if block_id else self.whole_page_kind

    def participation_actor(self):
        return None

    def participation_order(self):
        return None


def is_participation_target(page):
    return isinstance(page, ParticipationTarget)
