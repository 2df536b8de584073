"""Import the 2021 actors and candidacies into a fresh SQLite database, then
time /candidaturas/ and /candidaturas.csv on ~20,000 candidacies.

Budgets: importing the real 952-row file under 5 s; a list page under 0.3 s and
the full CSV (all ~20,000 rows) under 3 s on SQLite. Query counts are asserted
in tests/electoral/candidacies/test_list.py, not here.
Run: `.venv/bin/python bench/bench_candidacies.py` (or `make bench`).
"""

import sys
import time

from fresh_django import migrated_sqlite_django

IMPORT_BUDGET = 5.0
PAGE_BUDGET = 0.3
CSV_BUDGET = 3.0


def main():
    migrated_sqlite_django("bench-candidacies-")
    from django.test import Client

    from electoral.geography.importing import import_geography
    from electoral.models import Candidacy, DistrictPage, MunicipalityPage, PoliticalActorPage
    from electoral.parties.importers import CANDIDATES_FILE, ensure_parties_index, import_actors
    from home.pagetree import ensure_home_page
    from tests.electoral.factories import bulk_candidacies, open_calendar

    home, _ = ensure_home_page(title="Decide IEEM")
    open_calendar()
    import_geography()
    import_actors(ensure_parties_index(home))
    start = time.perf_counter()
    report = Candidacy.objects.import_csv(CANDIDATES_FILE)
    first = time.perf_counter() - start

    Candidacy.objects.all().delete()
    actors = list(PoliticalActorPage.objects.order_by("registration_order")[:10])
    total = bulk_candidacies(
        actors, list(MunicipalityPage.objects.all()), list(DistrictPage.objects.all())
    )
    client = Client()
    client.get("/candidaturas/")
    timings = {}
    for label, url in (
        ("list, no filter", "/candidaturas/"),
        ("list, q + gender", "/candidaturas/?q=garcia&genero=mujer&pagina=3"),
        ("list, district", "/candidaturas/?distrito=7"),
    ):
        start = time.perf_counter()
        client.get(url)
        timings[label] = time.perf_counter() - start
    start = time.perf_counter()
    rows = b"".join(client.get("/candidaturas.csv").streaming_content).count(b"\n") - 1
    csv_time = time.perf_counter() - start

    print(
        f"candidacy import (SQLite): {report.created} candidacies in {first:.2f} s "
        f"(budget {IMPORT_BUDGET:.0f} s)"
    )
    for label, seconds in timings.items():
        print(f"/candidaturas/ {label} on {total:,} rows: {seconds * 1000:.0f} ms")
    print(f"/candidaturas.csv: {rows:,} rows in {csv_time:.2f} s (budget {CSV_BUDGET:.0f} s)")
    ok = first < IMPORT_BUDGET and max(timings.values()) < PAGE_BUDGET and csv_time < CSV_BUDGET
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
