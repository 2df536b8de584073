"""Cold renders in one process (issue 19): each page rendered from scratch, with
the origin cache and the fragments of home/fragments.py off, production-like
settings (DEBUG off, cached template loader), through Django's test client.

    SQLITE_PATH=/tmp/decide_load.sqlite3 BENCH_STATIC_ROOT=/tmp/static \
        .venv/bin/python bench/cold_render.py [N] [--collectstatic] [--profile NAME] [--html DIR]

(the real data as bench/load.py builds it; the production keys are set to
dummies here; --collectstatic once first). Prints the median CPU ms per request
(process time: the machine is shared) and the queries of each page; `privacy`,
a short prose page, is the fixed part every page pays. The site-wide data kept
per generation (SHELL_CACHE_ENABLED: where URLs lead, the calendar) stays on,
as in production; SHELL_CACHE_ENABLED=false measures without it. --profile NAME
writes a cProfile of N renders of that page (NAME.prof) and prints its top
functions; --html DIR saves each page's HTML (CSRF/nonce attributes removed) to
compare two versions of the code.
"""

import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# The benchmark's production settings (hashed static files: run collectstatic with
# them and BENCH_STATIC_ROOT first, as bench/load.py does).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.load_settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "cold-render-" + "x" * 60)
os.environ.setdefault("PARTICIPANT_HASH_KEY", "p" * 40)
os.environ.setdefault("ADDRESS_HASH_KEY", "a" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["SECURE_SSL_REDIRECT"] = "false"
os.environ["PAGE_CACHE_ENABLED"] = "false"
os.environ["FRAGMENT_CACHE_ENABLED"] = "false"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def pages():
    from electoral.models import CandidateProfilePage, MunicipalityPage, PlatformPage

    platform = next(
        p
        for p in PlatformPage.objects.live().order_by("path").specific()
        if len(p.feedback_targets()) > 2
    )
    return {
        # The fixed part of every page: a short prose page (route, calendar,
        # menus, base template, the middleware chain).
        "privacy": "/aviso-de-privacidad/",
        "home": "/",
        "municipality": MunicipalityPage.objects.live().get(slug="toluca").url,
        "ballot": "/mi-boleta/5169/",
        "platform": platform.url,
        "profile": CandidateProfilePage.objects.live().order_by("path").first().url,
        "candidacies": "/candidaturas/?municipio=toluca",
        "results": "/resultados/municipios/toluca/",
        "geography": "/geografia/",
    }


VOLATILE = re.compile(r'\s(?:nonce|value)="[^"]*"|name="csrfmiddlewaretoken"[^>]*>')


def main(argv):
    n = int(argv[0]) if argv and argv[0].isdigit() else 30
    profile = argv[argv.index("--profile") + 1] if "--profile" in argv else None
    html_dir = Path(argv[argv.index("--html") + 1]) if "--html" in argv else None
    if "--collectstatic" in argv:
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()
    urls = pages()
    for name, url in urls.items():
        for _ in range(3):  # warm the per-process caches, as a running server's
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        if html_dir:
            html_dir.mkdir(parents=True, exist_ok=True)
            (html_dir / f"{name}.html").write_text(VOLATILE.sub("", response.content.decode()))
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        count = len(queries)  # now: the next request empties the log
        times = []
        for _ in range(n):
            start = time.process_time()
            client.get(url)
            times.append((time.process_time() - start) * 1000)
        print(f"{name:13} {statistics.median(times):7.2f} ms  {count:3} queries  {url}")
    if profile:
        import cProfile
        import pstats

        url = urls[profile]
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(n):
            client.get(url)
        profiler.disable()
        profiler.dump_stats(f"{profile}.prof")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main(sys.argv[1:])
