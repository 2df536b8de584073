"""When IEEM last reviewed a page: the approval behind its live version.

Wagtail's workflow publishes the latest revision when a moderator approves,
so the live version was reviewed by an approval that finished after that
revision was created. A later direct publication (without the workflow)
makes a newer live revision that no approval covers: no review date then.
Draft edits after an approval leave the live revision, and its date, alone.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Subquery, Value
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Page, Revision, TaskState

from home.compiled import CompiledQuery

from .models import IEEMReviewTask


def _approvals():
    return TaskState.objects.filter(
        status=TaskState.STATUS_APPROVED,
        task__content_type=ContentType.objects.get_for_model(IEEMReviewTask),
    )


def ieem_review_date(page):
    """Local date of the IEEM approval of `page`'s live version, or None.

    One query, cached on the instance (templates read it more than once).
    """
    cached = page.__dict__.get("_ieem_review_date")
    if cached is not None and cached[0] == page.live_revision_id:
        return cached[1]
    value = _review_date(page)
    page.__dict__["_ieem_review_date"] = (page.live_revision_id, value)
    return value


def _review_query(page_pk, revision_pk, task_ct, base_ct):
    return (
        TaskState.objects.filter(
            status=TaskState.STATUS_APPROVED,
            task__content_type_id=task_ct,
            workflow_state__base_content_type_id=base_ct,
            # object_id is text: the page id is cast in SQL, so that it reaches
            # the compiled query as an integer parameter.
            workflow_state__object_id=Cast(Value(page_pk), CharField()),
            finished_at__gte=Subquery(
                Revision.objects.filter(pk=revision_pk).values("created_at")[:1]
            ),
        )
        .order_by("-finished_at")
        .values_list("finished_at")[:1]
    )


# One query per page view (every platform and profile shows the date): its SQL
# compiled once per process (home/compiled.py).
_REVIEW = CompiledQuery(TaskState, _review_query)


def _review_date(page):
    if not page.live or not page.live_revision_id:
        return None
    rows = _REVIEW.rows(
        page_pk=page.pk,
        revision_pk=page.live_revision_id,
        task_ct=ContentType.objects.get_for_model(IEEMReviewTask).pk,
        base_ct=_base_ct_id(),
    )
    if not rows or rows[0][0] is None:
        return None
    return timezone.localdate(rows[0][0])


def ieem_review_dates(pages):
    """{page.pk: date} for many pages in two queries (listings)."""
    pages = [p for p in pages if p.live and p.live_revision_id]
    if not pages:
        return {}
    created = dict(
        Revision.objects.filter(pk__in=[p.live_revision_id for p in pages]).values_list(
            "pk", "created_at"
        )
    )
    rows = (
        _approvals()
        .filter(
            workflow_state__base_content_type_id=_base_ct_id(),
            workflow_state__object_id__in=[str(p.pk) for p in pages],
        )
        .values_list("workflow_state__object_id", "finished_at")
    )
    best = {}
    for object_id, finished in rows:
        best.setdefault(int(object_id), []).append(finished)
    dates = {}
    for page in pages:
        since = created.get(page.live_revision_id)
        ok = [f for f in best.get(page.pk, []) if since and f >= since]
        if ok:
            dates[page.pk] = timezone.localdate(max(ok))
    return dates


def _base_ct_id():
    return ContentType.objects.get_for_model(Page).pk
