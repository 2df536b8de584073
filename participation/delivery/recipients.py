"""Who receives a package, and which targets go in it.

- A political party (national or local) receives its own targets and those of
  every coalition and candidatura común it is a member of (DESIGN.md §2.7).
- A coalition or candidatura común receives no package of its own: its
  targets go to each member party, marked «de la coalición X».
- An independent candidacy receives its package only if it was elected
  according to the official results (`electoral.results`): the seed's
  «candidatas o candidatos independientes electos».
"""

from dataclasses import dataclass, field

from electoral.parties.models import PoliticalActorPage
from electoral.results.figures import contest_figures
from electoral.results.models import Contest, VoteOption


@dataclass
class Recipient:
    actor: PoliticalActorPage
    receives: bool
    why_not: str = ""
    alliances: list = field(default_factory=list)
    won: list = field(default_factory=list)  # titles of the contests an independent won

    @property
    def actor_ids(self):
        """The actor and the alliances whose targets go in its package."""
        return [self.actor.pk, *(a.pk for a in self.alliances)]


def independents_elected():
    """{independent actor id: [titles of the contests it won]} from the official
    results of the current process (the winner as the results pages show it)."""
    options = VoteOption.objects.filter(
        actor__kind=PoliticalActorPage.KIND_INDEPENDENT,
        contest__in=Contest.objects.current(),
    ).values_list("contest_id", "actor_id", "candidacy")
    wanted = {}
    for contest_id, actor_id, candidacy in options:
        wanted.setdefault(contest_id, []).append((actor_id, candidacy))
    won = {}
    for contest in Contest.objects.filter(pk__in=wanted).with_options():
        figures = contest_figures(contest)
        for actor_id, candidacy in wanted[contest.pk]:
            if figures["ganador_clave"] and figures["ganador_clave"] == candidacy:
                won.setdefault(actor_id, []).append(figures["titulo"])
    return won


def _results_loaded():
    return Contest.objects.current().exists()


def recipient_for(actor, *, elected=None, results_loaded=None):
    """The Recipient of `actor` (a PoliticalActorPage)."""
    if actor.kind in PoliticalActorPage.PARTY_KINDS:
        alliances = list(actor.alliances.order_by("registration_order", "title"))
        return Recipient(actor, True, alliances=alliances)
    if actor.is_alliance:
        members = ", ".join(
            m.acronym or m.title for m in actor.member_parties.order_by("registration_order")
        )
        what = (
            "Las coaliciones"
            if actor.kind == actor.KIND_COALITION
            else ("Las candidaturas comunes")
        )
        return Recipient(
            actor,
            False,
            f"{what} no reciben un paquete propio: lo recibido sobre su plataforma y sus "
            f"candidaturas va en el paquete de cada partido que la integra"
            + (f" ({members})" if members else "")
            + ", con su nombre en la columna «Origen».",
        )
    elected = independents_elected() if elected is None else elected
    if actor.pk in elected:
        return Recipient(actor, True, won=elected[actor.pk])
    loaded = _results_loaded() if results_loaded is None else results_loaded
    if not loaded:
        why = (
            "Aún no hay resultados oficiales cargados: una candidatura independiente recibe su "
            "paquete solo si resultó electa."
        )
    else:
        why = (
            "La candidatura no resultó electa según los resultados oficiales: la entrega a "
            "candidaturas independientes es solo para las electas («candidatas o candidatos "
            "independientes electos»)."
        )
    return Recipient(actor, False, why)


def all_recipients():
    """Every actor, in official registration order, with whether it receives a package."""
    elected = independents_elected()
    loaded = _results_loaded()
    actors = PoliticalActorPage.objects.order_by("registration_order", "title")
    return [recipient_for(a, elected=elected, results_loaded=loaded) for a in actors]
