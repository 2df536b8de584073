import pytest

from electoral.editorial.groups import COMMS_GROUP, MODERATION_GROUP
from tests.electoral.factories import build_tree, load_tree, make_editor, make_staff
from tests.helpers.snapshots import snapshot_for


@pytest.fixture
def editorial_tree(db, request):
    """/partidos/ with four actors, their pages, files and groups: built once as
    the "editorial" snapshot (tests/helpers/snapshots.py) and looked up here."""
    if snapshot_for(request.node, request.fixturenames) == "editorial":
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


@pytest.fixture
def editors(trees):
    return {slug: make_editor(t) for slug, t in trees.items()}


@pytest.fixture
def moderator(tree):
    return make_staff("moderacion", MODERATION_GROUP)


@pytest.fixture
def comms(tree):
    return make_staff("comunicacion", COMMS_GROUP)
