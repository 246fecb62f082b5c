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
    assert len(operations) == 18
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
        "/api/v1/webhook/test/",
    ):
        assert path in text
    assert "Api-Key" in text


def _schema(client) -> dict:
    response = client.get("/api/schema/?format=json", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response.json()


def _operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_fields_is_an_array_of_the_field_names_comma_separated(client):
    document = _schema(client)
    operation = document["paths"]["/api/v1/messages/"]["get"]
    (fields,) = [p for p in operation["parameters"] if p["name"] == "fields"]
    assert fields["style"] == "form"
    assert fields["explode"] is False
    assert fields["schema"]["type"] == "array"
    assert "headline" in fields["schema"]["items"]["enum"]
    # ?fields= may leave any property out but the id.
    assert document["components"]["schemas"]["Message"]["required"] == ["id"]


def test_only_the_api_key_scheme_and_a_server_are_advertised(client):
    document = _schema(client)
    assert set(document["components"]["securitySchemes"]) == {"ApiKey"}
    for _path, _method, operation in _operations(document):
        assert operation["security"] == [{"ApiKey": []}]
    assert document["servers"] == [
        {"url": "/", "description": "This deployment (the host serving this schema)."}
    ]


def test_every_status_the_api_answers_is_documented_as_a_problem(client):
    document = _schema(client)
    for path, method, operation in _operations(document):
        responses = operation["responses"]
        expected = {"400", "401", "403", "405", "406", "414", "429", "503"}
        if method == "get":
            expected |= {"304"}
            assert "content" not in responses["304"]
            assert responses["304"]["headers"]["ETag"]["required"] is True
        else:
            expected |= {"409", "413", "415"}
            if "/metrics/" in path:  # an Idempotency-Key reused with another body
                expected |= {"422"}
        if "{" in path:
            expected |= {"404"}
        assert expected <= set(responses), (path, expected - set(responses))
        for status, response in responses.items():
            if int(status) >= 400:
                assert list(response["content"]) == ["application/problem+json"]
                assert response["content"]["application/problem+json"]["examples"]
        assert responses["405"]["headers"]["Allow"]["required"] is True
        assert responses["429"]["headers"]["Retry-After"]["required"] is True


def test_every_endpoint_has_examples_and_lists_page_like_the_feed(client):
    document = _schema(client)
    for path, _method, operation in _operations(document):
        success = next(r for s, r in operation["responses"].items() if s.startswith("2"))
        examples = success["content"]["application/json"]["examples"]
        assert examples, path
        if path.endswith("s/") and "metrics" not in path:
            for example in examples.values():
                assert set(example["value"]) == {"results", "next_cursor", "has_more"}
                assert example["value"]["next_cursor"].count(":") == 2  # a signed token
    for name in ("PaginatedMessageList", "ChangesPage"):
        page = document["components"]["schemas"][name]
        assert {"results", "next_cursor", "has_more"} == set(page["properties"])


def test_lists_link_to_their_items_for_the_stateful_tests(client):
    document = _schema(client)
    links = document["paths"]["/api/v1/messages/"]["get"]["responses"]["200"]["links"]
    assert links["FirstItem"]["operationId"] == "messages_retrieve"
    assert links["NextPage"]["parameters"] == {"cursor": "$response.body#/next_cursor"}


def test_a_uri_too_long_is_a_414_problem(world, make_key, api):
    response = api.get("/api/v1/messages/", {"fields": "id," * 6000}, key=make_key())
    assert response.status_code == 414
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "uri_too_long"
