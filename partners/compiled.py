"""Queries compiled to SQL once per connection, their arguments put in at run time.

A detail request builds a handful of small querysets (the live rule, the servable renditions,
the reusable excerpts) whose SQL is the same on every request but for ``now``, the public id
and the ids of the rows found; building and compiling them was most of a detail's time
(issue 19: a profile gave the ORM's ``filter()`` and ``as_sql()`` over half of it, the
queries themselves about 1 %).

:func:`rows` compiles ``build(*args)`` twice, with two sets of stand-in arguments, and keeps
the SQL only when both give the same text and the parameters that differ are exactly the
stand-ins (as the backend prepares them): then every argument reaches the SQL as a parameter
and nothing else depends on it. Otherwise (an argument turned into something else, say
``now - 1 day``) the query is not kept and every call runs the ORM as before. Anything the
builder reads from the database must be in ``key``, never only in the SQL it makes.

The cache lives on the connection object (a thread's own, gone with it), bounded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.query import ValuesIterable, ValuesListIterable

_LIMIT = 256  # templates per connection (a few queries x page sizes x audiences)
_ATTRIBUTE = "_partners_compiled"


@dataclass(frozen=True, slots=True)
class _Template:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, int], ...]  # (position in params, argument index)
    names: tuple[str, ...] | None  # values(): the keys of each row; values_list(): None
    compiler: Any  # what converts the database's values (SQLite's datetimes, say)
    converters: dict[int, Any]


_UNCACHEABLE = object()  # a key whose query does not fit a template: ORM every time


def _stand_in(value: Any, variant: int, index: int) -> Any:
    """A value of ``value``'s type no real argument has (``variant`` 0 or 1)."""
    if isinstance(value, dt.datetime):
        return dt.datetime(1901 + variant, 2, 3, 4, 5, 6, 1000 + index, tzinfo=dt.UTC)
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, int):
        return -(10**12) - 1000 * variant - index
    if isinstance(value, str):
        return f"\x1fstand-in-{variant}-{index}"
    raise TypeError(value)


def _prepared(connection: Any, value: Any) -> Any:
    """``value`` as the backend passes it to the driver."""
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def _compile(queryset: QuerySet[Any]) -> tuple[str, tuple[Any, ...], Any]:
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    return sql, tuple(params), compiler


def _template(
    connection: Any, build: Callable[..., QuerySet[Any]], args: Sequence[Any]
) -> _Template | None:
    try:
        stand_ins = [[_stand_in(a, variant, i) for i, a in enumerate(args)] for variant in (0, 1)]
    except TypeError:
        return None
    querysets = [build(*values) for values in stand_ins]
    iterable = querysets[0]._iterable_class
    if querysets[0].db != connection.alias or iterable not in (ValuesIterable, ValuesListIterable):
        return None
    (sql_a, params_a, compiler), (sql_b, params_b, _) = map(_compile, querysets)
    if sql_a != sql_b or len(params_a) != len(params_b):
        return None
    prepared = [[_prepared(connection, v) for v in values] for values in stand_ins]
    slots = []
    for position, (a, b) in enumerate(zip(params_a, params_b, strict=True)):
        if a == b:
            continue
        matches = [i for i, p in enumerate(prepared[0]) if p == a and prepared[1][i] == b]
        if len(matches) != 1:
            return None  # an argument turned into something else
        slots.append((position, matches[0]))
    query = compiler.query
    names = None
    if iterable is ValuesIterable:  # its keys, as ValuesIterable names them
        if query.selected:
            names = tuple(query.selected)
        else:
            names = (*query.extra_select, *query.values_select, *query.annotation_select)
    fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
    return _Template(
        sql=sql_a,
        params=params_a,
        slots=tuple(slots),
        names=names,
        compiler=compiler,
        converters=compiler.get_converters(fields),
    )


def rows(key: tuple[Any, ...], build: Callable[..., QuerySet[Any]], *args: Any) -> list[Any]:
    """The rows of ``build(*args)`` (a ``values()`` or ``values_list()`` queryset on the
    default database), from SQL compiled once for ``key``: dicts or tuples, as it gives.

    ``key`` names the query and everything its SQL depends on besides ``args`` (the number
    of ids, the audience's restrictions); ``args`` are datetimes, ints or strings."""
    connection = connections[DEFAULT_DB_ALIAS]
    cache = connection.__dict__.setdefault(_ATTRIBUTE, {})
    template = cache.get(key)
    if template is None:
        if len(cache) >= _LIMIT:
            cache.clear()
        template = cache[key] = _template(connection, build, args) or _UNCACHEABLE
    if not isinstance(template, _Template):
        return list(build(*args))
    params = list(template.params)
    for position, index in template.slots:
        params[position] = _prepared(connection, args[index])
    with connection.cursor() as cursor:
        cursor.execute(template.sql, params)
        fetched = cursor.fetchall()
    if template.converters:
        fetched = template.compiler.apply_converters(fetched, template.converters)
    if template.names is None:
        return [tuple(row) for row in fetched]
    names = template.names
    return [dict(zip(names, row, strict=True)) for row in fetched]
