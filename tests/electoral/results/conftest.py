"""Snapshots of the results importers' tests (tests/helpers/snapshots.py): what
their classes imported in each set-up, built once and restored per class."""

from tests.helpers.snapshots import BUILDERS


def home_and_45_districts():
    """A home page and the 45 local districts (DistrictFileTests' broken 2018 files)."""
    from home.pagetree import ensure_home_page
    from tests.electoral.factories import district

    ensure_home_page(title="Decide IEEM")
    for number in range(1, 46):
        district(number)


BUILDERS["results-45-districts"] = home_and_45_districts
