"""Per-key rate limit in the shared cache (Redis when REDIS_URL is set): a fixed window
counted with one atomic increment per request."""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from rest_framework.throttling import BaseThrottle

from partners.authentication import PartnerClient

_PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


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
        key = f"api-throttle:{ident}:{period}:{window}"
        cache = caches[settings.API_THROTTLE_CACHE]
        try:
            count = cache.incr(key)
        except ValueError:  # first request of the window
            count = 1 if cache.add(key, 1, timeout=period + 5) else cache.incr(key)
        if count <= limit:
            return True
        self._wait = max(1, math.ceil((window + 1) * period - now))
        return False

    def wait(self) -> float | None:
        return getattr(self, "_wait", None)
