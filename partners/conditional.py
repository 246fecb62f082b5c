"""ETag and Last-Modified for API responses, answered with 304.

The ETag is a hash of the body, so it changes exactly when what the caller sees changes
(a re-render, a new disclosure release, a rendition coming ready), whatever table that came
from. Last-Modified is the time this exact representation (same URL, same caller's view)
was first served since it last differed: kept in the shared cache, a lost entry (or the
cache being down) only makes it later (a 200 where a 304 would have done, never the reverse).
"""

from __future__ import annotations

import contextlib
import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from core.outages import CACHE_ERRORS

STATE_TTL = 30 * 86400


def _matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    bare = etag.strip('"')
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate.startswith("W/"):
            candidate = candidate[2:]
        if candidate.strip('"') == bare:
            return True
    return False


# Passed as ``state`` when the caller has not read the representation's state.
UNREAD = object()


def state_key(variant: str) -> str:
    """The cache key of the state (ETag, first served) of one representation."""
    return "api-lm:" + hashlib.sha256(variant.encode()).hexdigest()


def _first_served(variant: str, etag: str, state: object = UNREAD) -> int:
    """When this representation was first served; now, when the cache (Redis) is down.
    ``state``: its cached state, if the caller read it already (the rate limit does, in the
    same round trip as its count)."""
    cache = caches[settings.API_THROTTLE_CACHE]
    key = state_key(variant)
    if state is UNREAD:
        try:
            state = cache.get(key)
        except CACHE_ERRORS:
            return int(time.time())
    if isinstance(state, tuple) and len(state) == 2 and state[0] == etag:
        return state[1]
    since = int(time.time())
    # Down: the next request tries again; until then Last-Modified is only later.
    with contextlib.suppress(*CACHE_ERRORS):
        cache.set(key, (etag, since), timeout=STATE_TTL)
    return since


def conditional(request, response, *, variant: str, state: object = UNREAD):
    """Add ETag and Last-Modified to a rendered 200 response; return a 304 when the caller's
    copy is current. ``state``: as for :func:`_first_served`."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:40])
    since = _first_served(variant, etag, state)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(since)
    response["Cache-Control"] = "private, no-cache"
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        fresh = _matches(if_none_match, etag)
    else:
        ims = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        fresh = ims is not None and since <= ims
    if not fresh:
        return response
    not_modified = HttpResponseNotModified()
    for header in ("ETag", "Last-Modified", "Cache-Control", "Vary"):
        if header in response:
            not_modified[header] = response[header]
    return not_modified
