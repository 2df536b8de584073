"""Fixtures shared by the parties and candidacies tests."""

import pytest

from electoral.models import PartiesIndexPage

# Both run on the "parties" snapshot (tests/helpers/snapshots.py), built once
# with tests.electoral.factories.all_municipalities and real_actors.


@pytest.fixture
def geography(db):
    """The 125 real municipalities and 45 districts (created directly)."""


@pytest.fixture
def actors_2021(geography):
    """/partidos/ and the 29 actors of 2021 imported from the real files."""
    return PartiesIndexPage.objects.get()
