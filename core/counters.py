"""Atomic counters in fixed windows: Redis ``INCR`` in a ``MULTI``, or an SQL upsert.

Shared by the API rate limit (``partners.throttling``) and the login failure budgets
(``core.lockout``). A database counter model has the columns ``scope``, ``window``, ``count``
and ``expires_at``, unique on ``(scope, window)``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import connection, models

if TYPE_CHECKING:
    from redis import Redis


def redis_client(cache: RedisCache, key: str, *, write: bool = False) -> Redis:
    """The redis-py client Django's cache uses for ``key`` (an already made cache key)."""
    wrapper: RedisCacheClient = cache._cache  # type: ignore[attr-defined]  # private; not in django-stubs
    return wrapper.get_client(key, write=write)


def increment_in_redis(cache: RedisCache, key: str, *, ttl: int) -> int:
    """Add one to ``key`` (created at 0 if missing) and set its TTL; return the new count."""
    count, _ = increment_and_get_in_redis(cache, key, ttl=ttl, read=None)
    return count


def increment_and_get_in_redis(
    cache: RedisCache, key: str, *, ttl: int, read: str | None
) -> tuple[int, Any]:
    """:func:`increment_in_redis`, and the cache's value of ``read`` (None if missing or
    ``read`` is None) in the same round trip."""
    # Django's cache API has no atomic "increment, creating if missing": use its client.
    redis_key = cache.make_and_validate_key(key)
    client = redis_client(cache, redis_key, write=True)
    wrapper: RedisCacheClient = cache._cache  # type: ignore[attr-defined]  # private; not in django-stubs
    with client.pipeline(transaction=True) as pipe:
        pipe.incr(redis_key)
        pipe.expire(redis_key, ttl)
        if read is not None:
            pipe.get(cache.make_and_validate_key(read))
        count, _, *value = pipe.execute()
    raw = value[0] if value else None
    if raw is None:
        return int(count), None
    # How Django's RedisCacheClient.get decodes a value (private; not in django-stubs).
    return int(count), wrapper._serializer.loads(raw)  # type: ignore[attr-defined]


def increment_in_database(
    model: type[models.Model], scope: str, *, window: int, expires_at: float
) -> int:
    """Add one to ``model``'s row for ``(scope, window)`` in one upsert; return the count."""
    meta = model._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    column = {
        name: quote(_column(model, name)) for name in ("scope", "window", "count", "expires_at")
    }
    expires = connection.ops.adapt_datetimefield_value(datetime.fromtimestamp(expires_at, UTC))
    sql = (
        f"INSERT INTO {table} ({column['scope']}, {column['window']}, {column['count']}, "  # noqa: S608  # nosec B608 - names from the model, values bound
        f"{column['expires_at']}) VALUES (%s, %s, 1, %s) "
        f"ON CONFLICT ({column['scope']}, {column['window']}) "
        f"DO UPDATE SET {column['count']} = {table}.{column['count']} + 1 "
        f"RETURNING {column['count']}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [scope, window, expires])
        (count,) = cursor.fetchone()
    return int(count)


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or not field.column:
        raise TypeError(f"{model.__name__}.{name} is not a concrete column")
    return field.column
