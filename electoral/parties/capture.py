"""How much of its candidates' information each actor has published.

The public figure («Información publicada por el partido: 12 de 125
perfiles (10 %)») counts, for every actor alike, the candidacies that head a
formula or slate for it (presidencias municipales, district majority
formulas) and, among them, those with a *live* profile page. Drafts and
pages waiting for IEEM's review never count. It is a figure about the
parties' publishing, not about citizen participation: public by design.

One query for every actor together (a grouped count over the head
candidacies), whatever the number of actors or candidacies.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from electoral.parties.candidacies import Candidacy


@dataclass(frozen=True)
class PublishedProfiles:
    published: int
    total: int

    @property
    def percent(self):
        """Whole percent, rounded half up (12 of 125 -> 10)."""
        if not self.total:
            return 0
        return (200 * self.published + self.total) // (2 * self.total)

    @property
    def missing(self):
        return self.total - self.published

    @property
    def label(self):
        noun = "perfil" if self.total == 1 else "perfiles"
        return f"{self.published} de {self.total} {noun} ({self.percent} %)"


EMPTY = PublishedProfiles(0, 0)


def published_profiles(actor_ids=None):
    """{actor_id: PublishedProfiles} from live pages; one query.

    Actors without head candidacies are absent (use `.get(pk, EMPTY)`).
    """
    queryset = Candidacy.objects.heads()
    if actor_ids is not None:
        queryset = queryset.filter(actor_id__in=list(actor_ids))
    rows = (
        queryset.order_by()
        .values("actor_id")
        .annotate(total=Count("id"), published=Count("id", filter=Q(profile__live=True)))
    )
    return {row["actor_id"]: PublishedProfiles(row["published"], row["total"]) for row in rows}


def attach_published_profiles(actors):
    """Set `actor.published_profiles` on each actor (one query for all)."""
    actors = list(actors)
    figures = published_profiles([a.pk for a in actors])
    for actor in actors:
        actor.published_profiles = figures.get(actor.pk, EMPTY)
    return actors


# Values of the /candidaturas/ filter «perfil» (candidacies with or without
# a published profile; only heads of a formula or slate have one).
PROFILE_FILTER_CHOICES = [
    ("", "Todas"),
    ("con", "Encabezan y tienen perfil publicado"),
    ("sin", "Encabezan y no tienen perfil publicado"),
]


def filter_by_profile(queryset, value):
    if value == "con":
        return queryset.filter(is_head=True, profile__live=True)
    if value == "sin":
        return queryset.filter(is_head=True).exclude(profile__live=True)
    return queryset
