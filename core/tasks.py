from celery import shared_task

from core import planner
from core.heartbeat import record_worker_tick


@shared_task(name="core.tasks.heartbeat", ignore_result=True)
def heartbeat(from_beat: bool = False) -> None:
    """Record that a worker is consuming; beat sends this every ``HEARTBEAT_INTERVAL``."""
    record_worker_tick(heartbeat.request.hostname or "unknown")


@shared_task(name="core.tasks.refresh_planner_statistics", ignore_result=True)
def refresh_planner_statistics() -> None:
    """Keep SQLite's planner statistics fresh (see core.planner)."""
    planner.refresh_planner_statistics()
