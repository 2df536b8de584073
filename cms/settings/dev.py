from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
# The dev server serves static files from the finders; no manifest needed.
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# setup_site creates a demo administrator only when this is true.
DEMO_ACCOUNTS = True
