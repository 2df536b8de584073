"""The per-process front of a shared page cache (issue 19: cache hits with Redis).

With Redis (`REDIS_URL`) every process shares the `pages` cache, and a hit
used to cost two Redis round trips: the generation, then the page. On this
2-core machine that halved the cached pages (0.47x the static file instead of
1.0x with local memory). Two pieces take both trips off the hit path:

- **LocalPages**: a bounded LRU of stored responses in each process, in front
  of the shared cache, capped in bytes (`PAGE_CACHE_LOCAL_MAX_BYTES`, 32 MiB by
  default; 0 switches it off) and per entry (an eighth of that). An entry is
  kept for one generation only (a new generation empties it) and never past
  the expiry stored with the page (its lifetime, capped by the next calendar
  date, as in the shared cache).
- **GenerationWatcher**: the generation kept in the process and refreshed by
  Redis pub/sub. A daemon thread, started lazily in each process (checked
  against the process id, so a fork starts its own), subscribes to the
  generation's channel and then reads the generation; every purge publishes
  on that channel, and the thread reads the generation again when told.
  It also re-reads it every RECHECK_SECONDS, and the kept value is trusted
  only for LEASE_SECONDS after the thread last heard from Redis: if the
  subscription dies silently (a dropped connection, a stalled thread), the
  requests fall back to reading the generation from Redis themselves, as
  before. `PAGE_CACHE_GENERATION_PUBSUB=false` always reads it.

Worst-case staleness (README «Caching»): normally the time for the message to
arrive and the thread to run (milliseconds: Python switches threads every
5 ms); the process that purges sees its own purge at once; if pub/sub fails
without an error, at most LEASE_SECONDS.
"""

import logging
import os
import threading
import time
from collections import OrderedDict

import redis
from django.conf import settings

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 32 * 1024 * 1024
# Bytes counted per entry beyond its body and headers (the tuple, the key).
ENTRY_OVERHEAD = 256
RECHECK_SECONDS = 1.0
LEASE_SECONDS = 3.0


def entry_size(entry):
    _status, headers, content = entry[:3]
    return len(content) + sum(len(n) + len(v) for n, v in headers) + ENTRY_OVERHEAD


class LocalPages:
    """Stored responses of one generation, least recently used out first."""

    def __init__(self, max_bytes=DEFAULT_MAX_BYTES, max_entry_bytes=None):
        self.max_bytes = max_bytes
        self.max_entry_bytes = max_bytes // 8 if max_entry_bytes is None else max_entry_bytes
        self._entries = OrderedDict()  # key -> (expires at, Unix time; size; entry)
        self._bytes = 0
        self._generation = None
        self._lock = threading.Lock()
        self.pid = os.getpid()

    @property
    def size(self):
        return self._bytes

    def __len__(self):
        return len(self._entries)

    def _reset(self, generation):
        self._entries.clear()
        self._bytes = 0
        self._generation = generation

    def get(self, generation, key, now=None):
        with self._lock:
            if generation != self._generation:
                self._reset(generation)  # a purge: nothing kept is valid any more
                return None
            item = self._entries.get(key)
            if item is None:
                return None
            if item[0] <= (time.time() if now is None else now):
                del self._entries[key]
                self._bytes -= item[1]
                return None
            self._entries.move_to_end(key)
            return item[2]

    def put(self, generation, key, entry, expires_at, size=None):
        """Keep `entry` until `expires_at` (Unix time) for `generation`.

        Only for the generation this process last read: a request that began
        before a purge never puts its page among the new generation's. `size`:
        the bytes of an entry that is not a stored response (home/fragments.py).
        """
        size = entry_size(entry) if size is None else size + ENTRY_OVERHEAD
        if size > self.max_entry_bytes or expires_at is None:
            return False
        with self._lock:
            if generation != self._generation:
                return False
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            self._entries[key] = (expires_at, size, entry)
            self._bytes += size
            while self._bytes > self.max_bytes:
                _key, (_expires, dropped, _entry) = self._entries.popitem(last=False)
                self._bytes -= dropped
        return True


_local = {}


def local_pages(alias):
    """This process's LocalPages in front of the cache `alias` (None when off)."""
    max_bytes = int(getattr(settings, "PAGE_CACHE_LOCAL_MAX_BYTES", DEFAULT_MAX_BYTES))
    if max_bytes <= 0:
        return None
    pages = _local.get(alias)
    if pages is None or pages.max_bytes != max_bytes or pages.pid != os.getpid():
        pages = _local[alias] = LocalPages(max_bytes)
    return pages


# --- The generation, kept by pub/sub -------------------------------------------


def redis_location(alias):
    """The Redis URL of the cache `alias`, or None when it is not Redis."""
    config = settings.CACHES[alias]
    if not config["BACKEND"].endswith("RedisCache"):
        return None
    location = config["LOCATION"]
    return location[0] if isinstance(location, (list, tuple)) else location.split(",")[0]


_clients = {}


def redis_client(location):
    client = _clients.get(location)
    if client is None:
        client = _clients[location] = redis.Redis.from_url(
            location, socket_timeout=2, socket_connect_timeout=2
        )
    return client


class GenerationWatcher:
    """The generation of one Redis cache, kept in this process (module docstring).

    `read` is called (in the watcher's thread) to read the generation from
    Redis; `channel` is where purges publish.
    """

    def __init__(self, location, channel, read):
        self.location = location
        self.channel = channel
        self.read = read
        self._start_process()

    def _start_process(self):
        self.pid = os.getpid()
        # Never a lock or an event a thread of the parent held at the fork.
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.value = None
        self.heard_at = float("-inf")  # monotonic time the thread last heard from Redis
        self.epoch = 0  # changes at every local set: a read begun before it is stale
        self.thread = None

    def current(self):
        """The kept generation, or None when it cannot be trusted (read it from Redis)."""
        if self.pid != os.getpid():  # forked: the thread stayed in the parent
            self._start_process()
        if self.thread is None or not self.thread.is_alive():
            self._start_thread()
        if time.monotonic() - self.heard_at < LEASE_SECONDS:
            return self.value
        return None

    def set_local(self, value):
        """This process purged: it sees the new generation at once."""
        with self._lock:
            self.epoch += 1
            self.value = value

    def stop(self):
        self._stopping.set()

    def _start_thread(self):
        if self._stopping.is_set():
            return
        self.thread = threading.Thread(
            target=self._run, args=(self._stopping,), name="pagecache-generation", daemon=True
        )
        self.thread.start()

    def _refresh(self):
        with self._lock:
            epoch = self.epoch
        value = self.read()
        with self._lock:
            if epoch == self.epoch:  # no local purge meanwhile (it is newer)
                self.value = value
            self.heard_at = time.monotonic()

    def _run(self, stopping):
        delay = 0.1
        while not stopping.is_set():
            pubsub = None
            try:
                pubsub = redis.Redis.from_url(
                    self.location,
                    socket_timeout=RECHECK_SECONDS + 2,
                    socket_connect_timeout=2,
                ).pubsub()
                pubsub.subscribe(self.channel)
                # Subscribed first, then read: no purge falls in between.
                while (reply := pubsub.get_message(timeout=RECHECK_SECONDS)) is None:
                    if stopping.is_set():
                        return
                if reply["type"] != "subscribe":
                    raise RuntimeError(f"unexpected reply {reply['type']}")
                self._refresh()
                delay = 0.1
                checked = time.monotonic()
                while not stopping.is_set():
                    message = pubsub.get_message(timeout=RECHECK_SECONDS)
                    if stopping.is_set():
                        return
                    if message is not None and message["type"] == "message":
                        self._refresh()
                        checked = time.monotonic()
                    elif time.monotonic() - checked >= RECHECK_SECONDS:
                        self._refresh()  # a missed message, or a silent outage: bounded
                        checked = time.monotonic()
            except Exception:  # Redis down or unusable: requests read it themselves  # noqa: BLE001
                if stopping.is_set():
                    return
                log.warning("page cache: generation subscription failed", exc_info=True)
                with self._lock:
                    self.heard_at = float("-inf")
                stopping.wait(delay)
                delay = min(delay * 2, 5.0)
            finally:
                if pubsub is not None:
                    try:
                        pubsub.close()
                    except Exception:  # noqa: BLE001
                        log.debug("page cache: closing the subscription failed", exc_info=True)


_watchers = {}


def watcher(alias, channel, read):
    """The GenerationWatcher of the Redis cache `alias` (None: not Redis, or off)."""
    if not getattr(settings, "PAGE_CACHE_GENERATION_PUBSUB", True):
        return None
    location = redis_location(alias)
    if location is None:
        return None
    key = (location, channel)
    found = _watchers.get(key)
    if found is None:
        found = _watchers[key] = GenerationWatcher(location, channel, read)
    return found


def publish(alias, channel, value):
    """Tell every process's watcher that the generation changed."""
    location = redis_location(alias)
    if location is None:
        return
    redis_client(location).publish(channel, value)
