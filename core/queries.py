"""Small queryset helpers shared by the apps' selectors."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import QuerySet

_Q = TypeVar("_Q", bound=QuerySet[Any])


def filter_given(queryset: _Q, **lookups: object) -> _Q:
    """Filter on each lookup whose value was given (not empty, not None), one after another."""
    for lookup, value in lookups.items():
        if value:
            queryset = queryset.filter(**{lookup: value})
    return queryset
