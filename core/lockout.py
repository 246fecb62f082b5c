"""Login failure budgets that hold against spraying and distributed guessing.

Besides django-axes' lock of one username from one address, failed logins are counted in
fixed windows of ``LOGIN_LOCKOUT_MINUTES``:

* per username, from every address (``LOGIN_USERNAME_FAILURE_LIMIT``): many addresses
  guessing one account;
* per address, over every username (``LOGIN_ADDRESS_FAILURE_LIMIT``): one address spraying
  many accounts;
* in all (``LOGIN_GLOBAL_FAILURE_LIMIT``): a botnet spraying from everywhere.

Once a budget is spent, a password alone no longer signs in: the login form asks for the
password and the authenticator code together, checked in one step with one answer, so the
lock cannot be used to guess either, and an outsider who knows a username cannot keep its
owner out (the owner still has the second factor). Counting is atomic: Redis ``INCR`` in a
``MULTI``, or an SQL upsert when the cache is not Redis or is down.
"""

from __future__ import annotations

import hashlib
import logging
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from core.counters import increment_in_database, increment_in_redis, redis_client
from core.models import LoginFailureCount
from core.outages import CACHE_ERRORS

logger = logging.getLogger(__name__)


def _period() -> int:
    return max(60, int(settings.AXES_COOLOFF_TIME.total_seconds()))


def _scopes(username: str | None, ip: str | None) -> list[tuple[str, int]]:
    scopes = [("global", settings.LOGIN_GLOBAL_FAILURE_LIMIT)]
    if username:
        digest = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
        scopes.append((f"user:{digest}", settings.LOGIN_USERNAME_FAILURE_LIMIT))
    if ip:
        scopes.append((f"ip:{ip}"[:100], settings.LOGIN_ADDRESS_FAILURE_LIMIT))
    return scopes


def _window(now: float) -> int:
    return int(now // _period())


def record_failure(username: str | None, ip: str | None, *, now: float | None = None) -> None:
    """Count one failed login against every budget it touches."""
    now = time.time() if now is None else now
    window = _window(now)
    for scope, _limit in _scopes(username, ip):
        _increment(scope, window, now)


def over_budget(username: str | None, ip: str | None, *, now: float | None = None) -> list[str]:
    """The budgets (``global``, ``user``, ``ip``) already spent in this window."""
    now = time.time() if now is None else now
    window = _window(now)
    spent = []
    for scope, limit in _scopes(username, ip):
        if _read(scope, window) >= limit:
            spent.append(scope.split(":", 1)[0])
    return spent


def _cache() -> RedisCache | None:
    cache = caches[settings.API_THROTTLE_CACHE]
    return cache if isinstance(cache, RedisCache) else None


def _name(scope: str, window: int) -> str:
    return f"login-failures:{scope}:{window}"


def _key(cache: RedisCache, scope: str, window: int) -> str:
    return cache.make_and_validate_key(_name(scope, window))


def _increment(scope: str, window: int, now: float) -> int:
    cache = _cache()
    if cache is not None:
        try:
            return increment_in_redis(cache, _name(scope, window), ttl=_period() + 5)
        except CACHE_ERRORS:
            logger.warning("Redis unreachable: counting login failures in the database")
    return _increment_in_database(scope, window, now)


def _read(scope: str, window: int) -> int:
    cache = _cache()
    if cache is not None:
        try:
            key = _key(cache, scope, window)
            value = redis_client(cache, key).get(key)
            redis_count = int(value) if value is not None else 0
        except CACHE_ERRORS:
            redis_count = 0
        else:
            # Failures counted in the database during an outage still count.
            return max(redis_count, _read_database(scope, window))
    return _read_database(scope, window)


def _read_database(scope: str, window: int) -> int:
    row = LoginFailureCount.objects.filter(scope=scope, window=window).values("count").first()
    return row["count"] if row else 0


def _increment_in_database(scope: str, window: int, now: float) -> int:
    count = increment_in_database(
        LoginFailureCount, scope, window=window, expires_at=(window + 1) * _period() + 5
    )
    LoginFailureCount.objects.filter(expires_at__lt=datetime.fromtimestamp(now, UTC)).delete()
    return count
