"""A request with an API key goes to the cache (Redis) once: the rate limit's count and the
ETag state of its answer are read in one pipeline (issue 19); a second trip only when that
answer's state changes (it is first served, or its body changed)."""

from __future__ import annotations

import pytest
from django.test.utils import override_settings
from redis.connection import Connection

from tests.reliability.process import ThrowawayRedis


@pytest.fixture
def redis_cache(tmp_path):
    server = ThrowawayRedis(tmp_path)
    server.start()
    cache = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": server.url}
    try:
        with override_settings(CACHES={"default": cache}, API_THROTTLE_CACHE="default"):
            yield
    finally:
        server.stop()


@pytest.fixture
def round_trips(monkeypatch):
    """How many times the cache's client sent commands (a pipeline is sent at once)."""
    sent: list[int] = []
    send = Connection.send_packed_command

    def counted(self, command, check_health=True):
        sent.append(1)
        return send(self, command, check_health)

    monkeypatch.setattr(Connection, "send_packed_command", counted)
    return sent


def test_a_request_reads_its_rate_limit_and_etag_state_in_one_round_trip(
    redis_cache, round_trips, api, make_key, world
):
    key = make_key(["read:messages"])
    url = "/api/v1/messages/"
    first = api.get(url, key=key)
    assert first.status_code == 200

    round_trips.clear()
    again = api.get(url, key=key)
    assert len(round_trips) == 1
    assert again.status_code == 200
    assert again["ETag"] == first["ETag"]
    assert again["Last-Modified"] == first["Last-Modified"]  # the state read with the count
    assert int(again["RateLimit-Remaining"]) == int(first["RateLimit-Remaining"]) - 1

    round_trips.clear()
    cached = api.get(url, key=key, headers={"If-None-Match": first["ETag"]})
    assert cached.status_code == 304
    assert len(round_trips) == 1


def test_a_first_served_answer_stores_its_state_in_a_second_trip(
    redis_cache, round_trips, api, make_key, world
):
    key = make_key(["read:messages"])
    api.get("/api/v1/messages/", key=key)

    round_trips.clear()
    other = api.get("/api/v1/messages/?page_size=1", key=key)
    assert other.status_code == 200
    assert len(round_trips) == 2  # the count with the (missing) state, then the state stored
    round_trips.clear()
    assert api.get("/api/v1/messages/?page_size=1", key=key)["ETag"] == other["ETag"]
    assert len(round_trips) == 1
