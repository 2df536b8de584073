"""Fixtures of the home app's tests."""

import io

import pytest

from home.models import RepresentationIndexPage
from home.pagetree import ensure_home_page
from home.setup_steps import create_representation_bodies


def build_representation():
    """The "representation" snapshot (tests/helpers/snapshots.py): the home
    page and /organos/ with its bodies and offices, as setup_site makes them."""
    ensure_home_page(title="Decide IEEM")
    create_representation_bodies(stdout=io.StringIO())


@pytest.fixture
def organos(db, request):
    """/organos/: built once as the "representation" snapshot and looked up
    here; on another snapshot (the site's), built on top of it."""
    from tests.helpers.snapshots import snapshot_for

    if snapshot_for(request.node, request.fixturenames) != "representation":
        build_representation()
    return RepresentationIndexPage.objects.get()
