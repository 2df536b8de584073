"""Counting consultations: which request counts, under which key, and where it goes.

What a count keeps: the day and a key (a section of the site, an electoral
section number turned into its municipality and district, a glossary term).
No cookie is read or set, no address is looked at, nothing else of the
request is kept.

Public pages are served from caches (browsers, a reverse proxy, later a CDN),
so a middleware would only see the misses. Pages count themselves instead:
`static/js/site.js` sends a tiny beacon (`navigator.sendBeacon`) to
`/participa/visita/` (never cached), and without JavaScript the `<noscript>`
pixel `/participa/visita.gif` does the same (templates/base.html). Both land in
`record()`.

Write path: with STATISTICS_REDIS_URL (REDIS_URL by default) every count is one
pipelined HINCRBY on the day's hash, and `manage.py flush_statistics` (cron,
every minute) moves the hashes into DailyCount rows; without Redis every count
is one INSERT … ON CONFLICT DO UPDATE SET n = n + k on DailyCount.
"""

import re
import uuid
from collections import Counter
from datetime import date

import redis
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from electoral.glossary.search import search_entries
from electoral.models import GlossaryEntryPage, GlossaryIndexPage, Section
from home.text import fold_case_and_spacing

from . import models as m

# Sections of the site: (path prefix, key, Spanish label). First match wins.
SECTIONS = [
    ("/partidos/", "perfiles", "Perfiles de candidaturas", r"^/partidos/[^/]+/candidaturas/."),
    ("/partidos/", "partidos", "Partidos y plataformas", None),
    ("/quitadudas/", "quitadudas", "Quitadudas electoral", None),
    ("/organos/", "organos", "Qué se elige", None),
    ("/geografia/", "geografia", "Geografía electoral", None),
    ("/mi-boleta/", "boletas", "Mi boleta", None),
    ("/candidaturas", "candidaturas", "Lista de candidaturas", None),
    ("/resultados/", "resultados", "Resultados", None),
    ("/datos/", "datos", "Datos abiertos", None),
    ("/estadisticas/", "estadisticas", "Estadísticas", None),
    ("/aviso-de-privacidad/", "aviso", "Aviso de privacidad", None),
]
HOME = "inicio"
OTHER = "otras"
SECTION_LABELS = {
    HOME: "Inicio",
    **{key: label for _, key, label, _ in SECTIONS},
    OTHER: "Otras páginas",
}
SECTION_ORDER = list(SECTION_LABELS)

# Requests that are not a person reading: crawlers, link previews, monitors,
# scripted clients and headless browsers. An empty user agent is not a person either.
BOT_PATTERN = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|scrape|fetch|preview|monitor|uptime|check|lighthouse|"
    r"headless|phantom|selenium|playwright|puppeteer|curl|wget|python|httpx|aiohttp|"
    r"go-http|java/|okhttp|libwww|perl|ruby|php|node-fetch|axios|facebookexternalhit|"
    r"whatsapp|telegram|discord|slack|embedly|bingpreview|yahoo|baidu|yandex|duckduck",
    re.IGNORECASE,
)
MAX_PATH = 200
MAX_QUERY = 80


def is_bot(user_agent):
    return not user_agent or bool(BOT_PATTERN.search(user_agent))


def is_prefetch(meta):
    """A prefetch or a prerender not yet shown (Purpose / Sec-Purpose / X-Moz / X-Purpose)."""
    for header in ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ"):
        value = meta.get(header, "").lower()
        if "prefetch" in value or "prerender" in value or "preview" in value:
            return True
    return False


def counts_request(request):
    """Whether a beacon or pixel request is a person's page view to count."""
    meta = request.META
    if is_bot(meta.get("HTTP_USER_AGENT", "")) or is_prefetch(meta):
        return False
    # Same-origin only: another site cannot make its visitors count here.
    site = meta.get("HTTP_SEC_FETCH_SITE", "")
    return site in ("", "same-origin", "none")


def section_of(path):
    if path == "/":
        return HOME
    for prefix, key, _label, pattern in SECTIONS:
        if path.startswith(prefix) and (pattern is None or re.match(pattern, path)):
            return key
    return OTHER


_BALLOT = re.compile(r"^/mi-boleta/(\d{1,6})/$")
_GLOSSARY_ENTRY = re.compile(r"^/quitadudas/([a-z0-9-]{1,100})/$")


def raw_fields(path, query=""):
    """The counters one page view adds to (before resolving section numbers and
    searches): 'v:<section>', 'b:<section number>', 'g:<term slug>', 's:<search>'."""
    path = (path or "")[:MAX_PATH]
    if not path.startswith("/"):
        return []
    fields = [f"v:{section_of(path)}"]
    if ballot := _BALLOT.match(path):
        fields.append(f"b:{int(ballot.group(1))}")
    elif entry := _GLOSSARY_ENTRY.match(path):
        fields.append(f"g:{entry.group(1)}")
    elif path == "/quitadudas/" and query.strip():
        fields.append("s:" + fold_case_and_spacing(query)[:MAX_QUERY])
    return fields


def resolve(raw):
    """{raw field: n} -> {(metric, key): n}: section numbers become their municipality
    and district, term slugs are kept only when they are live glossary entries, a
    search becomes the entry it found first ("" when none). Unknown ones are dropped."""
    out = Counter()
    numbers, slugs, searches = Counter(), Counter(), Counter()
    for field, n in raw.items():
        kind, _, value = field.partition(":")
        n = int(n)
        if kind == "v" and value in SECTION_LABELS:
            out[(m.VISITS, value)] += n
        elif kind == "b" and value.isdigit():
            numbers[int(value)] += n
        elif kind == "g":
            slugs[value] += n
        elif kind == "s" and value:
            searches[value] += n
    if numbers:
        for number, municipality, district in Section.objects.filter(
            number__in=numbers
        ).values_list("number", "municipality__slug", "district__number"):
            out[(m.BALLOT_MUNICIPALITY, municipality)] += numbers[number]
            out[(m.BALLOT_DISTRICT, str(district))] += numbers[number]
    if slugs:
        live = set(
            GlossaryEntryPage.objects.live()
            .filter(slug__in=list(slugs))
            .values_list("slug", flat=True)
        )
        for slug in live:
            out[(m.GLOSSARY_TERM, slug)] += slugs[slug]
    if searches:
        index = GlossaryIndexPage.objects.live().first()
        entries = list(index.entries()) if index else []
        for query, n in searches.items():
            found = search_entries(query, entries, index.entries()) if index else []
            out[(m.GLOSSARY_SEARCH, found[0].slug if found else "")] += n
    return out


def add(day, counts):
    """Add {(metric, key): n} to the day's rows: one upsert statement per row,
    `n = n + k` in the database (no read, no lost update under concurrency)."""
    rows = [(day, metric, key, n) for (metric, key), n in counts.items() if n]
    if not rows:
        return
    q = connection.ops.quote_name
    table = q(m.DailyCount._meta.db_table)
    d, me, k, n = q("day"), q("metric"), q("key"), q("n")
    sql = (
        f"INSERT INTO {table} ({d}, {me}, {k}, {n}) VALUES (%s, %s, %s, %s) "
        f"ON CONFLICT ({d}, {me}, {k}) DO UPDATE SET {n} = {table}.{n} + EXCLUDED.{n}"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            sql, [(connection.ops.adapt_datefield_value(r[0]), *r[1:]) for r in rows]
        )


# --- Redis ------------------------------------------------------------------

_PENDING = "decide:stats:day:"  # + ISO day: hash of raw field -> n
_FLUSHING = "decide:stats:flushing:"  # + ISO day + ":" + uuid: taken by a flush
_client = None
_client_url = None


def redis_url():
    return settings.STATISTICS_REDIS_URL


def redis_client():
    """A Redis client when STATISTICS_REDIS_URL (REDIS_URL by default) is set, else None."""
    global _client, _client_url
    url = redis_url()
    if not url:
        return None
    if _client is None or _client_url != url:
        _client, _client_url = redis.Redis.from_url(url, socket_timeout=0.5), url
    return _client


def record(path, query="", day=None):
    """Count one page view of `path` (with the glossary search `query`, if any)."""
    fields = raw_fields(path, query)
    if not fields:
        return
    day = day or timezone.localdate()
    client = redis_client()
    if client is None:
        add(day, resolve(Counter(fields)))
        return
    key = _PENDING + day.isoformat()
    pipe = client.pipeline(transaction=False)
    for field in fields:
        pipe.hincrby(key, field, 1)
    pipe.execute()


def flush():
    """Move the counts waiting in Redis into DailyCount; returns how many views moved.

    Each day's hash is renamed first (atomic), so counts arriving meanwhile go
    to a new hash; a flush that fails leaves its renamed hash for the next one.
    """
    client = redis_client()
    if client is None:
        return 0
    lock = client.lock("decide:stats:flush-lock", timeout=300, blocking_timeout=30)
    if not lock.acquire():
        return 0
    try:
        return _flush(client)
    finally:
        lock.release()


def _flush(client):
    for pending in client.scan_iter(match=_PENDING + "*"):
        pending = pending.decode()
        day = pending.removeprefix(_PENDING)
        try:
            client.rename(pending, f"{_FLUSHING}{day}:{uuid.uuid4().hex}")
        except Exception:  # noqa: BLE001 - vanished meanwhile (another flush took it)
            continue
    moved = 0
    for taken in client.scan_iter(match=_FLUSHING + "*"):
        taken = taken.decode()
        day = date.fromisoformat(taken.removeprefix(_FLUSHING).split(":", 1)[0])
        raw = {f.decode(): int(n) for f, n in client.hgetall(taken).items()}
        add(day, resolve(raw))
        client.delete(taken)
        moved += sum(n for f, n in raw.items() if f.startswith("v:"))
    return moved


def pending_in_redis():
    """Page views counted in Redis and not flushed yet (the admin shows it)."""
    client = redis_client()
    if client is None:
        return 0
    total = 0
    for key in client.scan_iter(match="decide:stats:*:*"):
        for field, n in client.hgetall(key).items():
            if field.startswith(b"v:"):
                total += int(n)
    return total
