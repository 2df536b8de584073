"""Import all geography (125 municipalities, 45 districts, 6,544 sections, shapes, maps)
into a fresh SQLite database and time it.

Budget (issue 3): under 5 s on SQLite for the first import; the map SVG of the whole
state under 150 KB. Also times a second (idempotent, nothing to change) run.
Run: `.venv/bin/python bench/bench_geography_import.py` (or `make bench`).
"""

import sys
import time

from fresh_django import migrated_sqlite_django

BUDGET_SECONDS = 5.0
MAP_BUDGET_BYTES = 150 * 1024


def main():
    migrated_sqlite_django("bench-geo-")
    from electoral.geography.importing import import_geography
    from home.pagetree import ensure_home_page

    ensure_home_page(title="Decide IEEM")
    start = time.perf_counter()
    report = import_geography()
    first = time.perf_counter() - start
    start = time.perf_counter()
    import_geography()
    second = time.perf_counter() - start

    map_bytes = report["mapas"].extra["bytes"]
    print(
        f"geography import (SQLite): first {first:.2f} s, again {second:.2f} s "
        f"(budget {BUDGET_SECONDS:.0f} s); "
        f"{report['municipios'].total} municipalities, {report['distritos'].total} districts, "
        f"{report['secciones'].total} sections; both maps {map_bytes / 1024:.0f} KB "
        f"(budget {MAP_BUDGET_BYTES // 1024} KB)"
    )
    return 0 if first < BUDGET_SECONDS and map_bytes < MAP_BUDGET_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
