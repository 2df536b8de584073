import json

import pytest
from django.contrib.auth import get_user_model

from electoral.editorial.groups import COMMS_GROUP, MODERATION_GROUP
from electoral.models import Candidacy, CandidateProfilePage, PlatformPage, Topic
from tests.electoral.factories import (
    build_tree,
    load_tree,
    make_candidacy,
    make_editor,
    make_municipality,
    make_staff,
    open_calendar,
)
from tests.helpers.snapshots import snapshot_for

# Snapshots that hold the editorial tree (built by build_tree), looked up by load_tree.
TREE_SNAPSHOTS = ("editorial", "capture")


@pytest.fixture
def editorial_tree(db, request):
    """/partidos/ with four actors, their pages, files and groups: built once as
    the "editorial" snapshot (tests/helpers/snapshots.py) and looked up here."""
    if snapshot_for(request.node, request.fixturenames) in TREE_SNAPSHOTS:
        return load_tree()
    return build_tree()  # on top of another snapshot (the site's)


@pytest.fixture
def tree(editorial_tree):
    return editorial_tree


@pytest.fixture
def trees(tree):
    return tree[1]


@pytest.fixture
def parties_index(tree):
    return tree[0]


def editor_of(tree):
    """The actor's editor (make_editor's defaults): the one a snapshot holds, or a new one."""
    existing = get_user_model().objects.filter(username=f"editor-{tree.actor.slug}").first()
    return existing or make_editor(tree)


@pytest.fixture
def editors(trees):
    return {slug: editor_of(t) for slug, t in trees.items()}


@pytest.fixture
def moderator(tree):
    return make_staff("moderacion", MODERATION_GROUP)


@pytest.fixture
def comms(tree):
    return make_staff("comunicacion", COMMS_GROUP)


# --- The capture progress of tests/electoral/editorial/test_capture.py -------


def _body(topics):
    return json.dumps(
        [
            {
                "type": "topic_section",
                "value": {"topic": t.pk, "title": "", "text": f"<p>{t.name}</p>", "document": None},
            }
            for t in topics
        ]
    )


def _link_profile(profile, candidacy, *, publish):
    page = CandidateProfilePage.objects.get(pk=profile.pk)
    page.candidacy = candidacy
    page.title = candidacy.display_name
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def build_capture():
    """The "capture" snapshot: the editorial tree, its editors, and
    PAN: 3 heads (1 live profile, 1 draft, 1 missing) and a platform with
    1 of 3 topics live and a second one in review. MORENA: everything published."""
    build_tree()
    _index, trees = load_tree()
    editors = {slug: editor_of(t) for slug, t in trees.items()}
    open_calendar()
    topics = [
        Topic.objects.create(name=name, slug=name.lower(), sort_order=n)
        for n, name in enumerate(["Seguridad", "Empleo", "Agua"])
    ]
    places = [
        make_municipality(n, name) for n, name in [(1, "Acambay"), (2, "Acolman"), (3, "Aculco")]
    ]
    pan, morena = trees["pan"], trees["morena"]
    heads = [
        make_candidacy(pan.actor, municipality=m, name=f"PERSONA PAN {n}")
        for n, m in enumerate(places, 1)
    ]
    # Not heads: never counted.
    make_candidacy(pan.actor, municipality=places[0], name="SUPLENTE PAN", role="suplente")
    make_candidacy(
        pan.actor, municipality=places[0], name="SINDICA PAN", office=Candidacy.Office.SINDICATURA
    )
    _link_profile(pan.profile, heads[0], publish=True)
    draft = CandidateProfilePage(
        title=heads[1].display_name, slug="borrador", candidacy=heads[1], summary="Borrador"
    )
    pan.profiles.add_child(instance=draft)
    draft.save_revision()
    draft.unpublish() if draft.live else None

    platform = PlatformPage.objects.get(pk=pan.platform.pk)
    platform.body = _body(topics[:1])
    platform.save_revision().publish()
    platform = PlatformPage.objects.get(pk=pan.platform.pk)
    platform.body = _body(topics[:2])
    platform.save_revision(user=editors["pan"])
    platform.get_workflow().start(platform, editors["pan"])

    morena_heads = [
        make_candidacy(morena.actor, municipality=m, name=f"PERSONA MORENA {n}")
        for n, m in enumerate(places[:2], 1)
    ]
    _link_profile(morena.profile, morena_heads[0], publish=True)
    second = CandidateProfilePage(
        title=morena_heads[1].display_name, slug="segundo", candidacy=morena_heads[1]
    )
    morena.profiles.add_child(instance=second)
    second.save_revision().publish()
    m_platform = PlatformPage.objects.get(pk=morena.platform.pk)
    m_platform.body = _body(topics)
    m_platform.save_revision().publish()


@pytest.fixture
def capture(trees, editors):
    """What build_capture made (the "capture" snapshot), looked up. The
    calendar's dates are relative to now: set again, as the build did."""
    open_calendar()
    pan, morena = trees["pan"], trees["morena"]

    def heads(actor, prefix, count):
        return [
            Candidacy.objects.get(actor=actor, name=f"{prefix} {n}") for n in range(1, count + 1)
        ]

    return {
        "heads": heads(pan.actor, "PERSONA PAN", 3),
        "live": CandidateProfilePage.objects.get(pk=pan.profile.pk),
        "draft": CandidateProfilePage.objects.child_of(pan.profiles).get(slug="borrador"),
        "topics": list(
            Topic.objects.filter(slug__in=["seguridad", "empleo", "agua"]).order_by("sort_order")
        ),
        "morena": heads(morena.actor, "PERSONA MORENA", 2),
    }
