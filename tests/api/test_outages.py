"""Redis or the database down: the API keeps serving what the database holds, or answers 503
with Retry-After and a JSON body; never a 500.

Redis outages are real: a private redis-server is the cache, then it is stopped. Database
outages in this process refuse every connection at ``ensure_connection`` (the step every query
goes through), because the test database itself cannot be stopped under the test; the real
thing, a server pointed at a closed port, is ``tests/reliability/test_database_outage.py``.
"""

from __future__ import annotations

import logging
import math

import pytest
from django.test import Client

from partners import throttling

pytestmark = pytest.mark.django_db

API_PATHS = ["/api/v1/messages/", "/api/v1/messages/{id}/", "/api/v1/reasons/", "/api/v1/changes/"]
# What each answer must hold, read from the database while Redis is down.
SERVED = {
    "/api/v1/messages/": "{message}",
    "/api/v1/messages/{message}/": "{message}",
    "/api/v1/narratives/": "{narrative}",
    "/api/v1/reasons/": "infighting",
}


# --- Redis down ---------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "expected"), SERVED.items())
def test_api_serves_from_the_database_while_redis_is_down(
    world, make_key, api, redis_cache, path, expected
):
    key = make_key()
    ids = {"message": world.live.public_id, "narrative": world.narratives[0].public_id}
    url, expected = path.format(**ids), expected.format(**ids)
    before = api.get(url, key=key)
    assert before.status_code == 200
    assert before["RateLimit-Remaining"] == "599"  # counted in Redis while it was up

    redis_cache.stop()
    response = api.get(url, key=key)

    assert response.status_code == 200
    assert expected in response.content.decode()
    assert response.content == before.content
    assert response["ETag"] == before["ETag"]
    assert "RateLimit-Remaining" not in response  # not counted: the limit failed open
    again = api.get(url, key=key, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_rate_limit_set_to_fail_closed_answers_503_while_redis_is_down(
    world, make_key, api, redis_cache, settings, caplog
):
    settings.API_RATE_LIMIT_ON_OUTAGE = "closed"
    settings.OUTAGE_RETRY_AFTER = 20
    key = make_key()
    redis_cache.stop()
    with caplog.at_level(logging.WARNING):
        response = api.get("/api/v1/messages/", key=key)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert response.status_code == 503
    assert response["Retry-After"] == "20"
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "service_unavailable"
    assert (
        response.json()["detail"]
        == "The rate limiter's store (Redis) is unavailable. Retry in 20 seconds."
    )


def test_rate_limit_failing_open_logs_a_warning_without_request_data(
    world, make_key, api, redis_cache, caplog, monkeypatch
):
    monkeypatch.setattr(throttling, "_last_outage_log", -math.inf)  # as in a fresh process
    key = make_key()
    redis_cache.stop()
    with caplog.at_level(logging.WARNING, logger="partners.throttling"):
        for _ in range(3):
            assert api.get("/api/v1/messages/", key=key).status_code == 200
    lines = [r.getMessage() for r in caplog.records if r.name == "partners.throttling"]
    # Once, not once a request: an outage under load must not flood the log.
    assert lines == ["API rate limit store unavailable (ConnectionError): failing open"]


# --- Database down ------------------------------------------------------------------------


@pytest.mark.parametrize("path", API_PATHS)
def test_api_answers_503_json_with_retry_after_while_the_database_is_down(
    world, make_key, api, database_outage, path
):
    key = make_key()
    url = path.format(id=world.live.public_id)
    database_outage.start()
    response = api.get(url, key=key)
    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "service_unavailable"
    assert response.json()["detail"] == "The database is unavailable. Retry in 15 seconds."


def test_staff_reading_the_api_with_a_session_get_503_json(editor, database_outage):
    client = Client()
    client.force_login(editor)
    database_outage.start()
    response = client.get("/api/v1/messages/")
    assert response.status_code == 503
    assert response.json()["detail"].startswith("The database is unavailable.")


def test_database_outage_is_logged_as_a_warning_without_request_data(
    make_key, api, database_outage, caplog
):
    key = make_key()
    database_outage.start()
    with caplog.at_level(logging.WARNING):
        api.get("/api/v1/messages/?language=en", key=key)
    outage = [r for r in caplog.records if r.name == "core.outages"]
    assert [(r.levelno, r.getMessage()) for r in outage] == [
        (logging.WARNING, "database unavailable (OperationalError): answered 503")
    ]
    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert "language=en" not in logged
    assert key not in logged
    assert "simulated outage" not in logged
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
