"""The "Revisión IEEM" workflow on the party subtree."""

from django.contrib.auth.models import Group
from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from .groups import MODERATION_GROUP

WORKFLOW_NAME = "Revisión IEEM"
TASK_NAME = "Revisión IEEM"


def ensure_workflow(parties_index):
    """Create the workflow and assign it to /partidos/ (covers every actor subtree).

    The nearest ancestor with a workflow wins, so every page an actor's
    editors add below /partidos/<slug>/ goes through this review.
    """
    from .models import IEEMReviewTask

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
