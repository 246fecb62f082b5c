"""Per-key rate limit: a fixed window, counted atomically whichever store holds it.

* The cache is Redis (``REDIS_URL``, or any ``RedisCache``): ``INCR`` and ``EXPIRE`` in one
  ``MULTI``/``EXEC``, so every web process on every machine shares one exact count.
* Otherwise (the embedded file cache, or anything without an atomic increment): one
  ``INSERT ... ON CONFLICT DO UPDATE SET count = count + 1 RETURNING count`` into
  ``RateLimitCount`` (SQLite 3.35+ and PostgreSQL), the database's row lock making it exact.

With Redis unreachable the limiter does what ``API_RATE_LIMIT_ON_OUTAGE`` says: ``open``
serves without counting, ``closed`` answers 503 with ``Retry-After``.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.throttling import BaseThrottle

from core.counters import increment_and_get_in_redis, increment_in_database
from core.outages import CACHE_ERRORS, retry_after, unavailable_detail
from partners.authentication import PartnerClient
from partners.conditional import UNREAD, state_key
from partners.models import RateLimitCount

logger = logging.getLogger(__name__)

_PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}
# At most one "rate limit not enforced" line a minute per process while Redis is down.
_OUTAGE_LOG_INTERVAL = 60.0
_last_outage_log = -math.inf


def parse_rate(rate: str) -> tuple[int, int]:
    """``"600/min"`` -> ``(600, 60)``; also ``/s``, ``/h``, ``/day`` and ``/<n>s``."""
    try:
        count, period = rate.split("/")
        number = int(count)
        digits = "".join(ch for ch in period if ch.isdigit())
        unit = period[len(digits) :]
        seconds = _PERIODS[unit] * (int(digits) if digits else 1)
    except (ValueError, KeyError):
        raise ImproperlyConfigured(f"API_RATE must look like '600/min', not {rate!r}") from None
    if number < 1:
        raise ImproperlyConfigured("API_RATE must allow at least one request")
    return number, seconds


@dataclass(frozen=True)
class RateLimit:
    """What the ``RateLimit-*`` response headers say."""

    limit: int
    remaining: int
    reset: int  # seconds until the window ends

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
        }


class RateLimitUnavailable(APIException):
    """The limiter's store is down and the limit fails closed."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE

    def __init__(self) -> None:
        super().__init__(unavailable_detail("cache", what="The rate limiter's store (Redis)"))
        self.wait = retry_after()  # DRF's handler turns it into Retry-After


def count_request(
    scope: str, *, window: int, period: int, now: float, read: str | None = None
) -> tuple[int, object]:
    """Count one request of ``scope`` in ``window``; return the window's count so far and,
    when the cache is Redis, the cache's value of ``read`` from the same round trip
    (``conditional.UNREAD`` otherwise: the caller reads it itself)."""
    cache = caches[settings.API_THROTTLE_CACHE]
    if isinstance(cache, RedisCache):
        return increment_and_get_in_redis(
            cache, f"api-throttle:{scope}:{window}", ttl=period + 5, read=read
        )
    count = _count_in_database(scope, window=window, expires_at=(window + 1) * period + 5, now=now)
    return count, UNREAD


def _count_in_database(scope: str, *, window: int, expires_at: float, now: float) -> int:
    count = increment_in_database(RateLimitCount, scope, window=window, expires_at=expires_at)
    if count == 1:
        # The first request of a window: drop every window that has ended, for everyone.
        RateLimitCount.objects.filter(expires_at__lt=datetime.fromtimestamp(now, UTC)).delete()
    return count


class ApiKeyRateThrottle(BaseThrottle):
    """Limit each API key (or staff user) to ``settings.API_RATE`` requests."""

    def allow_request(self, request, view) -> bool:
        user = request.user
        if isinstance(user, PartnerClient):
            ident = f"key:{user.api_key.prefix}"
        elif user is not None and user.is_authenticated:
            ident = f"user:{user.pk}"
        else:
            return True
        limit, period = parse_rate(settings.API_RATE)
        now = time.time()
        window = int(now // period)
        reset = max(1, math.ceil((window + 1) * period - now))
        # The ETag state of the answer to come, read with the count: one round trip for both.
        variant = getattr(view, "etag_variant", None)
        read = state_key(variant(request)) if callable(variant) else None
        try:
            count, view.etag_state = count_request(
                f"{ident}:{period}", window=window, period=period, now=now, read=read
            )
        except CACHE_ERRORS as exc:
            return self._on_outage(exc, view)
        view.rate_limit = RateLimit(limit=limit, remaining=max(0, limit - count), reset=reset)
        if count <= limit:
            return True
        self._wait = reset
        return False

    def wait(self) -> float | None:
        return getattr(self, "_wait", None)

    def _on_outage(self, exc: Exception, view) -> bool:
        global _last_outage_log
        closed = settings.API_RATE_LIMIT_ON_OUTAGE == "closed"
        if time.monotonic() - _last_outage_log >= _OUTAGE_LOG_INTERVAL:
            _last_outage_log = time.monotonic()
            logger.warning(
                "API rate limit store unavailable (%s): failing %s",
                type(exc).__name__,
                "closed" if closed else "open",
            )
        if closed:
            view.rate_limit_unavailable = True  # logged here, once a minute, not per request
            raise RateLimitUnavailable()
        return True
