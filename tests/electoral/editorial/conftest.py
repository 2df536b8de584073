import pytest

from electoral.editorial.groups import COMMS_GROUP, MODERATION_GROUP

from .factories import build_tree, make_editor, make_staff


@pytest.fixture
def tree(db):
    return build_tree()


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
