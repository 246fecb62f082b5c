"""Erasure: every app declares what it holds of a person's words, and how to erase it.

When a person withdraws consent, ``narratives`` builds an :class:`ErasureSubject` (the
narrative, its excerpts and their public ids) and calls :func:`erase`. Every registered
handler then runs inside that one transaction, lowest layer first; a handler that deletes
files or purges caches defers that with ``transaction.on_commit``, so a rollback leaves both
the rows and the files in place.

Apps register their handlers in ``AppConfig.ready()``::

    erasure.register(
        name="campaigns.renditions",
        holds="rendered images of messages quoting the person",
        handler=erase_renditions,
    )

``holds`` is the app's declaration, read by people and by the canary test; the handler is
how it is erased. A lower app never imports a higher one: the higher app comes to the
registry, not the other way round.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models, transaction

logger = logging.getLogger(__name__)

# What erased text is replaced with, wherever a column must keep a value.
ERASED = "[erased]"


@dataclass(frozen=True)
class ErasureSubject:
    """Whose words are being erased: ids only, never the words themselves."""

    narrative_id: int
    narrative_public_id: str
    excerpt_ids: tuple[int, ...] = ()
    excerpt_public_ids: tuple[str, ...] = ()
    actor: object | None = field(default=None, repr=False, compare=False)
    # The person's quotable words (excerpt texts and their translations) as they were before
    # erasure, so a higher app can find copies of them that no link leads to. Never logged,
    # never shown: kept out of ``repr`` and equality.
    words: tuple[str, ...] = field(default=(), repr=False, compare=False)


@dataclass(frozen=True)
class ErasureHandler:
    name: str
    holds: str
    handler: Callable[[ErasureSubject], object]


_handlers: dict[str, ErasureHandler] = {}


def register(*, name: str, holds: str, handler: Callable[[ErasureSubject], object]) -> None:
    """Declare what an app holds of a person's words and the function that erases it.

    ``name`` is ``"<app>.<what>"``; registering the same name again replaces the handler (a
    reloaded app), so the registry never runs one twice.
    """
    _handlers[name] = ErasureHandler(name=name, holds=holds, handler=handler)


def scrub_admin_history(model: type[models.Model], object_ids: Iterable[object]) -> int:
    """Blank what the admin's history (``django_admin_log``) kept of these objects.

    ``object_repr`` is the object's ``str()`` when it was saved (a title, a headline, once an
    excerpt's words) and ``change_message`` names changed fields and the ``str()`` of inline
    objects added or removed (a translation, an excerpt). Who did what and when stays.
    Returns how many rows were scrubbed.
    """
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    ids = [str(pk) for pk in object_ids]
    if not ids:
        return 0
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
        object_id__in=ids,
    ).update(object_repr=ERASED, change_message="")


def handlers() -> list[ErasureHandler]:
    """Every registered handler, in the order the apps registered them (lowest layer first)."""
    return list(_handlers.values())


def _checkpoint_sqlite() -> None:
    """Copy the WAL into the database file and empty it: the WAL still holds the old pages.

    With ``secure_delete`` on, what the erasure freed is zeroed in the database file; this
    moves those pages in and truncates the log. A reader holding an old snapshot can keep
    the checkpoint from finishing; the next erasure (or SQLite's own checkpoints) finish it.
    """
    from django.db import DatabaseError, connection

    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return  # a checkpoint cannot run inside a transaction (tests run callbacks there)
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, _, _ = cursor.fetchone()
    except DatabaseError:
        busy = True
    if busy:
        logger.warning("erasure: the database log could not be emptied yet (a reader is open)")


# The apps whose tables may hold a person's words (and the admin's change history).
_ERASED_APPS = ("narratives", "campaigns", "partners", "core", "admin")


def _rewrite_postgresql_tables() -> None:
    """Rewrite the product's tables (VACUUM FULL), so no old row version keeps the words.

    PostgreSQL keeps the old version of an updated or deleted row in the table's pages until
    a vacuum, and a plain VACUUM frees the space without zeroing it; VACUUM FULL writes a
    new file of live rows only and drops the old one. It locks each table for the moment of
    its rewrite (milliseconds at this product's sizes). The WAL and any base backup or WAL
    archive still hold the old rows until they are recycled: keep their retention short
    (README, "Erasure").
    """
    from django.apps import apps
    from django.db import DatabaseError, connection

    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    tables = sorted(
        {
            model._meta.db_table
            for label in _ERASED_APPS
            for model in apps.get_app_config(label).get_models()
            if model._meta.managed and not model._meta.proxy
        }
    )
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '5s'")
        try:
            for table in tables:
                cursor.execute(f"VACUUM (FULL) {quote(table)}")
        except DatabaseError:
            logger.warning("erasure: the tables could not all be rewritten yet (a lock was held)")
        finally:
            cursor.execute("RESET lock_timeout")


def _database_pages(subject: ErasureSubject) -> None:
    transaction.on_commit(_checkpoint_sqlite)
    transaction.on_commit(_rewrite_postgresql_tables)


@transaction.atomic
def erase(subject: ErasureSubject) -> list[str]:
    """Run every handler on ``subject`` in one transaction; return the handlers' names."""
    ran = []
    for entry in handlers():
        entry.handler(subject)
        ran.append(entry.name)
    logger.info(
        "person erased narrative=%s handlers=%d",
        subject.narrative_public_id,
        len(ran),
        extra={"narrative": subject.narrative_public_id, "handlers": ran},
    )
    return ran


register(
    name="core.database_pages",
    holds="old copies of erased rows: the embedded database's log (emptied after commit), "
    "PostgreSQL's dead row versions (tables rewritten after commit)",
    handler=_database_pages,
)
