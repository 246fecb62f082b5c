"""The per-key rate limit counts every request exactly once, whichever store holds the count,
however many threads (each with its own database connection) ask at once."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from partners.models import RateLimitCount
from tests.reliability.process import ThrowawayRedis

THREADS, REQUESTS_EACH, LIMIT = 8, 100, 600


def _mid_minute() -> datetime:
    """Half a minute into the current minute: a frozen clock far from a window's edge."""
    now = datetime.now(UTC).timestamp()
    return datetime.fromtimestamp((now // 60) * 60 + 30, UTC)


@pytest.fixture(params=["database", "redis"])
def limiter_store(request, tmp_path):
    """The embedded file cache (so the SQL store counts) or a private Redis as the cache."""
    if request.param == "database":
        cache = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
        with override_settings(CACHES={"default": cache}):
            yield request.param
        return
    server = ThrowawayRedis(tmp_path)
    server.start()
    cache = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": server.url}
    try:
        with override_settings(CACHES={"default": cache}):
            yield request.param
    finally:
        server.stop()


def _hammer(key: str, start: threading.Barrier) -> list[int]:
    client = Client()
    headers = {"Authorization": f"Api-Key {key}"}
    start.wait()
    try:
        return [
            client.get("/api/v1/reasons/", headers=headers).status_code
            for _ in range(REQUESTS_EACH)
        ]
    finally:
        connection.close()  # this thread's own connection


def test_eight_threads_get_exactly_the_limit_through(
    limiter_store, transactional_db, make_key, time_machine
):
    key = make_key(["read:reasons"])
    time_machine.move_to(_mid_minute(), tick=False)
    start = threading.Barrier(THREADS)
    with (
        override_settings(API_RATE=f"{LIMIT}/min"),
        ThreadPoolExecutor(max_workers=THREADS) as pool,
    ):
        results = list(pool.map(lambda _: _hammer(key, start), range(THREADS)))
    statuses = Counter(code for codes in results for code in codes)
    assert statuses == {200: LIMIT, 429: THREADS * REQUESTS_EACH - LIMIT}


@pytest.mark.django_db
def test_responses_say_the_limit_what_remains_and_when_it_resets(
    world, make_key, api, time_machine
):
    key = make_key()
    time_machine.move_to(datetime(2026, 12, 3, 10, 0, 20, tzinfo=UTC), tick=False)
    with override_settings(API_RATE="2/min"):
        first, second, third = (api.get("/api/v1/reasons/", key=key) for _ in range(3))
    assert [r.status_code for r in (first, second, third)] == [200, 200, 429]
    assert first["RateLimit-Limit"] == "2"
    assert [r["RateLimit-Remaining"] for r in (first, second, third)] == ["1", "0", "0"]
    assert third["RateLimit-Reset"] == "40" == third["Retry-After"]


@pytest.mark.django_db
def test_the_database_store_keeps_only_windows_that_have_not_ended(
    world, make_key, api, time_machine, tmp_path
):
    key = make_key()
    file_cache = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(tmp_path / "cache"),
    }
    with override_settings(CACHES={"default": file_cache}, API_RATE="5/min"):
        time_machine.move_to(datetime(2026, 12, 3, 10, 0, 20, tzinfo=UTC), tick=False)
        for _ in range(3):
            assert api.get("/api/v1/reasons/", key=key).status_code == 200
        assert list(RateLimitCount.objects.values_list("count", flat=True)) == [3]
        time_machine.move_to(datetime(2026, 12, 3, 10, 2, 0, tzinfo=UTC), tick=False)
        response = api.get("/api/v1/reasons/", key=key)
    assert response["RateLimit-Remaining"] == "4"
    assert list(RateLimitCount.objects.values_list("count", flat=True)) == [1]
