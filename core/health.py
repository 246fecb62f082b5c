"""Checks behind ``/healthz``: each returns a dict with ``ok`` and no secrets."""

from __future__ import annotations

import time

from django.db import connection

from config.celery import app as celery_app
from core.heartbeat import heartbeat_status


def check_database() -> dict:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "down"; report the kind, never the DSN
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "latency_ms": round((time.perf_counter() - started) * 1000, 1)}


def check_broker() -> dict:
    started = time.perf_counter()
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=3)
            transport = conn.transport_cls
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}
    return {
        "ok": True,
        "transport": str(transport),
        "latency_ms": round((time.perf_counter() - started) * 1000, 1),
    }


def check_cache() -> dict:
    """The shared cache (Redis): the rate limit's counters and the API's ETag state live there."""
    from django.core.cache import cache

    started = time.perf_counter()
    try:
        cache.set("healthz:probe", "1", timeout=10)
        if cache.get("healthz:probe") != "1":
            return {"ok": False, "error": "WrongAnswer"}
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "latency_ms": round((time.perf_counter() - started) * 1000, 1)}


def check_heartbeats() -> dict:
    try:
        return heartbeat_status()
    except Exception as exc:  # the database (where heartbeats live) is down
        down = {"ok": False, "error": type(exc).__name__}
        return {"beat": down, "worker": dict(down)}


def check_publishing() -> dict:
    """Messages overdue to go up or come down: the workers are behind or failing."""
    from django.db.models import Min
    from django.utils import timezone

    from campaigns.selectors import overdue_publications

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


def health_report() -> tuple[bool, dict]:
    """Return whether everything is up, and the report to show."""
    report = {
        "database": check_database(),
        "broker": check_broker(),
        "cache": check_cache(),
        **check_heartbeats(),
        "publishing": check_publishing(),
    }
    healthy = all(part["ok"] for part in report.values())
    return healthy, {"status": "ok" if healthy else "unavailable", **report}
