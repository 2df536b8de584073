import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
if not REDIS_URL:  # noqa: F405
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "decide-ieem-test",
        }
    }
DEMO_ACCOUNTS = True
# Page views go straight to the database in tests, whatever REDIS_URL says; the
# Redis tests of participation/statistics set their own database.
STATISTICS_REDIS_URL = ""
# Uploaded files of the tests live beside the database snapshots they belong to
# (tests/helpers/snapshots.py), never in the project's media/.
MEDIA_ROOT = BASE_DIR / ".pytest_cache" / "d" / "decide-snapshots" / "media"  # noqa: F405
# SQLite: the test database is a file (in /dev/shm where there is one, so it
# costs what memory does), one per process, not Django's in-memory database:
# threads get connections of their own, so the concurrency tests run too.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    _test_dir = "/dev/shm" if os.access("/dev/shm", os.W_OK) else tempfile.gettempdir()
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(_test_dir, f"decide_test_{os.getpid()}.sqlite3")
    }
WAGTAILADMIN_BASE_URL = "http://testserver"
# The origin cache of pages (home/pagecache.py) is off in tests, so that
# query budgets measure the uncached work; tests/home/test_pagecache.py and
# tests/home/test_compression.py turn it on. It uses the default cache in
# tests, which tests/conftest.py empties around every test.
PAGE_CACHE_ENABLED = False
PAGE_CACHE_ALIAS = "default"
# The same for the rendered fragments of pages (home/fragments.py):
# tests/home/test_fragments.py turns them on; TEST_FRAGMENT_CACHE=true runs
# any part of the suite with them (every page test must pass both ways).
FRAGMENT_CACHE_ENABLED = os.environ.get("TEST_FRAGMENT_CACHE", "false").lower() == "true"
# The same for the site-wide data kept per generation (routes, the calendar:
# home/fragments.py `memo(shell=True)`): query budgets compare requests before
# and after data grows, and the first request after a purge reads them again.
# tests/home/test_routing.py and test_fragments.py turn it on; TEST_SHELL_CACHE=true
# runs any part of the suite with it.
SHELL_CACHE_ENABLED = os.environ.get("TEST_SHELL_CACHE", "false").lower() == "true"
# PostgreSQL: a test database need not survive a crash of the server, so its
# commits do not wait for the WAL to reach the disk (the snapshots' builds and
# the transactional tests commit thousands of times): 127 s -> 118 s for
# `make test-postgres` on the 2-core machine. Nothing else changes.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = (_options.get("options", "") + " -c synchronous_commit=off").strip()
