"""Production settings for bench/load.py: loopback, the benchmark's own static
folder, and the per-address limits lifted (every client is 127.0.0.1)."""

import os
from pathlib import Path

from bench.reactions_settings import *  # noqa: F403

# As in production: hashed, pre-compressed (gzip and brotli) static files.
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
)
if os.environ.get("BENCH_STATIC_ROOT"):
    STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
