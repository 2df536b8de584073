"""Settings of the server the browser journeys run against (tests/e2e/conftest.py).

As close to production as a local process allows: DEBUG off, the production
static storage (collectstatic into a fresh folder, hashed names, a manifest,
served by WhiteNoise), gunicorn. What differs: a throwaway SQLite database,
plain HTTP on 127.0.0.1 (no HTTPS redirect, no secure cookies), demo
accounts, e-mails written to files, a fast password hasher. The conftest sets
SQLITE_PATH, E2E_STATIC_ROOT, E2E_MAIL_DIR and MEDIA_ROOT for each run.
"""

import os
from pathlib import Path

from cms.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "e2e-only-key-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Production's storage: a missing file behind {% static %} fails here too.
STATIC_ROOT = Path(os.environ.get("E2E_STATIC_ROOT", BASE_DIR / "test-output/e2e-static"))  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
)

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {
            "file_path": os.environ.get("E2E_MAIL_DIR", str(BASE_DIR / "test-output/e2e-mail"))  # noqa: F405
        },
    }
}

# Journeys for party editors and moderators sign in with generated accounts.
DEMO_ACCOUNTS = True
WAGTAILADMIN_BASE_URL = os.environ.get("E2E_BASE_URL", "http://127.0.0.1")
# Many sign-ins from one address in a run are expected, not an attack.
AXES_ENABLED = False
