"""Liveness of beat and the workers, kept in the database (``ProcessHeartbeat``).

Beat records a tick each time it publishes the heartbeat task; a worker records one each time
it runs it. So a stale beat tick means beat has stalled, and a fresh beat tick with a stale
worker tick means no worker is consuming. The rows live in the database, not in the cache,
so a Redis restart neither erases them nor makes a live process look dead.

Each process also records its start and its clean stop: a start that follows a run which
never stopped cleanly (SIGKILL, crash, lost machine) counts as a restart, whichever
supervisor brought the process back.
"""

from __future__ import annotations

import socket
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone

from core.models import ProcessHeartbeat

Kind = ProcessHeartbeat.Kind


def beat_name() -> str:
    return f"beat@{socket.gethostname()}"


def _touch(kind: str, name: str, now: datetime) -> None:
    if ProcessHeartbeat.objects.filter(name=name).update(last_seen=now):
        return
    ProcessHeartbeat.objects.bulk_create(
        [ProcessHeartbeat(name=name, kind=kind, last_seen=now, started_at=now, running=True)],
        update_conflicts=True,
        unique_fields=["name"],
        update_fields=["last_seen"],
    )


def record_beat_tick(now: datetime | None = None, name: str | None = None) -> None:
    _touch(Kind.BEAT, name or beat_name(), now or timezone.now())


def record_worker_tick(hostname: str, now: datetime | None = None) -> None:
    _touch(Kind.WORKER, hostname, now or timezone.now())


def record_process_start(kind: str, name: str, now: datetime | None = None) -> bool:
    """Note that a process started; return whether it is a restart after an unclean end."""
    now = now or timezone.now()
    with transaction.atomic():
        row, created = ProcessHeartbeat.objects.select_for_update().get_or_create(
            name=name, defaults={"kind": kind, "last_seen": now, "started_at": now}
        )
        restarted = not created and row.running
        row.kind = kind
        row.starts += 1
        row.started_at = row.last_seen = now
        row.running = True
        if restarted:
            row.restarts += 1
            row.last_restart_at = now
        row.save()
    return restarted


def record_process_stop(name: str) -> None:
    """Note a clean stop, so the next start is not counted as a restart."""
    ProcessHeartbeat.objects.filter(name=name).update(running=False)


def _age(value: datetime | None, now: datetime) -> float | None:
    if value is None:
        return None
    return round((now - value).total_seconds(), 3)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _restarts(kind: str) -> dict:
    totals = ProcessHeartbeat.objects.filter(kind=kind).aggregate(
        restarts=Sum("restarts"), last_restart_at=Max("last_restart_at")
    )
    return {"restarts": totals["restarts"] or 0, "last_restart_at": _iso(totals["last_restart_at"])}


def heartbeat_status(now: datetime | None = None) -> dict[str, dict]:
    """Return ``{"beat": {...}, "worker": {...}}`` with each tick's time, age and verdict."""
    now = now or timezone.now()
    stale_after = settings.HEARTBEAT_STALE_AFTER
    latest = ProcessHeartbeat.objects.order_by("-last_seen")
    beat = latest.filter(kind=Kind.BEAT).first()
    worker = latest.filter(kind=Kind.WORKER).first()
    beat_age = _age(beat.last_seen if beat else None, now)
    worker_age = _age(worker.last_seen if worker else None, now)
    return {
        "beat": {
            "ok": beat_age is not None and beat_age <= stale_after,
            "last_tick": _iso(beat.last_seen if beat else None),
            "age_s": beat_age,
            **_restarts(Kind.BEAT),
        },
        "worker": {
            "ok": worker_age is not None and worker_age <= stale_after,
            "last_heartbeat": _iso(worker.last_seen if worker else None),
            "age_s": worker_age,
            "hostname": worker.name if worker else None,
            "started_at": _iso(worker.started_at if worker else None),
            **_restarts(Kind.WORKER),
        },
    }


def seconds_since_heartbeat(kind: str, name: str | None = None) -> float | None:
    """Age of the freshest heartbeat of ``kind`` (or of the process ``name``); None if none."""
    rows = ProcessHeartbeat.objects.filter(kind=kind)
    if name:
        rows = rows.filter(name=name)
    last = rows.aggregate(last=Max("last_seen"))["last"]
    return _age(last, timezone.now())
