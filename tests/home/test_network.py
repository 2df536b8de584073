"""home.network: the one place a client address is read, and what deploys log and expose."""

import logging
import re
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import RequestFactory

from home import network

ROOT = Path(__file__).resolve().parent.parent.parent


def request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert network.client_ip(request("198.51.100.7", "203.0.113.1")) == "198.51.100.7"


def test_a_client_reaching_gunicorn_directly_cannot_pick_its_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert network.client_ip(request("198.51.100.7", "10.0.0.1, 203.0.113.1")) == "198.51.100.7"


def test_behind_trusted_proxies_the_rightmost_untrusted_hop_is_the_client(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.1"]
    # The client wrote "1.1.1.1" itself; the proxies appended 203.0.113.9 and 10.1.1.1.
    r = request("192.0.2.1", "1.1.1.1, 203.0.113.9, 10.1.1.1")
    assert network.client_ip(r) == "203.0.113.9"
    assert network.client_ip(request("192.0.2.1", "")) == "192.0.2.1"
    assert network.client_ip(request("192.0.2.1", "10.2.2.2")) == "10.2.2.2"  # only proxies
    assert network.client_ip(request("192.0.2.1", "203.0.113.9, basura")) == "192.0.2.1"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("::ffff:198.51.100.7", "198.51.100.7"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("198.51.100.7:5678", "198.51.100.7"),
        ("", network.UNKNOWN),
        ("not an address", network.UNKNOWN),
    ],
)
def test_addresses_are_normalised(settings, value, expected):
    settings.TRUSTED_PROXIES = []
    assert network.client_ip(request(value)) == expected


def test_buckets_ipv4_per_address_and_ipv6_per_64():
    assert network.address_bucket("198.51.100.7") == "198.51.100.7"
    assert network.address_bucket("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64"
    assert network.address_bucket("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64"
    assert network.address_bucket("2001:db8:1:3::1") == "2001:db8:1:3::/64"


def test_production_reads_trusted_proxies_from_the_environment(monkeypatch):
    import importlib

    import cms.settings.base as base

    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.2, 172.18.0.0/16")
    try:
        assert importlib.reload(base).TRUSTED_PROXIES == ["10.0.0.2", "172.18.0.0/16"]
    finally:
        monkeypatch.delenv("TRUSTED_PROXIES")
        importlib.reload(base)


def test_participation_and_axes_read_the_address_through_the_helper():
    """Nothing else in the code reads REMOTE_ADDR or X-Forwarded-For."""
    readers = []
    for app in ("cms", "home", "electoral", "participation"):
        for path in (ROOT / app).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if re.search(r"[\"']((HTTP_)?X_FORWARDED_FOR|REMOTE_ADDR)[\"']", text):
                readers.append(str(path.relative_to(ROOT)))
    assert readers == ["home/network.py"]


# --- deploy files -----------------------------------------------------------------


def _gunicorn_config():
    namespace = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102 - our own file
    return namespace


def test_gunicorn_access_log_has_no_address():
    """A line as gunicorn writes it, for a request through a proxy: no address in it."""
    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    cfg = Config()
    for name in ("access_log_format", "accesslog"):
        cfg.set(name, _gunicorn_config()[name])
    logger = Logger(cfg)
    records = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())
    logger.access_log.addHandler(handler)
    environ = {
        "REMOTE_ADDR": "203.0.113.77",
        "HTTP_X_FORWARDED_FOR": "198.51.100.5",
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/plataforma/?participa=registrado-me_gusta&q=mi+colonia",
        "PATH_INFO": "/plataforma/",
        "QUERY_STRING": "participa=registrado-me_gusta&q=mi+colonia",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_USER_AGENT": "Navegador/1.0",
        "HTTP_REFERER": "https://decide.ieem.org.mx/?q=secreto",
    }
    req = SimpleNamespace(headers=[("X-FORWARDED-FOR", "198.51.100.5")])
    resp = SimpleNamespace(status="302 Found", response_length=0, sent=0, headers=[])
    logger.access(resp, req, environ, timedelta(milliseconds=12))
    (line,) = records
    assert '"GET /plataforma/ HTTP/1.1" 302' in line
    for leaked in ("203.0.113.77", "198.51.100.5", "Navegador", "registrado", "colonia", "secreto"):
        assert leaked not in line


def test_dockerfile_runs_gunicorn_with_the_config_file():
    dockerfile = (ROOT / "Dockerfile").read_text()
    cmd = [line for line in dockerfile.splitlines() if line.startswith("CMD")][0]
    assert "gunicorn -c gunicorn.conf.py" in cmd and "--access-logfile" not in cmd


def test_compose_publishes_the_app_on_loopback_only():
    compose = (ROOT / "docker-compose.yml").read_text()
    ports = re.findall(r'^\s+- "([^"]+)"$', compose, re.M)
    assert ports == ["127.0.0.1:8000:8000"]
