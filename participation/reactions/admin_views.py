"""Admin for IEEM staff: the per-target reactions report and the flagged bursts.

Everything here needs a participation permission; party editors hold none,
so they never see participation data (DESIGN.md section 3).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.views.generic import TemplateView

from participation.models import Idea, Reaction, ReactionBurst, Target
from participation.targets import actor_choices

REPORT_PERMISSION = "participation.view_reaction"
BURSTS_PERMISSION = "participation.view_reactionburst"
BURSTS_SHOWN = 200


def _count(model, **filters):
    """Correlated COUNT of `model` rows of the outer target (0 when none).

    One subquery per figure, each answered from an index on the target: joining
    reactions and ideas in one query would count over reactions x ideas rows
    (bench/bench_participation_admin.py: 15 s for 60,000 reactions and 3,000
    ideas that way).
    """
    rows = (
        model.objects.filter(target=OuterRef("pk"), **filters)
        .order_by()
        .values("target")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows[:1]), 0)


def reactions_report_queryset(actor=""):
    qs = Target.objects.annotate(
        likes=_count(Reaction, value=Reaction.LIKE),
        dislikes=_count(Reaction, value=Reaction.DISLIKE),
        ideas_pending=_count(Idea, status=Idea.PENDING),
        ideas_accepted=_count(Idea, status=Idea.ACCEPTED),
        ideas_rejected=_count(Idea, status=Idea.REJECTED),
        flagged=_count(Reaction, burst__isnull=False),
    ).order_by("actor_order", "actor_title", "page_key", "kind", "id")
    if actor:
        qs = qs.filter(actor_title=actor)
    return qs


class ReactionsReportView(TemplateView):
    """Per-target counts (confidential): IEEM administrators and moderators only."""

    template_name = "participation/admin/report.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.GET.get("actor", "")
        rows = list(reactions_report_queryset(actor))
        context.update(
            {
                "rows": rows,
                "actor": actor,
                "actors": [a for a, _ in actor_choices()],
                "totals": {
                    "likes": sum(r.likes for r in rows),
                    "dislikes": sum(r.dislikes for r in rows),
                    "flagged": sum(r.flagged for r in rows),
                    "ideas": sum(
                        r.ideas_pending + r.ideas_accepted + r.ideas_rejected for r in rows
                    ),
                },
            }
        )
        return context


class BurstsReportView(TemplateView):
    """Flagged bursts of reactions (abuse.py): IEEM administrators and moderators only.

    A burst names the element and the day's hash of a connection, never an
    address; party editors hold no participation permission and get 403.
    """

    template_name = "participation/admin/bursts.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(BURSTS_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bursts = ReactionBurst.objects.select_related("target").annotate(
            still_stored=Count("reactions")
        )
        total = bursts.count()
        context.update(
            {
                "bursts": list(bursts[:BURSTS_SHOWN]),
                "total": total,
                "shown": min(total, BURSTS_SHOWN),
                "flagged_stored": Reaction.objects.filter(burst__isnull=False).count(),
            }
        )
        return context
