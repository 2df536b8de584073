"""Fixtures shared by the parties and candidacies tests."""

import pytest

from tests.electoral.parties.factories import all_municipalities, real_actors


@pytest.fixture
def geography(db):
    """The 125 real municipalities and 45 districts (created directly)."""
    all_municipalities()


@pytest.fixture
def actors_2021(geography):
    """/partidos/ and the 29 actors of 2021 imported from the real files."""
    index, report = real_actors()
    return index
