"""A real database outage: the web server (gunicorn, as in production) is pointed at a
PostgreSQL port where nothing listens, so every connection is refused by the operating system.
The API, the pages and /healthz answer 503 with Retry-After, never 500."""

from __future__ import annotations

import http.client
import json

import pytest

from tests.reliability.process import BIN, Process, child_env, free_port, wait_for

pytestmark = pytest.mark.process


def _get(port: int, path: str, headers: dict[str, str] | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        conn.close()


@pytest.fixture
def server_without_database(tmp_path):
    port, dead = free_port(), free_port()
    env = child_env(DATABASE_URL=f"postgres://postgres@127.0.0.1:{dead}/cms_gone")
    env.pop("REDIS_URL", None)  # only the database is down; the rest is the embedded kind
    server = Process(
        [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        tmp_path / "gunicorn.log",
        env,
    )

    def answers():
        try:
            return _get(port, "/healthz")
        except OSError:
            return None

    try:
        wait_for(answers, 30, "gunicorn to answer", server)
        yield port, server
    finally:
        server.stop()


def test_a_refused_database_is_503_everywhere_never_500(server_without_database):
    port, server = server_without_database
    key = {"Authorization": "Api-Key cms_abcdefgh_" + "x" * 43}
    session = {"Cookie": "sessionid=a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5"}

    status, headers, body = _get(port, "/api/v1/messages/", key)
    assert (status, headers["Content-Type"]) == (503, "application/problem+json")
    assert headers["Retry-After"] == "15"
    problem = json.loads(body)
    assert problem["code"] == "service_unavailable"
    assert problem["detail"] == "The database is unavailable. Retry in 15 seconds."
    assert problem["request_id"] == headers["X-Request-ID"]

    status, headers, body = _get(port, "/review/", session)
    assert status == 503
    assert headers["Content-Type"].startswith("text/html")
    assert headers["Retry-After"] == "15"
    assert "The database is unavailable" in body

    status, headers, body = _get(port, "/healthz")
    assert (status, headers["Content-Type"]) == (503, "application/json")
    assert json.loads(body)["database"] == {"ok": False, "error": "OperationalError"}

    log = server.output()
    assert "database unavailable (OperationalError): answered 503" in log
    assert "Traceback" not in log
    assert "cms_abcdefgh" not in log and "a0b1c2d3" not in log
