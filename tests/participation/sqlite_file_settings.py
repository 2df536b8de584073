"""Test settings with an on-disk SQLite test database (under the temporary
directory, not /dev/shm as cms/settings/test.py), for the concurrency tests:

    .venv/bin/python -m pytest --ds=tests.participation.sqlite_file_settings \
        tests/participation/test_concurrency.py
"""

import os
import tempfile

from cms.settings.test import *  # noqa: F403

# One file per run, so two runs on one machine never share it.
DATABASES["default"]["TEST"] = {  # noqa: F405
    "NAME": os.path.join(tempfile.gettempdir(), f"decide_part_test_{os.getpid()}.sqlite3")
}
