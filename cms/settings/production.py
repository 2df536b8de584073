"""Production: everything secret or host-specific comes from the environment.

Required: DJANGO_SECRET_KEY, ALLOWED_HOSTS (comma-separated). Recommended:
DATABASE_URL (PostgreSQL), REDIS_URL, EMAIL_HOST & co, CSRF_TRUSTED_ORIGINS.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False


def _required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable to run in production.")
    return value


SECRET_KEY = _required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in _required("ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
DEMO_ACCOUNTS = False

# Outgoing mail (moderation notices, digests): an SMTP relay, localhost by default.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "25")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": os.environ.get("EMAIL_USE_TLS", "false").lower() == "true",
        },
    }
}

# Wagtail's page preview and the image focal-point editor frame the site
# itself, which needs X-Frame-Options SAMEORIGIN (not DENY).
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# Behind a reverse proxy the client address comes from X-Forwarded-For, believed
# only from the proxies listed in TRUSTED_PROXIES (read in base.py, home/network.py).
