"""Snapshots of the results importers' tests (tests/helpers/snapshots.py): what
their classes imported in each set-up, built once and restored per class."""

from tests.helpers.snapshots import BUILDERS


def geography_and_actors():
    """The real geography files through the importer and the 2021 actors: what the
    real results files need, without the results (RealFilesTests imports them)."""
    from tests.electoral.factories import real_actors
    from tests.electoral.geography.conftest import import_real_geography

    import_real_geography()
    real_actors()


def home_and_45_districts():
    """A home page and the 45 local districts (DistrictFileTests' broken 2018 files)."""
    from home.pagetree import ensure_home_page
    from tests.electoral.factories import district

    ensure_home_page(title="Decide IEEM")
    for number in range(1, 46):
        district(number)


BUILDERS["results-geography-actors"] = geography_and_actors
BUILDERS["results-45-districts"] = home_and_45_districts
