"""Production: everything secret or host-specific comes from the environment.

Required: DJANGO_SECRET_KEY, ALLOWED_HOSTS (comma-separated), PARTICIPANT_HASH_KEY
and ADDRESS_HASH_KEY (each a long random value, different from the others). Recommended:
DATABASE_URL (PostgreSQL), REDIS_URL, EMAIL_HOST & co, CSRF_TRUSTED_ORIGINS.
Scale-out: DATABASE_REPLICA_URL (a read replica for anonymous public reads, with
REPLICA_LAG_SECONDS; cms/settings/base.py and home/replica.py).
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


def _required_key(name, minimum=32):
    value = _required(name)
    if len(value) < minimum:
        raise ImproperlyConfigured(
            f"{name} is too short: use a random value of at least {minimum} characters "
            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))')."
        )
    return value


SECRET_KEY = _required_key("DJANGO_SECRET_KEY", minimum=50)
PARTICIPATION_PARTICIPANT_KEY = _required_key("PARTICIPANT_HASH_KEY")
PARTICIPATION_ADDRESS_KEY = _required_key("ADDRESS_HASH_KEY")
if len({SECRET_KEY, PARTICIPATION_PARTICIPANT_KEY, PARTICIPATION_ADDRESS_KEY}) < 3:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY, PARTICIPANT_HASH_KEY and ADDRESS_HASH_KEY "
        "must be three different values."
    )
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

# Every page says HTTPS-only and may only be reached through the proxy's TLS.
SECURE_CSP = {**SECURE_CSP, "upgrade-insecure-requests": True}
SECURE_CSP_ADMIN = {**SECURE_CSP_ADMIN, "upgrade-insecure-requests": True}

# Behind a reverse proxy the client address comes from X-Forwarded-For, believed
# only from the proxies listed in TRUSTED_PROXIES (read in base.py, home/network.py).
