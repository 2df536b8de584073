"""Test settings with an on-disk SQLite test database, for the concurrency tests:

    .venv/bin/python -m pytest --ds=tests.participation.sqlite_file_settings \
        tests/participation/test_concurrency.py
"""

from cms.settings.test import *  # noqa: F403

DATABASES["default"]["TEST"] = {"NAME": "/tmp/decide_part_test.sqlite3"}  # noqa: F405
