"""Cut the database connection in a test, the way a real outage looks to Django."""

from contextlib import contextmanager

from django.db import InterfaceError, OperationalError, connection

OUTAGES = {
    # The server is gone or refuses connections (what a stopped PostgreSQL gives).
    "operational": lambda: OperationalError(
        'connection to server at "127.0.0.1", port 5432 failed: Connection refused'
    ),
    # The connection was closed under us (a restarted server, a dropped socket).
    "interface": lambda: InterfaceError("connection already closed"),
}


@contextmanager
def database_down(kind="operational", only=None):
    """Every query (or those whose SQL `only(sql)` accepts) fails at execute time."""

    def blocker(execute, sql, params, many, context):
        if only is None or only(sql):
            raise OUTAGES[kind]()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(blocker):
        yield
