"""Public reads from a real streaming replica (home/replica.py), made
deterministic by pausing the standby's replay: while it is paused, what the
primary commits is not on the replica, so each page shows which database it
was read from.

Run by `make test-replica` (tests/replica/conftest.py)."""

import re
import socket
import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connections
from django.test import Client

from electoral.models import MunicipalityPage, PlatformPage
from home import replica
from participation.models import DailyCount, Reaction
from tests.participation.conftest import participant_client, set_phase
from tests.replica.conftest import PRIMARY, REPLICA, served

pytestmark = [
    pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA]),
    pytest.mark.snapshot("site"),
]

NEW_TITLE = "Toluca (título publicado en el primario)"
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|SELECT .* FOR UPDATE)\b", re.IGNORECASE | re.DOTALL)


def anonymous():
    return Client(HTTP_ACCEPT_ENCODING="identity")


def signed_in_admin():
    client = Client(HTTP_ACCEPT_ENCODING="identity")
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def heading(response):
    assert response.status_code == 200, response.status_code
    found = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.DOTALL)
    assert found, "no <h1>"
    return re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip()


def toluca():
    return MunicipalityPage.objects.live().get(slug="toluca")


def publish_title(page, title):
    """What an editor's «Publicar» does, committed on the primary."""
    page.title = title
    page.save_revision().publish()


def titles(pk):
    """The page's title on each database."""
    return {
        alias: MunicipalityPage.objects.using(alias).get(pk=pk).title
        for alias in (PRIMARY, REPLICA)
    }


def test_the_settings_route_through_a_real_standby(standby):
    # The production settings path: DATABASE_REPLICA_URL made the alias, router, middleware.
    assert settings.DATABASE_ROUTERS == ["home.replica.PublicReadReplicaRouter"]
    assert "home.replica.PublicReadReplicaMiddleware" in settings.MIDDLEWARE
    servers = {}
    for alias in (PRIMARY, REPLICA):
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT pg_is_in_recovery(), current_database(), inet_server_port()")
            servers[alias] = cursor.fetchone()
    name = connections[PRIMARY].settings_dict["NAME"]
    # Two servers, one database: the snapshot copy made on the primary moments
    # ago, replayed on the standby.
    assert servers[PRIMARY] == (False, name, int(settings.DATABASES[PRIMARY]["PORT"] or 5432))
    assert servers[REPLICA] == (True, name, int(settings.DATABASES[REPLICA]["PORT"]))
    assert MunicipalityPage.objects.using(REPLICA).filter(slug="toluca").exists()
    # The standby refuses writes.
    with pytest.raises(DatabaseError, match="read-only transaction"):
        MunicipalityPage.objects.using(REPLICA).filter(slug="toluca").update(title="x")
    assert titles(toluca().pk)[PRIMARY] == "Toluca"


def test_with_replay_paused_anonymous_reads_are_the_replicas_and_the_rest_the_primarys(standby):
    page = toluca()
    url, old = page.url, page.title
    visitor = anonymous()
    visitor.get(url)  # a first visit may write (Wagtail's settings rows): on the primary
    standby.wait()
    response, queries = served(visitor, "get", url)
    assert heading(response) == old
    assert queries.replica and not queries.primary, queries.primary

    standby.pause()
    publish_title(page, NEW_TITLE)
    assert titles(page.pk) == {PRIMARY: NEW_TITLE, REPLICA: old}

    # An anonymous visitor reads the replica: the old title.
    response, queries = served(visitor, "get", url)
    assert heading(response) == old
    assert queries.replica and not queries.primary, queries.primary
    response, queries = served(visitor, "head", url)
    assert response.status_code == 200 and queries.replica and not queries.primary

    # A signed-in editor reads the primary: what they just published.
    editor = signed_in_admin()
    response, queries = served(editor, "get", url)
    assert heading(response) == NEW_TITLE
    assert queries.primary and not queries.replica, queries.replica
    response, queries = served(editor, "get", f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200 and NEW_TITLE in response.content.decode()
    assert queries.primary and not queries.replica, queries.replica

    # A POST, even anonymous, and /participa/ use the primary.
    response, queries = served(visitor, "post", url, data={"q": "1"})
    assert response.status_code < 500
    assert queries.primary and not queries.replica, queries.replica
    if response.status_code == 200:
        assert NEW_TITLE in response.content.decode()
    response, queries = served(visitor, "get", f"/participa/estado/?pagina={page.pk}")
    assert queries.primary and not queries.replica, (response.status_code, queries.replica)

    # Replay resumed and caught up: the visitor gets the new title, from the replica.
    standby.resume()
    standby.wait()
    assert titles(page.pk) == {PRIMARY: NEW_TITLE, REPLICA: NEW_TITLE}
    response, queries = served(visitor, "get", url)
    assert heading(response) == NEW_TITLE
    assert queries.replica and not queries.primary, queries.primary


@pytest.fixture
def page_cache_on(settings):
    """The origin cache on, as in production (off in the rest of the suite)."""
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True


def other_municipality():
    return MunicipalityPage.objects.live().exclude(slug="toluca").order_by("path").first()


def test_after_a_publish_the_lag_window_renders_from_the_primary(standby, settings, page_cache_on):
    page = toluca()
    url, old = page.url, page.title
    other = other_municipality()
    visitor = anonymous()
    for warm in (url, other.url):
        visitor.get(warm)
    standby.wait()
    settings.REPLICA_LAG_SECONDS = 3

    standby.pause()
    publish_title(page, NEW_TITLE)  # purges the page cache: a new generation
    assert titles(page.pk) == {PRIMARY: NEW_TITLE, REPLICA: old}
    seen_at = time.monotonic()
    # The first visit after the purge, inside the window: rendered from the primary.
    response, queries = served(visitor, "get", url)
    assert heading(response) == NEW_TITLE
    assert queries.primary and not queries.replica, queries.replica
    assert replica.in_lag_window()
    # and cached so: the next visitor gets it without a query
    response, queries = served(anonymous(), "get", url)
    assert heading(response) == NEW_TITLE and not queries.primary and not queries.replica

    # Once the window has passed the replica is read again (still paused: it lags).
    time.sleep(max(0.0, seen_at + settings.REPLICA_LAG_SECONDS + 0.2 - time.monotonic()))
    assert not replica.in_lag_window()
    response, queries = served(anonymous(), "get", other.url)
    assert heading(response) == other.title
    assert queries.replica and not queries.primary, queries.primary
    # the page rendered in the window is still the new one
    assert heading(anonymous().get(url)) == NEW_TITLE


def test_without_the_window_a_lagging_replica_would_cache_the_old_page(standby, page_cache_on):
    """Why the window exists: with REPLICA_LAG_SECONDS = 0 (and the lag not
    measured: REPLICA_MAX_LAG_SECONDS = 0) the first visit
    after a publish is rendered from the lagging replica and kept under the
    new generation, after the replica has caught up too."""
    page = toluca()
    url, old = page.url, page.title
    visitor = anonymous()
    visitor.get(url)
    standby.pause()
    publish_title(page, NEW_TITLE)
    assert heading(visitor.get(url)) == old
    standby.resume()
    standby.wait()
    response, queries = served(anonymous(), "get", url)
    assert heading(response) == old and not queries.replica and not queries.primary


def test_a_reaction_is_written_to_the_primary_only(standby):
    set_phase("campaign")
    page = next(
        p
        for p in PlatformPage.objects.live().order_by("path").specific()
        if len(p.feedback_targets()) > 1
    )
    block = page.feedback_targets()[1][0]
    participant = Client()
    token = participant_client(participant, page)
    standby.wait()
    standby.pause()
    response, queries = served(
        participant,
        "post",
        "/participa/reaccion/",
        data={"pagina": page.pk, "bloque": block, "valor": "me_gusta", "actual": ""},
        HTTP_X_CSRFTOKEN=token,
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200 and response.json()["state"] == "me_gusta"
    assert not queries.replica, queries.replica
    assert any(sql.lstrip().upper().startswith("INSERT") for sql in queries.primary)
    stored = {alias: Reaction.objects.using(alias).count() for alias in (PRIMARY, REPLICA)}
    assert stored == {PRIMARY: 1, REPLICA: 0}
    # The participant reads back their own state from the primary.
    response, queries = served(participant, "get", f"/participa/estado/?pagina={page.pk}")
    assert response.status_code == 200 and not queries.replica
    assert "me_gusta" in response.content.decode()
    standby.resume()
    standby.wait()
    assert Reaction.objects.using(REPLICA).count() == 1


def written_tables(statements):
    return {
        re.search(r'(?:INTO|UPDATE|FROM)\s+"(\w+)"', sql).group(1)
        for sql in statements
        if WRITES.match(sql)
    }


def public_urls():
    platform = PlatformPage.objects.live().order_by("path").first()
    return [
        "/",
        "/organos/",
        "/organos/ayuntamiento/",
        toluca().url,
        other_municipality().url,
        "/geografia/",
        "/partidos/",
        platform.url,
        "/quitadudas/",
        "/mi-boleta/5169/",
        "/candidaturas/",
        "/estadisticas/",
        "/datos/",
        "/aviso-de-privacidad/",
        "/no-existe/",
    ]


def test_no_anonymous_public_get_writes_or_touches_the_primary(standby):
    """Every read of these pages runs on the read-only standby; no session is
    made; the only write is a rate limit's counter, on the primary. The page-view
    counters have their own request (below), which writes on the primary."""
    urls = public_urls()
    visitor = anonymous()
    for url in urls:  # first visits: rows Wagtail creates on first read, on the primary
        visitor.get(url)
    standby.pause()  # nothing the primary does from now on reaches the replica
    rate_limited = False
    for url in urls:
        for method in ("get", "head"):
            response, queries = served(visitor, method, url)
            assert response.status_code in (200, 301, 302, 404), (url, response.status_code)
            # Reads: all on the replica. Writes: none but the open-data rate
            # limit's counter (opendata/http.py, in the database without Redis),
            # on the primary (a raw upsert on `default`, never routed).
            assert queries.replica, (url, method)
            assert not [sql for sql in queries.replica if WRITES.match(sql)], url
            reads = [sql for sql in queries.primary if not WRITES.match(sql)]
            assert not reads, (url, method, reads)
            assert written_tables(queries.primary) <= {"participation_ratecounter"}, url
            rate_limited |= bool(queries.primary)
            assert "sessionid" not in response.cookies, url
    assert rate_limited  # /datos/ counted its visits, on the primary
    # The page-view pixel (a GET under /participa/) writes its counter to the primary.
    response, queries = served(
        visitor,
        "get",
        "/participa/visita.gif?ruta=/organos/",
        HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 200 and not queries.replica, queries.replica
    assert DailyCount.objects.using(PRIMARY).filter(key="organos").exists()
    assert not DailyCount.objects.using(REPLICA).filter(key="organos").exists()


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_replica_that_does_not_answer_sends_public_reads_to_the_primary(standby, settings):
    """Found here: with the standby down every uncached public page was a 500."""
    url = toluca().url
    visitor = anonymous()
    visitor.get(url)
    settings.REPLICA_RETRY_SECONDS = 60
    real_port = connections[REPLICA].settings_dict["PORT"]
    connections[REPLICA].close()
    connections[REPLICA].settings_dict["PORT"] = closed_port()  # a stopped standby
    try:
        response, queries = served(visitor, "get", url)
        assert heading(response) == "Toluca"
        assert queries.primary and not queries.replica
        # while it is down no request waits for a connection attempt
        assert not replica.replica_answers()
        assert connections[REPLICA].connection is None
        response, queries = served(anonymous(), "get", "/organos/")
        assert response.status_code == 200 and queries.primary and not queries.replica
    finally:
        connections[REPLICA].settings_dict["PORT"] = real_port
    # REPLICA_RETRY_SECONDS later (here: at once) the replica is used again
    replica.forget_failure()
    response, queries = served(visitor, "get", url)
    assert heading(response) == "Toluca"
    assert queries.replica and not queries.primary, queries.primary


def test_a_replica_connection_cut_between_requests_is_replaced(standby):
    """A standby restart ends its sessions: the next request's health check
    (CONN_HEALTH_CHECKS, run where Django's request_started runs it) reconnects."""
    url = toluca().url
    visitor = anonymous()
    visitor.get(url)
    response, queries = served(visitor, "get", url)
    assert queries.replica and not queries.primary
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    assert standby.admin.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]
    connections[REPLICA].close_if_unusable_or_obsolete()  # request_started
    response, queries = served(visitor, "get", url)
    assert heading(response) == "Toluca"
    assert queries.replica and not queries.primary, queries.primary
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


def test_a_lagging_replica_is_not_read(standby, settings):
    """Found by hand with replay paused: a worker past its lag window read the
    lagging standby and cached a just-published page's old version. The lag
    the standby reports (received but not replayed) sends reads to the primary."""
    page = toluca()
    url = page.url
    visitor = anonymous()
    visitor.get(url)
    settings.REPLICA_MAX_LAG_SECONDS = 1
    settings.REPLICA_CHECK_SECONDS = 0
    standby.pause()
    paused_at = time.monotonic()
    publish_title(page, NEW_TITLE)
    standby.wait_received()
    time.sleep(max(0.0, paused_at + 1.2 - time.monotonic()))  # older than the last replayed commit
    response, queries = served(visitor, "get", url)
    assert heading(response) == NEW_TITLE
    # on the standby only the question of its lag
    assert queries.replica == [replica.LAG_SQL] and queries.primary, queries.replica
    assert not replica.replica_answers()
    standby.resume()
    standby.wait()
    response, queries = served(visitor, "get", url)
    assert heading(response) == NEW_TITLE
    assert queries.replica and not queries.primary, queries.primary
