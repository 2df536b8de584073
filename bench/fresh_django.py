"""Shared start of the SQLite benchmarks: Django on a new, migrated database.

Not a benchmark itself (bench/run.py runs only bench_*.py). Import it from a
benchmark script, which Python runs with bench/ first on its path.
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def migrated_sqlite_django(prefix):
    """Point Django at a new SQLite file (never DATABASE_URL), set it up and migrate."""
    sys.path.insert(0, str(ROOT))
    tmp = tempfile.mkdtemp(prefix=prefix)
    os.environ.pop("DATABASE_URL", None)
    os.environ["SQLITE_PATH"] = str(Path(tmp) / "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
