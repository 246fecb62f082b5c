"""Letting go of model graphs without the cyclic garbage collector.

A page of model instances with its joined and prefetched rows is a web of reference cycles:
a prefetched row points back at its owner (``_state.fields_cache``), a prefetched
many-to-many queryset at the instance it belongs to (its hints), a ``FieldFile`` at its
instance. Reference counting cannot free a cycle; only a full collection can, and one that
walks thousands of objects every few requests is a pause the caller sees. :func:`release`
cuts those links once the graph has been read, so it is freed as soon as the last reference
goes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model, QuerySet
from django.db.models.fields.files import FieldFile


def release(instances: Iterable[Any]) -> None:
    """Cut the reference cycles in the graph of ``instances`` (model instances; anything else
    is passed over) and of everything joined, prefetched or cached on them.

    The instances stay usable: what was cut is a cache, read again from the database if it is
    asked for (a ``FieldFile`` is left as its name, which the field wraps again).
    """
    seen: set[int] = set()
    stack = list(instances)
    while stack:
        obj = stack.pop()
        if not isinstance(obj, Model) or id(obj) in seen:
            continue
        seen.add(id(obj))
        attributes = obj.__dict__
        # Joined and back-pointing rows (select_related, the owner of a prefetched row).
        fields_cache = attributes["_state"].__dict__.pop("fields_cache", None)
        if fields_cache:
            stack.extend(fields_cache.values())
        # prefetch_related without to_attr: querysets whose hints point back at obj.
        prefetched = attributes.pop("_prefetched_objects_cache", None)
        if prefetched:
            for queryset in prefetched.values():
                stack.extend(queryset._result_cache or ())
        for name, value in list(attributes.items()):
            if isinstance(value, FieldFile):
                attributes[name] = value.name
            elif isinstance(value, list) and value and isinstance(value[0], Model):
                stack.extend(value)  # a Prefetch(to_attr=...)
                del attributes[name]
            elif isinstance(value, QuerySet) and value._result_cache:
                stack.extend(value._result_cache)
                del attributes[name]
