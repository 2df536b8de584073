"""Settings shared by every environment.

Environment-specific files (dev, test, production) import * from here and
override. Services are chosen by environment variables: DATABASE_URL selects
the database (SQLite file in the project folder when unset) and REDIS_URL a
shared Redis cache (local memory when unset).
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
# Keys of the participant and network-address hashes (participation/identity.py).
# Required in production; elsewhere SECRET_KEY stands in when they are empty.
PARTICIPATION_PARTICIPANT_KEY = os.environ.get("PARTICIPANT_HASH_KEY", "")
PARTICIPATION_ADDRESS_KEY = os.environ.get("ADDRESS_HASH_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "home",
    "electoral",
    "participation",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # The statistics' page-view beacon: answered (204) before everything else.
    "participation.statistics.middleware.VisitBeaconMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # After Django's CSP middleware: picks the admin policy, keeps the nonce.
    "home.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Issue 19: ETag/304 (for cached pages too), the origin cache of anonymous
    # public pages (home/pagecache.py), then brotli/gzip of responses without
    # secrets (home/compression.py), all before the session is even read.
    "django.middleware.http.ConditionalGetMiddleware",
    "home.pagecache.PageCacheMiddleware",
    "home.compression.CompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "home.security.AdminIdleTimeoutMiddleware",
    "electoral.editorial.middleware.PartyEditorAdminMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Issue 19: a page found by its URL in two queries, not two per tree level.
    "home.routing.PageRouteMiddleware",
    "home.middleware.PublicCacheHeadersMiddleware",
    # Last, so that lock-outs see every other middleware's work.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_shell",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# --- Database -------------------------------------------------------------
# DATABASE_URL (e.g. postgres://user:pass@host:5432/name) wins. Without it an
# embedded SQLite file is used, tuned so that several app processes (two
# gunicorn workers, a management command) can write at once: WAL journal,
# IMMEDIATE transactions (the write lock is taken at BEGIN, so no deadlocked
# upgrade from a read lock) and a busy timeout instead of "database is locked".
SQLITE_PATH = Path(os.environ.get("SQLITE_PATH", BASE_DIR / "db.sqlite3"))
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA busy_timeout=20000;"
        "PRAGMA foreign_keys=ON;"
    ),
}


def database_from_env():
    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": SQLITE_PATH,
        "OPTIONS": dict(SQLITE_OPTIONS),
        # Kept open across requests, as PostgreSQL's: opening one costs ~1.4 ms
        # (the PRAGMAs, Django's SQL functions, and the last connection to close
        # checkpoints and deletes the WAL), more than half of a reaction POST
        # (bench/load.py --only reactions: README «Caching»).
        "CONN_MAX_AGE": 60,
    }


DATABASES = {"default": database_from_env()}
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if IS_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")


# A read replica for public reads (issue 19, scale-out): DATABASE_REPLICA_URL,
# parsed as DATABASE_URL is, adds the `replica` alias, a router and a middleware
# (home/replica.py): the reads of anonymous GET/HEAD requests of public pages go
# to the replica; writes, the admin, POSTs, /participa/, signed-in users and
# migrations use `default`. REPLICA_LAG_SECONDS after each page-cache purge
# (a publish, an import) reads use the primary too, so that no page rendered
# from a replica that has not caught up is cached under the new generation.
def replica_from_env():
    url = os.environ.get("DATABASE_REPLICA_URL", "").strip()
    if not url:
        return None
    replica = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    # Under test the replica is the test database itself, never a second one.
    replica["TEST"] = {"MIRROR": "default"}
    return replica


REPLICA_LAG_SECONDS = float(os.environ.get("REPLICA_LAG_SECONDS", "10"))
# A replica that does not answer is left alone this long; one whose replay lags
# more than REPLICA_MAX_LAG_SECONDS (default: REPLICA_LAG_SECONDS) is not read,
# asked at most every REPLICA_CHECK_SECONDS (home/replica.py).
REPLICA_RETRY_SECONDS = float(os.environ.get("REPLICA_RETRY_SECONDS", "10"))
REPLICA_MAX_LAG_SECONDS = float(os.environ.get("REPLICA_MAX_LAG_SECONDS", str(REPLICA_LAG_SECONDS)))
REPLICA_CHECK_SECONDS = float(os.environ.get("REPLICA_CHECK_SECONDS", "1"))
_replica = replica_from_env()
if _replica:
    DATABASES["replica"] = _replica
    DATABASE_ROUTERS = ["home.replica.PublicReadReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
        "home.replica.PublicReadReplicaMiddleware",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "decide",
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "decide-ieem",
            "TIMEOUT": 300,
        }
    }

# The statistics' page-view counters (participation/statistics/counting.py):
# batched in this Redis when set (REDIS_URL by default), flushed to the database
# by `manage.py flush_statistics`; empty: one database upsert per view.
STATISTICS_REDIS_URL = os.environ.get("STATISTICS_REDIS_URL", REDIS_URL or "")

# Seconds a public page may be kept by browsers and shared caches. Pages for
# anonymous visitors carry no per-visitor content (see docs in README).
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "300"))

# --- Election-night performance (issue 19; README «Caching») ----------------
# Shared caches (a CDN) may keep a public page this long (s-maxage); with
# FRONTEND_CACHE_* set below they are purged on publish, so it can be long.
CDN_CACHE_SECONDS = int(os.environ.get("CDN_CACHE_SECONDS", str(PUBLIC_CACHE_SECONDS)))
STALE_WHILE_REVALIDATE_SECONDS = int(os.environ.get("STALE_WHILE_REVALIDATE_SECONDS", "30"))
# The origin cache of anonymous public pages (home/pagecache.py): its own cache
# alias (Redis when REDIS_URL is set, local memory otherwise), purged by a
# site-wide generation on every change of what pages show.
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE_ENABLED", "true").lower() == "true"
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Rendered page bodies kept per generation, for anonymous visitors, with the
# origin cache on or off (home/fragments.py): uncached pages skip the glossary
# linker and most of their template work.
FRAGMENT_CACHE_ENABLED = os.environ.get("FRAGMENT_CACHE_ENABLED", "true").lower() == "true"
# The site-wide data every page reads whatever its content (where a URL leads,
# the view restrictions, the election calendar), kept for the same generation,
# with the fragments off too: the fixed cost of an uncached request
# (home/fragments.py `memo(shell=True)`, README «Caching»).
SHELL_CACHE_ENABLED = os.environ.get("SHELL_CACHE_ENABLED", "true").lower() == "true"
# With Redis, each process keeps the pages it served in front of it (an LRU of
# this many bytes; 0: off) and the generation by Redis pub/sub (false: read it
# from Redis at every request): home/frontcache.py, README «Caching».
PAGE_CACHE_LOCAL_MAX_BYTES = int(os.environ.get("PAGE_CACHE_LOCAL_MAX_BYTES", str(32 * 1024**2)))
PAGE_CACHE_GENERATION_PUBSUB = (
    os.environ.get("PAGE_CACHE_GENERATION_PUBSUB", "true").lower() == "true"
)
if REDIS_URL:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "decide-pages",
        "TIMEOUT": PAGE_CACHE_SECONDS,
    }
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "decide-ieem-pages",
        "TIMEOUT": PAGE_CACHE_SECONDS,
        # About 2,000 pages of ~20 KB compressed per process.
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }


def frontend_cache_from_env(environ):
    """wagtail.contrib.frontend_cache backends from the environment (README «Caching»).

    FRONTEND_CACHE_HTTP_URL: Varnish, nginx or any proxy that takes HTTP PURGE.
    FRONTEND_CACHE_CLOUDFLARE_ZONEID with FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN.
    FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID (needs boto3 and AWS credentials
    in the usual AWS_* variables). Several may be set at once.
    """
    backends = {}
    if environ.get("FRONTEND_CACHE_HTTP_URL"):
        backends["http"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": environ["FRONTEND_CACHE_HTTP_URL"],
        }
    if environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": environ["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
            "BEARER_TOKEN": environ.get("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN", ""),
        }
    if environ.get("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"):
        backends["cloudfront"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": environ["FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"],
        }
    hostnames = [
        h.strip() for h in environ.get("FRONTEND_CACHE_HOSTNAMES", "").split(",") if h.strip()
    ]
    if hostnames:
        for backend in backends.values():
            backend["HOSTNAMES"] = hostnames
    return backends


# The CDN in front of the site: publishing a page purges it there too (Wagtail's
# own handlers); every other purge of the origin cache (home/pagecache.py)
# purges PAGE_CACHE_CDN_PATHS, the pages that list others.
WAGTAILFRONTENDCACHE = frontend_cache_from_env(os.environ)
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.insert(
        INSTALLED_APPS.index("wagtail.contrib.forms"), "wagtail.contrib.frontend_cache"
    )
PAGE_CACHE_CDN_PATHS = [
    p.strip()
    for p in os.environ.get(
        "PAGE_CACHE_CDN_PATHS",
        "/,/geografia/,/partidos/,/candidaturas/,/resultados/,/quitadudas/,/estadisticas/,/organos/",
    ).split(",")
    if p.strip()
]

# /favicon.ico (and any file in static/root/) at the site's root, by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"

# --- Auth -----------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "wagtailadmin_login"

# Client addresses (home/network.py): X-Forwarded-For is believed only from
# these proxies (addresses or networks, comma-separated in the environment).
# Empty: the address of the connection is the client's.
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]
# Limits count an IPv6 client by its network of this prefix length (one subscriber's /64).
IPV6_BUCKET_PREFIX = 64

# django-axes: lock out after repeated failures of one account from one address
# (a stranger elsewhere cannot lock an editor out). The address it stores is a
# pseudonym (participation.identity.login_address): a keyed hash under the
# day's secret, never the raw address. Successful logins are not recorded
# (no AccessLog); `manage.py purge_access_logs` deletes expired attempts.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "participation.identity.login_address"
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_ENABLED = True

# --- Internationalisation -------------------------------------------------
# The first Wagtail Locale is created from LANGUAGE_CODE at the first migrate.
LANGUAGE_CODE = "es-mx"
LANGUAGES = [("es-mx", "Español (México)")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("es", "Español")]
TIME_ZONE = "America/Mexico_City"
USE_I18N = True
# Spanish for the Wagtail admin strings its own catalogue does not translate yet
# (locale/es/LC_MESSAGES; wins over every app's catalogue).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

# --- Static and media -----------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# --- Wagtail --------------------------------------------------------------
WAGTAIL_SITE_NAME = "Decide IEEM"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party requests, in the admin either: Wagtail would load avatars from
# gravatar.com (with a hash of each editor's e-mail); it shows its own default one.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# --- Uploads ----------------------------------------------------------------
# Images: raster formats only. SVG is refused (it can carry scripts), so are
# GIF/AVIF/HEIC, which the site does not need. Documents: the formats IEEM and
# the parties publish; they are always downloaded as attachments, never shown
# inline by the browser (an HTML or PDF with scripts cannot run on our origin).
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024  # 5 MB
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # 40 megapixels: no decompression bombs
WAGTAILDOCS_EXTENSIONS = ["pdf", "csv", "xlsx", "docx", "odt", "ods", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024  # 20 MB
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
# Request bodies: 20 MB at most for an upload, 2.5 MB for a form without files
# (Django's default), 2,000 fields (the admin's StreamField forms are large).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True

# Wagtail's database search backend. On PostgreSQL it uses full-text search
# with the "spanish_unaccent" configuration (Spanish stemming, accents
# ignored) that home/migrations creates; on SQLite it uses FTS5, whose
# unicode61 tokenizer already folds accents and case.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "spanish_unaccent" if IS_POSTGRES else None,
    }
}
if not IS_POSTGRES:
    del WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"]

# --- Email ----------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Decide IEEM <decide@ieem.org.mx>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# --- Security defaults every environment keeps --------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No page may be framed by another site. Wagtail's preview views override it
# with SAMEORIGIN (its preview panel frames the page in the admin itself).
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# Content-Security-Policy (Django's django.middleware.csp; home/security.py).
# Public pages: everything from our own origin, scripts only from files or with
# the request's nonce, no inline styles, no framing at all.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# The Wagtail admin and its preview: the same for scripts; Wagtail's own styles
# use inline style attributes ('unsafe-inline' for styles only), uploads preview
# as blob: images, and the preview panel frames the admin's own preview views.
SECURE_CSP_ADMIN = {
    **SECURE_CSP,
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-src": [CSP.SELF],
    "worker-src": [CSP.SELF, "blob:"],
    "frame-ancestors": [CSP.SELF],
}
# The site uses no powerful browser feature.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "browsing-topics",
    )
)

# Admin sessions (IEEM staff and party editors) end after this many seconds
# without a request (home.security.AdminIdleTimeoutMiddleware), and after 12
# hours in any case.
ADMIN_IDLE_TIMEOUT_SECONDS = int(os.environ.get("ADMIN_IDLE_TIMEOUT_MINUTES", "30")) * 60
SESSION_COOKIE_AGE = 12 * 60 * 60

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
