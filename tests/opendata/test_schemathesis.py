"""The API against its own OpenAPI description (/api/v2/openapi.json, as served),
with schemathesis: no 5xx, documented status codes and content types, bodies
that match the schema. Bounded: a few examples per operation, deterministic
(the `ci` Hypothesis profile), about ten seconds."""

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, given, settings

EXAMPLES = 8


def checks():
    # schemathesis is imported by the one process that runs this test, not by
    # every xdist worker at collection (~0.5 s each).
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    return [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]


@pytest.fixture
def api_schema(results_phase):
    """The schema as the site serves it, requests through Django's WSGI handler.

    Like Django's test client, keep the handler from closing the test's database
    connection at the end of each request (it runs inside the test's transaction).
    """
    import schemathesis

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with override_settings(PARTICIPATION_LIMITS={"open_data_address": (100000, 60)}):
            yield schemathesis.openapi.from_wsgi("/api/v2/openapi.json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_api_conforms_to_its_openapi_description(api_schema):
    # Each operation's strategy is run here rather than through
    # schemathesis.pytest.from_fixture, whose lazy mode reads pytest's private
    # Function._nodeid (gone in pytest 9).
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert sorted(o.path for o in operations) == [
        "/api/v2/candidaturas/",
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
        "/api/v2/resultados/",
        "/api/v2/secciones/{numero}/",
    ]
    seen = {}
    conformance = checks()
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            # The WSGI transport does not decode Content-Encoding; compression of
            # API responses is tested in tests/home/test_compression.py.
            response = case.call(headers={"Accept-Encoding": "identity"})
            assert response.status_code < 500, (case.path, case.query, response.text[:300])
            case.validate_response(response, checks=conformance)
            seen.setdefault(case.path, set()).add(response.status_code)

        check()
    # Every operation was really exercised, and some answered 200.
    assert set(seen) == {o.path for o in operations}
    assert all(200 in codes for path, codes in seen.items() if "{" not in path), seen
