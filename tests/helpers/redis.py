"""The real Redis of the tests (127.0.0.1:6379; `.ci/run` starts it)."""

import socket

import pytest


def require_redis():
    """Fail (never skip) when Redis does not answer: its tests are part of the suite."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.fail(
            "no Redis on 127.0.0.1:6379 (start it: redis-server --daemonize yes --port 6379)"
        )
