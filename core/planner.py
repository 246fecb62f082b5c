"""Fresh statistics for the query planner.

PostgreSQL keeps its own (autovacuum analyses a table as it changes). SQLite keeps none
until ``ANALYZE`` runs, and without them it takes any index with an equality on its first
column for the most selective, whatever the data: it read a list of live messages on the
publisher's ``(status, publish_at)`` index and sorted every live message, where the list's
own index gives the page in order (issue 19). Beat runs :func:`refresh_planner_statistics`
every ``PLANNER_STATISTICS_INTERVAL`` seconds (an hour).
"""

from __future__ import annotations

import logging
import time

from django.db import connection

logger = logging.getLogger(__name__)


def refresh_planner_statistics() -> bool:
    """Analyse every table of an SQLite database; return whether it ran (not on PostgreSQL,
    whose autovacuum does it)."""
    if connection.vendor != "sqlite":
        return False
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    logger.info("planner statistics refreshed in %.1f s", time.monotonic() - started)
    return True
