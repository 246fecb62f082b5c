"""Schemathesis against the served OpenAPI schema, in process through the WSGI app, with a
valid API key: no server error, and every response as the schema says."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture
def api_key(world, make_key, settings):
    settings.API_RATE = "1000000/min"
    settings.API_CHANGES_SETTLE_SECONDS = 0
    # The raw WSGI handler closes the connection after each request, which would end the
    # test's transaction; Django's own test client does the same disconnection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield make_key()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


MAX_EXAMPLES = 25


def _exercise(operation, mode: GenerationMode, key: str) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis_settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        case.call_and_validate(headers={"Authorization": f"Api-Key {key}"}, checks=CHECKS)

    run()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_matches_its_schema(api_key, mode):
    # Driven by hand rather than through schemathesis' pytest plugin, whose lazy fixtures
    # do not work with this pytest; the checks and the generation are the same.
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 13
    for operation in operations:
        _exercise(operation, mode, api_key)


def test_schema_documents_every_endpoint_and_the_key(client):
    document = client.get("/api/schema/?format=json", HTTP_ACCEPT="application/json")
    assert document.status_code == 200
    text = document.content.decode()
    for path in (
        "/api/v1/reasons/",
        "/api/v1/narratives/{public_id}/",
        "/api/v1/excerpts/",
        "/api/v1/campaigns/",
        "/api/v1/messages/{public_id}/",
        "/api/v1/changes/",
        "/api/v1/metrics/",
        "/api/v1/metrics/batch/",
    ):
        assert path in text
    assert "Api-Key" in text
