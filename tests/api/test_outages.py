"""Redis or the database down: the API keeps serving what the database holds, or answers 503
with Retry-After and a JSON body; pages answer a plain 503; nothing is ever a 500.

Redis outages are real: a private redis-server is the cache, then it is stopped. Database
outages in this process refuse every connection at ``ensure_connection`` (the step every query
goes through), because the test database itself cannot be stopped under the test; the real
thing, a server pointed at a closed port, is ``tests/reliability/test_database_outage.py``.
"""

from __future__ import annotations

import logging
import math

import pytest
from django.db import OperationalError, connections
from django.test import Client, RequestFactory
from django.test.utils import override_settings

from core.outages import server_error
from partners import throttling
from tests.reliability.process import ThrowawayRedis

pytestmark = pytest.mark.django_db

API_PATHS = ["/api/v1/messages/", "/api/v1/messages/{id}/", "/api/v1/reasons/", "/api/v1/changes/"]
# What each answer must hold, read from the database while Redis is down.
SERVED = {
    "/api/v1/messages/": "{message}",
    "/api/v1/messages/{message}/": "{message}",
    "/api/v1/narratives/": "{narrative}",
    "/api/v1/reasons/": "infighting",
}


@pytest.fixture
def redis_cache(tmp_path):
    """A private Redis as the cache (so the rate limit and the ETag state live in it)."""
    server = ThrowawayRedis(tmp_path)
    server.start()
    cache = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": server.url}
    try:
        with override_settings(CACHES={"default": cache}):
            yield server
    finally:
        server.stop()


class Database:
    def __init__(self, monkeypatch) -> None:
        self.monkeypatch = monkeypatch

    def go_down(self) -> None:
        def refuse(*args, **kwargs):
            raise OperationalError("connection refused (simulated outage)")

        self.monkeypatch.setattr(connections["default"], "ensure_connection", refuse)


@pytest.fixture
def database(db, monkeypatch):
    return Database(monkeypatch)


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
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "The rate limiter's store (Redis) is unavailable. Retry in 20 seconds."
    }


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


def test_healthz_is_503_json_while_redis_is_down(client, redis_cache):
    redis_cache.stop()
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["worker"] == {"ok": False, "error": "ConnectionError"}


# --- Database down ------------------------------------------------------------------------


@pytest.mark.parametrize("path", API_PATHS)
def test_api_answers_503_json_with_retry_after_while_the_database_is_down(
    world, make_key, api, database, path
):
    key = make_key()
    url = path.format(id=world.live.public_id)
    database.go_down()
    response = api.get(url, key=key)
    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "The database is unavailable. Retry in 15 seconds."}


def test_staff_reading_the_api_with_a_session_get_503_json(editor, database):
    client = Client()
    client.force_login(editor)
    database.go_down()
    response = client.get("/api/v1/messages/")
    assert response.status_code == 503
    assert response.json()["detail"].startswith("The database is unavailable.")


@pytest.mark.parametrize(
    ("user", "path"),
    [("analyst", "/review/"), ("analyst", "/review/messages/"), ("editor", "/admin/")],
)
def test_pages_answer_a_plain_503_while_the_database_is_down(request, database, user, path):
    client = Client()
    client.force_login(request.getfixturevalue(user))
    database.go_down()
    response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "The database is unavailable" in page
    assert "wait 15 seconds, then reload" in page.lower()


def test_a_signed_out_visitor_sees_the_login_page_fail_with_503_not_500(database):
    database.go_down()
    client = Client()
    client.cookies["sessionid"] = "a-session-the-database-would-have-to-look-up"
    response = client.get("/accounts/login/")
    assert response.status_code == 503


def test_database_outage_is_logged_as_a_warning_without_request_data(
    make_key, api, database, caplog
):
    key = make_key()
    database.go_down()
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


def test_healthz_is_503_json_while_the_database_is_down(editor, database):
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(editor)
    database.go_down()
    report, refused = anonymous.get("/healthz"), signed_in.get("/healthz")
    assert (report.status_code, refused.status_code) == (503, 503)
    assert report["Content-Type"] == refused["Content-Type"] == "application/json"
    assert report.json()["database"] == {"ok": False, "error": "OperationalError"}
    # A session cookie needs the database before the check can run: the outage answer.
    assert refused.json()["detail"].startswith("The database is unavailable.")


def test_an_outage_raised_in_a_middleware_is_still_a_503():
    request = RequestFactory().get("/review/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "15"


def test_other_errors_stay_a_plain_500():
    request = RequestFactory().get("/review/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
