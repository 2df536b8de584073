"""Production settings for bench_reactions.py (loopback, high abuse limits)."""

import warnings

from cms.settings.production import *  # noqa: F403

STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Every benchmark participant comes from 127.0.0.1: lift the per-address limits.
PARTICIPATION_LIMITS = {
    "reaction_address": (10**9, 60),
    "cookie_address": (10**9, 3600),
    "cookie_address_day": (10**9, 86400),
    "reaction_participant": (10**6, 60),
    # every benchmark participant is fresh and on loopback: still counted, never flagged
    "burst_flag": (10**9, 600),
    "burst_refuse": (10**9, 600),
    "burst_refuse_day": (10**9, 86400),
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}

# collectstatic is not run for the benchmark; whitenoise's warning is noise here.
warnings.filterwarnings("ignore", message="No directory at")
