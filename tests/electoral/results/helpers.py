"""Shared set-up for the results tests: the real geography, actors and results."""

import csv
from pathlib import Path

from django.conf import settings

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
RAW = FIXTURES / "ieem2021_ayuntamientos_raw_emagar.csv"
DISTRICTS_2018 = FIXTURES / "ine_see2018_diputaciones_locales_mr_por_distrito.csv"


def real_results(actors=True):
    """Geography (real importer), the 2021 actors and the default results."""
    from electoral.results.importers import import_default_results
    from tests.electoral.geography.conftest import import_real_geography

    import_real_geography()
    if actors:
        from tests.electoral.factories import real_actors

        real_actors()
    return import_default_results()


def set_phase(phase):
    from tests.electoral.factories import open_calendar

    return open_calendar(phase)


def raw_rows():
    with open(RAW, encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        return header, list(reader)


def district_rows():
    with open(DISTRICTS_2018, encoding="utf-8") as fh:
        reader = csv.reader(fh)
        return next(reader), list(reader)


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path
