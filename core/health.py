"""Checks behind ``/healthz``: each returns a dict with ``ok`` and no secrets."""

from __future__ import annotations

import time
from collections.abc import Callable

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


# Checks of the apps above core, registered from their ``AppConfig.ready()`` (campaigns adds
# "publishing"): core reports them without importing those apps.
_registered: dict[str, Callable[[], dict]] = {}


def register_check(name: str, check: Callable[[], dict]) -> None:
    """Add ``check`` to ``/healthz`` under ``name``; it returns a dict with ``ok``."""
    existing = _registered.get(name)
    if existing is not None and existing is not check:
        raise ValueError(f"health check {name!r} is registered twice")
    _registered[name] = check


def _run(check: Callable[[], dict]) -> dict:
    try:
        return check()
    except Exception as exc:  # a check that fails is a part that is down, never a 500
        return {"ok": False, "error": type(exc).__name__}


def health_report() -> tuple[bool, dict]:
    """Return whether everything is up, and the report to show."""
    report = {
        "database": check_database(),
        "broker": check_broker(),
        "cache": check_cache(),
        **check_heartbeats(),
        **{name: _run(check) for name, check in _registered.items()},
    }
    healthy = all(part["ok"] for part in report.values())
    return healthy, {"status": "ok" if healthy else "unavailable", **report}
