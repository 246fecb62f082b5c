"""The publisher's part of ``/healthz`` (registered with ``core.health`` in ``ready()``)."""

from __future__ import annotations

from django.db.models import Min
from django.utils import timezone

from campaigns.selectors import overdue_publications


def check_publishing() -> dict:
    """Messages overdue to go up or come down: the workers are behind or failing."""
    try:
        now = timezone.now()
        overdue = overdue_publications(now)
        state = overdue.aggregate(
            oldest_publish=Min("publish_at"), oldest_unpublish=Min("unpublish_at")
        )
        count = overdue.count()
        failing = overdue.exclude(publish_error="").count()
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}
    oldest = [t for t in state.values() if t is not None and t <= now]
    return {
        "ok": count == 0,
        "overdue": count,
        "failing": failing,
        "oldest_overdue_s": round((now - min(oldest)).total_seconds(), 1) if oldest else None,
    }
