"""The "Revisión IEEM" workflow on the party subtree."""

from django.contrib.auth.models import Group
from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from .groups import MODERATION_GROUP
from .models import IEEMReviewTask

WORKFLOW_NAME = "Revisión IEEM"
TASK_NAME = "Revisión IEEM"


def ensure_workflow(parties_index):
    """Create the workflow and assign it to /partidos/ (covers every actor subtree).

    The nearest ancestor with a workflow wins, so every page an actor's
    editors add below /partidos/<slug>/ goes through this review.
    """

    moderation = Group.objects.get(name=MODERATION_GROUP)
    task = IEEMReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = IEEMReviewTask.objects.create(name=TASK_NAME)
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.set([moderation])

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if parties_index is not None:
        WorkflowPage.objects.update_or_create(page=parties_index, defaults={"workflow": workflow})
    return workflow


# Wagtail's own initial data (wagtailcore migrations): two groups with rights
# on the whole page tree and an approval workflow on the root page. This site
# has its own groups and its own review, so they only confuse, and a party
# account put in «Editors» by mistake could edit every page.
WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def retire_wagtail_defaults():
    """Delete Wagtail's default groups (unless someone is in them: then they
    are kept and named in the result) and deactivate its default workflow.
    Returns (removed group names, kept group names, workflow deactivated)."""
    removed, kept = [], []
    for name in WAGTAIL_DEFAULT_GROUPS:
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        if group.user_set.exists():
            kept.append(name)
        else:
            group.delete()
            removed.append(name)
    workflow = Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, active=True).first()
    if workflow is not None:
        workflow.deactivate()
        for task in workflow.tasks.filter(active=True):
            if not task.workflows.filter(active=True).exists():
                task.deactivate()
    return removed, kept, workflow is not None
