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

from tests.electoral.factories import ACTORS

PAIRS = [(a[0], b[0]) for a, b in itertools.permutations(ACTORS, 2)]
HOME_URL = "/admin/"

# --- What the tests request (plain data: add new admin screens here) -------

# Page views requested with GET on each of B's pages (names of page_urls()).
PAGE_GET_VIEWS = [
    "edit",
    "preview",
    "view_draft",
    "revisions",
    "revision_view",
    "revision_revert",
    "revision_compare",
    "history",
    "workflow_history",
    "move",
    "delete",
    "copy",
    "unpublish",
    "privacy",
    "add_subpage",
    "explore",
]
# ... and with a POST that would change the page.
PAGE_POST_VIEWS = [
    "edit",
    "preview",
    "delete",
    "unpublish",
    "move",
    "copy",
    "lock",
    "revision_revert",
]
# Listings and choosers of images and documents: B's files are absent, A's own present.
MEDIA_LISTINGS = [
    ("wagtailimages:index", ""),
    ("wagtailimages:index", "?q=secreta"),
    ("wagtailimages_chooser:choose", ""),
    ("wagtailimages_chooser:choose_results", "?q=secreta"),
    ("wagtaildocs:index", ""),
    ("wagtaildocs:index", "?q=secreto"),
    ("wagtaildocs_chooser:choose", ""),
    ("wagtaildocs_chooser:choose_results", "?q=secreto"),
]
# Admin search, page chooser and explorer: never list B's pages. "{actor}",
# "{parent}" and "{profiles}" are the ids of B's actor page, of its parent and
# of its profiles index.
PAGE_LISTINGS = [
    ("wagtailadmin_pages:search", [], "?q=Perfil"),
    ("wagtailadmin_pages:search_results", [], "?q=Perfil"),
    ("wagtailadmin_choose_page_search", [], "?q=Perfil"),
    ("wagtailadmin_choose_page_child", ["{actor}"], ""),
    ("wagtailadmin_choose_page_child", ["{profiles}"], ""),
    ("wagtailadmin_choose_page", [], ""),
    ("wagtailadmin_explore_root", [], ""),
    (None, "/admin/api/main/pages/", "?child_of={actor}&for_explorer=1"),
    (None, "/admin/api/main/pages/", "?child_of={parent}&for_explorer=1"),
]


def refused(client, response, also=()):
    """403, 404, or Wagtail's redirect to the dashboard/login (or one of `also`)
    with an error. The refusal's landing page is not rendered: the dashboard is
    the same page for every refusal, and the link walk below checks it. Other
    redirects (e.g. revisions → history) are followed until they are refused."""
    landing = (HOME_URL, reverse("wagtailadmin_login"), *also)
    for _hop in range(5):
        if response.status_code in (403, 404):
            return True
        if response.status_code not in (301, 302):
            return False
        location = response["Location"].split("?")[0]
        if location in landing:
            return True
        response = client.get(response["Location"])
    return False


def text_of(response):
    """What the admin shows: modal/chooser responses are JSON with an "html" field."""
    if response.get("Content-Type", "").startswith("application/json"):
        data = json.loads(response.content)
        html = data.get("html", "") if isinstance(data, dict) else ""
        return html + json.dumps(data, ensure_ascii=False)
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
        urls = page_urls(page, page.get_latest_revision().pk)
        for name in PAGE_GET_VIEWS:
            get = client.get(urls[name])
            # The explorer sends a party editor back to their own actor page.
            assert refused(client, get, also=[own_explore]), (
                f"{a} → {b} {page.slug} GET {name}: {get.status_code}"
            )
        for name in PAGE_POST_VIEWS:
            post = client.post(urls[name], {"title": "hackeado", "slug": "hackeado"})
            assert refused(client, post), f"{a} → {b} {page.slug} POST {name}: {post.status_code}"
        page.refresh_from_db()
        assert page.title != "hackeado" and not page.locked
        assert Page.objects.filter(pk=page.pk, live=True).exists()

    # Adding a page under B.
    add = reverse(
        "wagtailadmin_pages:add", args=["electoral", "candidateprofilepage", target.profiles.pk]
    )
    assert refused(client, client.get(add))
    assert refused(client, client.post(add, {"title": "intruso", "slug": "intruso"}))
    assert not Page.objects.filter(slug="intruso").exists()

    # B's images and documents: no edit, no listing, not in the choosers.
    assert refused(client, client.get(reverse("wagtailimages:edit", args=[target.image.pk])))
    assert refused(client, client.get(reverse("wagtaildocs:edit", args=[target.document.pk])))
    assert refused(client, client.post(reverse("wagtailimages:delete", args=[target.image.pk])))
    for name, query in MEDIA_LISTINGS:
        url = reverse(name) + query
        html = text_of(client.get(url))
        assert target.image.title not in html and target.document.title not in html, url
        own = trees[a].image if "image" in url else trees[a].document
        assert own.title in html, url  # the listing works, it just lacks B's files

    # Admin search, page chooser and the explorer API never list B's pages.
    ids = {
        "actor": target.actor.pk,
        "parent": target.actor.get_parent().pk,
        "profiles": target.profiles.pk,
    }
    for name, args, query in PAGE_LISTINGS:
        path = reverse(name, args=[arg.format(**ids) for arg in args]) if name else args
        url = path + query.format(**ids)
        html = text_of(client.get(url))
        assert target.profile.title not in html, url
        assert target.profiles.title not in html, url
        assert f'"title": "{target.actor.title}"' not in html, url
    own_search = text_of(client.get(reverse("wagtailadmin_choose_page_search") + "?q=Perfil"))
    assert trees[a].profile.title in own_search
    own_search = text_of(client.get(reverse("wagtailadmin_pages:search") + "?q=Perfil"))
    assert trees[a].profile.title in own_search


# --- The walking test: every admin URL pattern, every reachable link ------

# (editor, other actor): a party, a coalition and an independent as editors.
WALK_PAIRS = [
    ("pan", "morena"),
    ("va-por-el-estado-de-mexico", "independiente-toluca"),
    ("independiente-toluca", "pan"),
]
# Not an admin view of objects (the catch-all 404 and Wagtail's test views).
# (The icon sprite is the admin's own SVG, the same for everyone.)
SKIP_URL_NAMES = {None, "wagtailadmin_error_test", "wagtailadmin_logout", "wagtailadmin_sprite"}
SERVED_FILE_TYPES = (
    "image/",
    "application/octet-stream",
    "text/plain",
    "application/zip",  # a delivery package (participation/delivery/)
    "application/vnd.openxmlformats",  # its workbook
)


def admin_url_patterns():
    """(route, view name, namespace) of every URL pattern under /admin/,
    straight from the resolver (a new view is covered without editing this)."""
    from django.urls import URLResolver, get_resolver

    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = namespace
                if p.namespace:
                    ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
                yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
            else:
                name = f"{namespace}:{p.name}" if namespace and p.name else p.name
                yield prefix + str(p.pattern), name, namespace or ""

    for route, name, ns in walk(get_resolver().url_patterns, "", None):
        if route.startswith("admin/") and name not in SKIP_URL_NAMES:
            yield route, name, ns


def path_values(planted, ns):
    """Values for each path parameter name: the other actor's objects."""
    page = planted.tree.profile
    pk = {
        "wagtailimages_chooser": planted.image.pk,
        "wagtaildocs_chooser": planted.document.pk,
        "wagtailadmin_api:images": planted.image.pk,
        "wagtailadmin_api:documents": planted.document.pk,
        "wagtailsnippets_participation_idea": planted.idea.pk,
        "wagtailsnippetchoosers_participation_idea": planted.idea.pk,
        "wagtailadmin_collections": planted.tree.collection.pk,
        "wagtailusers_groups": planted.tree.group.pk,
        "wagtailadmin_workflows": planted.task_state.task_id,
    }.get(ns, page.pk)
    return {
        "page_id": page.pk,
        "parent_page_id": page.pk,
        "page_to_move_id": page.pk,
        "destination_id": planted.tree.profiles.pk,
        "page_pk": page.pk,
        "pk": pk,
        "revision_id": planted.draft_revision.pk,
        "revision_id_a": "earliest",
        "revision_id_b": planted.draft_revision.pk,
        "task_id": planted.task_state.task_id,
        "task_state_id": planted.task_state.pk,
        "workflow_state_id": planted.task_state.workflow_state_id,
        "workflow_pk": planted.task_state.workflow_state.workflow_id,
        "image_id": planted.image.pk,
        "document_id": planted.document.pk,
        "doc_id": planted.document.pk,
        "collection_id": planted.tree.collection.pk,
        "actor_id": planted.tree.actor.pk,  # the delivery package, receipt and downloads
        "uploaded_file_id": 1,
        "redirect_id": 1,
        "session_id": 1,
        "object_id": page.pk,
        "action_name": "approve",
        "action": "delete",
        "filter_spec": "original",
        "content_type_app_name": "electoral",
        "content_type_model_name": "candidateprofilepage",
        "app_label": "wagtailcore" if ns == "" else "electoral",
        "model_name": "page" if ns == "" else "candidateprofilepage",
        "app_name": "wagtailimages",
        "uidb64": "MQ",
        "token": "x-y",
    }


def fill_route(route, values):
    """Turn a route (path converters or a regex) into a concrete path."""
    import re

    route = route.replace("^", "").replace("$", "")
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), route)
    return "/" + route.replace("\\.", ".")


def walk_urls(planted):
    """Every admin path filled with the other actor's ids, plus ?id= (choosers'
    chosen-multiple, bulk actions) and a search for the markers."""
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    ids = [planted.tree.profile.pk, planted.image.pk, planted.document.pk, planted.idea.pk]
    query = "?" + "&".join(f"id={i}" for i in ids) + "&q=MARCA&term=marca&child_of="
    query += str(planted.tree.profiles.pk)
    urls = []
    for route, name, ns in admin_url_patterns():
        if name == "wagtail_bulk_action":
            for app, models in bulk_action_registry.actions.items():
                for model, actions in models.items():
                    for action in actions:
                        urls.append((name, f"/admin/bulk/{app}/{model}/{action}/{query}"))
            continue
        urls.append((name, fill_route(route, path_values(planted, ns)) + query))
    return urls


def marker_in(response):
    from tests.electoral.factories import MARKERS

    body = text_of(response) if not response.streaming else ""
    low = body.lower()
    return [key for key, marker in MARKERS.items() if marker.lower() in low]


def flashed(response):
    """The messages a request left for the next page (a refusal's landing page)."""
    from django.contrib.messages import get_messages

    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def assert_nothing_of_other(response, label):
    from tests.electoral.factories import MARKERS

    assert response.status_code < 500, f"{label}: {response.status_code}"
    found = marker_in(response)
    assert not found, f"{label}: shows {found}"
    messages = flashed(response).lower()
    found = [key for key, marker in MARKERS.items() if marker.lower() in messages]
    assert not found, f"{label}: flashes {found}"
    kind = response.get("Content-Type", "")
    assert not kind.startswith(SERVED_FILE_TYPES), f"{label}: serves a file ({kind})"


@pytest.fixture
def planted(trees, editors, moderator, b):
    """The markers, planted in the other actor `b` only."""
    from tests.electoral.factories import plant_markers

    planted = plant_markers(trees[b], editors[b], moderator)
    plant_delivery_package(trees[b])
    return {b: planted}


def plant_delivery_package(tree):
    """A delivery package of the other actor, after the delivery date (only that
    date moves: the capture calendar the walk depends on stays as it is)."""
    from datetime import timedelta

    from django.utils import timezone

    from home.models import ElectionCalendar
    from participation.models import DeliveryPackage
    from tests.electoral.factories import MARKERS

    calendar = ElectionCalendar.load()
    calendar.delivery_from = timezone.now() - timedelta(days=1)
    calendar.save()
    marker = MARKERS["package"].encode()
    DeliveryPackage.objects.create(
        actor=tree.actor,
        actor_title=f"Paquete {MARKERS['package']}",
        actor_slug=tree.actor.slug,
        zip_data=b"PK " + marker,
        zip_sha256=MARKERS["package"].lower().ljust(64, "0"),
        xlsx_data=b"PK " + marker,
        xlsx_sha256=MARKERS["package"].lower().ljust(64, "1"),
        data_sha256=MARKERS["package"].lower().ljust(64, "2"),
        counts={"Ideas": 1},
        generated_by_name=MARKERS["package"],
    )


@pytest.mark.parametrize("a,b", WALK_PAIRS)
def test_every_admin_url_with_other_actor_ids_shows_nothing_of_it(client, editors, planted, a, b):
    client.force_login(editors[a])
    other = planted[b]
    checked, refused = 0, set()
    for name, url in walk_urls(other):
        for method in ("get", "post"):
            label = f"{a} → {b} {method.upper()} {url} ({name})"
            try:
                response = getattr(client, method)(url)
                # Redirects are followed, except a refusal's to the admin home or
                # the login: what a refusal flashes is checked above, and the
                # home page itself is walked by the link test below.
                for _hop in range(5):
                    assert_nothing_of_other(response, label)
                    if response.status_code not in (301, 302):
                        break
                    location = response["Location"]
                    if location.split("?")[0] in (HOME_URL, reverse("wagtailadmin_login")):
                        refused.add(name)
                        break
                    response = client.get(location)
            except Exception as error:  # the test client re-raises a view's 500
                pytest.fail(f"{label}: {error!r}")
            checked += 1
    patterns = len(list(admin_url_patterns()))
    print(
        f"\n{a} → {b}: {patterns} admin URL patterns, {checked} requests, "
        f"{len(refused)} URL names refused with Wagtail's redirect to the home"
    )
    assert patterns > 150 and checked > 300  # the resolver really gave the admin's patterns
    # Nothing was changed by all those requests.
    other.tree.profile.refresh_from_db()
    assert other.tree.profile.live and "hackeado" not in other.tree.profile.title


@pytest.mark.parametrize("a,b", WALK_PAIRS)
def test_every_link_a_party_editor_reaches_shows_nothing_of_another_actor(
    client, editors, planted, trees, a, b
):
    """Breadth-first over the hrefs of the pages the editor reaches from the
    dashboard (same host, /admin/ only), depth and count bounded."""
    import re
    from urllib.parse import urljoin, urlsplit

    client.force_login(editors[a])
    seen, queue = {"/admin/"}, [("/admin/", 0)]
    own_edit = reverse("wagtailadmin_pages:edit", args=[trees[a].profile.pk])
    queue.append((own_edit, 1))
    seen.add(own_edit)
    visited = 0
    while queue and visited < 120:
        url, depth = queue.pop(0)
        response = client.get(url)
        visited += 1
        # Redirects are followed, except a refusal's to the admin home or the
        # login (both walked from the start): what the refusal flashes is checked.
        for _hop in range(5):
            assert_nothing_of_other(response, f"{a} → {b} link {url}")
            location = response.get("Location", "") if response.status_code in (301, 302) else ""
            if not location or location.split("?")[0] in (HOME_URL, reverse("wagtailadmin_login")):
                break
            response = client.get(location)
        if depth >= 3 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        for href in re.findall(r'href="([^"#]+)', response.content.decode()):
            parts = urlsplit(urljoin(url, href.replace("&amp;", "&")))
            if parts.netloc not in ("", "testserver") or not parts.path.startswith("/admin/"):
                continue
            link = parts.path + (f"?{parts.query}" if parts.query else "")
            if "logout" in link or link in seen:
                continue
            seen.add(link)
            queue.append((link, depth + 1))
    print(f"\n{a} → {b}: {visited} links walked, {len(queue)} left unvisited")
    assert visited > 20, visited
