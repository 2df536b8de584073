"""A party editor writes and submits; IEEM moderators request changes or approve."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from electoral.editorial.review import ieem_review_date, ieem_review_dates
from electoral.models import CandidateProfilePage, Topic
from tests.electoral.factories import make_staff

REASON = "Falta la fuente de la propuesta 2; agrega el documento del registro."


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Seguridad", slug="seguridad")


def profile_form(topic, title="Perfil de Ana Pérez", proposals=2, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": "ana-perez",
            "summary": "Abogada, 20 años de servicio público.",
            "photo_alt": "",
            "trajectory": streamfield([]),
            "proposals": streamfield(
                [
                    (
                        "proposal",
                        {
                            "topic": topic.pk,
                            "title": f"Propuesta {n}",
                            "text": f"Texto de la propuesta {n}.",
                        },
                    )
                    for n in range(1, proposals + 1)
                ]
            ),
            "comments": inline_formset([]),
            **extra,
        }
    )


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["electoral", "candidateprofilepage", parent.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def current_task_state(page):
    return TaskState.objects.filter(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    ).get()


def test_editor_creates_a_profile_and_can_only_send_it_to_review(
    client, trees, editors, moderator, topic
):
    pan = trees["pan"]
    client.force_login(editors["pan"])

    form = client.get(add_url(pan.profiles)).content.decode()
    assert 'name="action-publish"' not in form
    assert "Revisión IEEM" in form  # "Enviar a Revisión IEEM"

    # Trying to publish anyway only saves a draft.
    response = client.post(add_url(pan.profiles), {**profile_form(topic), "action-publish": "1"})
    assert response.status_code == 302
    page = CandidateProfilePage.objects.get(slug="ana-perez")
    assert not page.live and page.get_parent().pk == pan.profiles.pk

    mail.outbox.clear()
    response = client.post(edit_url(page), {**profile_form(topic), "action-submit": "1"})
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Revisión IEEM"
    assert moderator.email in [to for m in mail.outbox for to in m.to]
    page.refresh_from_db()
    assert not page.live
    # Locked for the editor while IEEM reviews it.
    edit = client.get(edit_url(page)).content.decode()
    assert 'name="action-submit"' not in edit


def submit_profile(client, editor, parent, topic):
    client.force_login(editor)
    client.post(add_url(parent), {**profile_form(topic), "action-submit": "1"})
    return CandidateProfilePage.objects.get(slug="ana-perez")


def test_request_changes_needs_a_reason_that_the_editor_reads_and_receives(
    client, trees, editors, moderator, topic
):
    editor = editors["pan"]
    page = submit_profile(client, editor, trees["pan"].profiles, topic)
    task_state = current_task_state(page)
    client.force_login(moderator)
    reject = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk])

    # Without a reason: the modal shows an error and nothing changes.
    response = client.post(
        reject, {"comment": "   "}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert "Escribe el motivo" in response.json()["html"]
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    # The edit-view path (no modal validation) is refused too.
    refused = client.post(
        edit_url(page),
        {**profile_form(topic), "action-workflow-action": "1", "workflow-action-name": "reject"},
    )
    assert refused.status_code == 403 or refused.url == "/admin/"  # Wagtail's "permission denied"
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS

    mail.outbox.clear()
    response = client.post(reject, {"comment": REASON})
    assert response.status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED and task_state.comment == REASON
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == "needs_changes"
    to_editor = [m for m in mail.outbox if editor.email in m.to]
    assert len(to_editor) == 1 and REASON in to_editor[0].body

    client.force_login(editor)
    edit = client.get(edit_url(page)).content.decode()
    assert "Moderación IEEM pidió cambios" in edit and f"«{REASON}»" in edit


def test_fix_resend_approve_publishes_and_dates_the_review(
    client, trees, editors, moderator, topic
):
    editor = editors["pan"]
    page = submit_profile(client, editor, trees["pan"].profiles, topic)
    client.force_login(moderator)
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "reject", current_task_state(page).pk],
        ),
        {"comment": REASON},
    )

    client.force_login(editor)
    fixed = profile_form(topic, title="Perfil de Ana Pérez (corregido)")
    response = client.post(edit_url(page), {**fixed, "action-submit": "1"})
    assert response.status_code == 302
    assert WorkflowState.objects.get(
        object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )

    client.force_login(moderator)
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", current_task_state(page).pk]
    )
    assert client.post(approve, {"comment": ""}).status_code == 302
    page = Page.objects.get(pk=page.pk).specific
    assert page.live and page.title == "Perfil de Ana Pérez (corregido)"
    approved = TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_APPROVED
    )
    assert approved.finished_by == moderator
    review = ieem_review_date(page)
    assert review is not None
    assert ieem_review_dates([page]) == {page.pk: review}

    # The public profile carries the review line.
    client.logout()
    html = client.get(page.url).content.decode()
    assert "Publicado por" in html and trees["pan"].actor.title in html
    assert "revisado por el IEEM el" in html

    # A later edit goes through review again; the approved version stays online.
    client.force_login(editor)
    client.post(
        edit_url(page),
        {**profile_form(topic, title="Perfil de Ana Pérez (versión 3)"), "action-submit": "1"},
    )
    client.logout()
    page = Page.objects.get(pk=page.pk).specific
    assert page.title == "Perfil de Ana Pérez (corregido)"
    assert "(versión 3)" not in client.get(page.url).content.decode()
    assert page.has_unpublished_changes
    assert ieem_review_date(page) == review


def test_direct_publication_has_no_review_date(trees):
    profile = trees["pan"].profile
    assert profile.live and ieem_review_date(profile) is None


def test_communication_staff_cannot_publish_or_approve_party_pages(client, trees, editors, topic):
    comms = make_staff("comunicacion", "Comunicación IEEM")
    page = submit_profile(client, editors["pan"], trees["pan"].profiles, topic)
    client.force_login(comms)
    assert client.get(edit_url(page)).status_code == 302  # permission denied → dashboard
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", current_task_state(page).pk]
    )
    client.post(approve, {"comment": ""})
    page.refresh_from_db()
    assert not page.live
    assert current_task_state(page).status == TaskState.STATUS_IN_PROGRESS
