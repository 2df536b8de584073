"""Regression tests of the admin leaks of issue 13 («Verified holes to close» 1–4;
hole 5 is in tests/participation/reactions/test_state_page_id.py), the capture report and
the link choosers' empty POST.

Each hole test failed on main before the fix (see the commit message of the
commit that added this file for the failing output).
"""

import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from electoral.models import PlatformPage, Topic
from tests.electoral.factories import MARKERS, make_staff, plant_markers

REFUSED = "Lo sentimos, no tienes permisos para acceder a esta área."
MODERATOR_NAME = "MARCAMODERADORA7Q3"


@pytest.fixture
def other(trees, editors, moderator):
    """Markers planted in Morena; PAN's editor is the one who tries."""
    moderator.first_name = MODERATOR_NAME
    moderator.save()
    return plant_markers(trees["morena"], editors["morena"], moderator)


@pytest.fixture
def pan(client, editors):
    client.force_login(editors["pan"])
    return client


def body(response):
    return response.content.decode()


def markers_in(text):
    low = text.lower()
    found = [k for k, marker in MARKERS.items() if marker.lower() in low]
    return found + (["moderator"] if MODERATOR_NAME.lower() in low else [])


def refused_to_home(response):
    """Wagtail's own refusal: the admin home with «no tienes permisos»."""
    messages = " ".join(str(m) for m in get_messages(response.wsgi_request))
    return bool(
        response.redirect_chain
        and response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
        and REFUSED in messages + body(response)
    )


# --- Hole 1: citizens' idea texts through the snippet chooser ----------------


def test_hole1_idea_chooser_refuses_who_does_not_moderate_ideas(client, trees, editors, other):
    from participation.setup_steps import participation_permissions

    participation_permissions(stdout=io.StringIO())
    idea = other.idea
    urls = [
        "/admin/snippets/choose/participation/idea/",
        "/admin/snippets/choose/participation/idea/results/?q=MARCA",
        f"/admin/snippets/choose/participation/idea/chosen/{idea.pk}/",
        f"/admin/snippets/choose/participation/idea/chosen-multiple/?id={idea.pk}",
    ]
    comms = make_staff("comunicacion", "Comunicación IEEM")
    for user in (editors["pan"], editors["morena"], comms):
        client.force_login(user)
        for url in urls:
            for headers in ({}, {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}):
                response = client.get(url, follow=True, **headers)
                assert MARKERS["idea"] not in body(response), (user.username, url, headers)
                assert response.status_code in (200, 403), (user.username, url)
    # The groups that moderate ideas keep the chooser.
    client.force_login(make_staff("moderadora-2", "Moderación IEEM"))
    response = client.get(urls[0], HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200 and MARKERS["idea"] in body(response)


# --- Hole 2: another actor's moderation comment on a refused edit page --------


def test_hole2_refused_edit_page_shows_no_comment_nor_moderator(pan, trees, other):
    platform = other.needs_changes_state.content_object
    response = pan.get(reverse("wagtailadmin_pages:edit", args=[platform.pk]), follow=True)
    messages = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert refused_to_home(response), response.redirect_chain
    assert not markers_in(body(response) + messages)


def test_hole2_own_sent_back_page_still_shows_the_comment(client, trees, editors, other):
    client.force_login(editors["morena"])
    platform = other.needs_changes_state.content_object
    response = client.get(reverse("wagtailadmin_pages:edit", args=[platform.pk]))
    assert response.status_code == 200
    html = body(response)
    assert MARKERS["comment"] in html and MODERATOR_NAME in html


# --- Hole 3: another actor's document or image by id on one's own form -------


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Seguridad", slug="seguridad")


def platform_form(topic, *, official_document="", section_document=""):
    return nested_form_data(
        {
            "title": "Plataforma PAN",
            "slug": "plataforma",
            "intro": "Resumen.",
            "official_document": official_document,
            "body": streamfield(
                [
                    (
                        "topic_section",
                        {
                            "topic": topic.pk,
                            "title": "Seguridad",
                            "text": rich_text("<p>Texto.</p>"),
                            "document": section_document,
                        },
                    )
                ]
            ),
            "comments": inline_formset([]),
        }
    )


def test_hole3_own_form_refuses_another_actors_document_and_image(pan, trees, other, topic):
    own = trees["pan"].platform
    url = reverse("wagtailadmin_pages:edit", args=[own.pk])
    theirs = other.document.pk
    for fields in ({"official_document": theirs}, {"section_document": theirs}):
        response = pan.post(url, platform_form(topic, **fields))
        assert response.status_code == 200, fields  # the form again, with the error
        html = body(response).replace("\\u00e1", "á")  # StreamField errors are JSON
        assert "El documento elegido no está disponible para tu cuenta" in html, fields
        # …and the form shown again says nothing of the refused document.
        assert MARKERS["document"] not in html, fields
        assert reverse("wagtaildocs:edit", args=[theirs]) not in html, fields
        latest = PlatformPage.objects.get(pk=own.pk).get_latest_revision_as_object()
        assert latest.official_document_id != theirs
        assert all(b.value["document"] is None for b in latest.body), fields

    # The profile's photo: another actor's image is refused too.
    from wagtail.images import get_image_model

    image = get_image_model().objects.get(pk=other.image.pk)
    profile = trees["pan"].profile
    data = nested_form_data(
        {
            "title": profile.title,
            "slug": profile.slug,
            "summary": "Resumen.",
            "photo": image.pk,
            "photo_alt": "Foto",
            "trajectory": streamfield([]),
            "proposals": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    response = pan.post(reverse("wagtailadmin_pages:edit", args=[profile.pk]), data)
    assert response.status_code == 200
    assert "La imagen elegida no está disponible para tu cuenta" in body(response)
    assert MARKERS["image"] not in body(response)
    latest = profile.specific_class.objects.get(pk=profile.pk).get_latest_revision_as_object()
    assert latest.photo_id != image.pk

    # Their own document is accepted (the guard is not a blanket refusal).
    mine = trees["pan"].document.pk
    response = pan.post(url, platform_form(topic, official_document=mine, section_document=mine))
    assert response.status_code == 302
    latest = PlatformPage.objects.get(pk=own.pk).get_latest_revision_as_object()
    assert latest.official_document_id == mine


# --- Hole 4: other actors' draft titles and activity -------------------------


def test_hole4_no_draft_title_of_another_actor_anywhere(pan, trees, other):
    profile = other.tree.profile
    task_state = other.task_state
    urls = [
        f"/admin/choose-page/chosen-multiple/?id={profile.pk}",
        f"/admin/choose-page/chosen-multiple/?id={trees['pan'].profile.pk}&id={profile.pk}",
        reverse("wagtailadmin_pages:workflow_preview", args=[profile.pk, task_state.task_id]),
        reverse("wagtailadmin_pages:workflow_action", args=[profile.pk, "approve", task_state.pk]),
        reverse(
            "wagtailadmin_pages:collect_workflow_action_data",
            args=[profile.pk, "approve", task_state.pk],
        ),
        reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[profile.pk]),
        reverse("wagtailadmin_reports:page_types_usage"),
        reverse("wagtailadmin_reports:page_types_usage_results"),
    ]
    for url in urls:
        for method in ("get", "post"):
            for headers in ({}, {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}):
                response = getattr(pan, method)(url, follow=True, **headers)
                messages = " ".join(str(m) for m in get_messages(response.wsgi_request))
                assert response.status_code < 500, (method, url)
                assert not markers_in(body(response) + messages), (method, url, headers)
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS  # nothing was approved

    # A normal navigation is refused as Wagtail refuses.
    response = pan.get(urls[2], follow=True)
    assert refused_to_home(response)
    # The page types report is IEEM's.
    assert refused_to_home(pan.get(urls[6], follow=True))


# --- The capture report: IEEM's, not a party editor's -------------------------


def test_capture_report_is_ieem_only(client, trees, editors, moderator, comms):
    from electoral.editorial.admin_hooks import CaptureReportMenuItem

    urls = [
        reverse("decide_capture_report"),
        reverse("decide_capture_report_results"),
        reverse("decide_capture_report") + "?export=csv",
        reverse("decide_capture_report") + "?export=xlsx",
    ]
    item = CaptureReportMenuItem("Avance de captura", urls[0])
    for editor in editors.values():
        client.force_login(editor)
        for url in urls:
            response = client.get(url, follow=True)
            assert refused_to_home(response), url
            assert "Avance de captura de los partidos" not in body(response)
            assert client.get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest").status_code == 403
        assert not item.is_shown(response.wsgi_request)
    for user in (moderator, comms, make_staff("admin-ieem", "Administración IEEM")):
        client.force_login(user)
        response = client.get(urls[0])
        assert response.status_code == 200
        assert "Avance de captura de los partidos" in body(response)
        assert item.is_shown(response.wsgi_request)


# --- Link choosers: an empty POST is a form error, not a 500 ------------------

LINK_FORMS = [
    "wagtailadmin_choose_page_external_link",
    "wagtailadmin_choose_page_email_link",
    "wagtailadmin_choose_page_phone_link",
    "wagtailadmin_choose_page_anchor_link",
]


@pytest.mark.parametrize("name", LINK_FORMS)
def test_link_chooser_empty_post_is_a_form_error(client, editors, moderator, name):
    for user in (editors["pan"], moderator):
        client.force_login(user)
        for data in ({}, {"external-link-chooser-url": ""}):
            response = client.post(reverse(name), data, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
            assert response.status_code == 200, (user.username, data)
            assert response.json()["step"] != "external_link_chosen"


def test_external_link_chooser_still_accepts_a_url_and_a_path(pan):
    url = reverse("wagtailadmin_choose_page_external_link")
    for value in ("https://ieem.org.mx/", "/partidos/"):
        response = pan.post(url, {"external-link-chooser-url": value})
        assert response.json()["result"]["url"] == value
