"""Every ordered pair (A, B) of actors, A ≠ B: A's editor cannot reach B's pages or files.

Representative subset of the 2021 actors (see factories.ACTORS): two parties,
one coalition and one independent candidacy, i.e. 12 ordered pairs. The
permission code treats every actor alike, so the full set of 20 actors only
multiplies the running time.
"""

import itertools
import json

import pytest
from django.urls import reverse
from wagtail.models import Page

from .factories import ACTORS

PAIRS = [(a[0], b[0]) for a, b in itertools.permutations(ACTORS, 2)]
HOME_URL = "/admin/"
POST_ONLY = {"lock"}


def denied(response, also=()):
    """403, 404, or Wagtail's redirect to the dashboard/login with an error
    (redirects elsewhere, e.g. revisions → history, are followed)."""
    if response.status_code in (403, 404):
        return True
    chain = getattr(response, "redirect_chain", None)
    if chain:
        return chain[-1][0].split("?")[0] in (HOME_URL, reverse("wagtailadmin_login"), *also)
    if response.status_code == 302:
        return response.url.split("?")[0] in (HOME_URL, reverse("wagtailadmin_login"))
    return False


def text_of(response):
    """What the admin shows: modal/chooser responses are JSON with an "html" field."""
    if response.get("Content-Type", "").startswith("application/json"):
        data = json.loads(response.content)
        return data.get("html", "") + json.dumps(data, ensure_ascii=False)
    return response.content.decode()


def page_urls(page, revision_id):
    pk = page.pk
    return {
        "edit": reverse("wagtailadmin_pages:edit", args=[pk]),
        "preview": reverse("wagtailadmin_pages:preview_on_edit", args=[pk]),
        "view_draft": reverse("wagtailadmin_pages:view_draft", args=[pk]),
        "revisions": reverse("wagtailadmin_pages:revisions_index", args=[pk]),
        "revision_view": reverse("wagtailadmin_pages:revisions_view", args=[pk, revision_id]),
        "revision_revert": reverse("wagtailadmin_pages:revisions_revert", args=[pk, revision_id]),
        "revision_compare": reverse(
            "wagtailadmin_pages:revisions_compare", args=[pk, "earliest", "latest"]
        ),
        "history": reverse("wagtailadmin_pages:history", args=[pk]),
        "workflow_history": reverse("wagtailadmin_pages:workflow_history", args=[pk]),
        "move": reverse("wagtailadmin_pages:move", args=[pk]),
        "delete": reverse("wagtailadmin_pages:delete", args=[pk]),
        "copy": reverse("wagtailadmin_pages:copy", args=[pk]),
        "unpublish": reverse("wagtailadmin_pages:unpublish", args=[pk]),
        "lock": reverse("wagtailadmin_pages:lock", args=[pk]),
        "privacy": reverse("wagtailadmin_pages:set_privacy", args=[pk]),
        "add_subpage": reverse("wagtailadmin_pages:add_subpage", args=[pk]),
        "explore": reverse("wagtailadmin_explore", args=[pk]),
    }


@pytest.mark.parametrize("a,b", PAIRS)
def test_editor_of_a_cannot_reach_b(client, trees, editors, a, b):
    client.force_login(editors[a])
    target = trees[b]
    own_explore = reverse("wagtailadmin_explore", args=[trees[a].actor.pk])
    for page in target.pages:
        page = page.specific
        revision_id = page.get_latest_revision().pk
        for name, url in page_urls(page, revision_id).items():
            if name in POST_ONLY:
                continue
            get = client.get(url, follow=True)
            # The explorer sends a party editor back to their own actor page.
            assert denied(get, also=[own_explore]), (
                f"{a} → {b} {page.slug} GET {name}: {get.status_code}"
            )
        for name in (
            "edit",
            "preview",
            "delete",
            "unpublish",
            "move",
            "copy",
            "lock",
            "revision_revert",
        ):
            url = page_urls(page, revision_id)[name]
            post = client.post(url, {"title": "hackeado", "slug": "hackeado"})
            assert denied(post), f"{a} → {b} {page.slug} POST {name}: {post.status_code}"
        page.refresh_from_db()
        assert page.title != "hackeado" and not page.locked
        assert Page.objects.filter(pk=page.pk, live=True).exists()

    # Adding a page under B.
    add = reverse(
        "wagtailadmin_pages:add", args=["electoral", "candidateprofilepage", target.profiles.pk]
    )
    assert denied(client.get(add))
    assert denied(client.post(add, {"title": "intruso", "slug": "intruso"}))
    assert not Page.objects.filter(slug="intruso").exists()

    # B's images and documents: no edit, no listing, not in the choosers.
    assert denied(client.get(reverse("wagtailimages:edit", args=[target.image.pk])))
    assert denied(client.get(reverse("wagtaildocs:edit", args=[target.document.pk])))
    assert denied(client.post(reverse("wagtailimages:delete", args=[target.image.pk])))
    for url in (
        reverse("wagtailimages:index"),
        reverse("wagtailimages:index") + "?q=secreta",
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtailimages_chooser:choose_results") + "?q=secreta",
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:index") + "?q=secreto",
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtaildocs_chooser:choose_results") + "?q=secreto",
    ):
        html = text_of(client.get(url))
        assert target.image.title not in html and target.document.title not in html, url
        own = trees[a].image if "image" in url else trees[a].document
        assert own.title in html, url  # the listing works, it just lacks B's files

    # Admin search, page chooser and the explorer API never list B's pages.
    for url in (
        reverse("wagtailadmin_pages:search") + "?q=Perfil",
        reverse("wagtailadmin_pages:search_results") + "?q=Perfil",
        reverse("wagtailadmin_choose_page_search") + "?q=Perfil",
        reverse("wagtailadmin_choose_page_child", args=[target.actor.pk]),
        reverse("wagtailadmin_choose_page_child", args=[target.profiles.pk]),
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_explore_root"),
        f"/admin/api/main/pages/?child_of={target.actor.pk}&for_explorer=1",
        f"/admin/api/main/pages/?child_of={target.actor.get_parent().pk}&for_explorer=1",
    ):
        html = text_of(client.get(url))
        assert target.profile.title not in html, url
        assert target.profiles.title not in html, url
        assert f'"title": "{target.actor.title}"' not in html, url
    own_search = text_of(client.get(reverse("wagtailadmin_choose_page_search") + "?q=Perfil"))
    assert trees[a].profile.title in own_search
    own_search = text_of(client.get(reverse("wagtailadmin_pages:search") + "?q=Perfil"))
    assert trees[a].profile.title in own_search
