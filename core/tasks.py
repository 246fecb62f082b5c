import smtplib

from celery import shared_task

from core import notices, planner
from core.heartbeat import record_worker_tick


@shared_task(name="core.tasks.heartbeat", ignore_result=True)
def heartbeat(from_beat: bool = False) -> None:
    """Record that a worker is consuming; beat sends this every ``HEARTBEAT_INTERVAL``."""
    record_worker_tick(heartbeat.request.hostname or "unknown")


@shared_task(name="core.tasks.refresh_planner_statistics", ignore_result=True)
def refresh_planner_statistics() -> None:
    """Keep SQLite's planner statistics fresh (see core.planner)."""
    planner.refresh_planner_statistics()


@shared_task(name="core.tasks.send_notice_email", bind=True, ignore_result=True, max_retries=None)
def send_notice_email(self, notice_id: int) -> None:
    """Send a notice's e-mail; while the SMTP server is away, retry with a growing delay
    (the notice stays pending meanwhile, and the beat sweep requeues it if this is lost)."""
    try:
        notices.deliver_email(notice_id=notice_id)
    except (OSError, smtplib.SMTPException) as exc:
        delay = min(600, 5 * 2 ** min(self.request.retries, 7))
        raise self.retry(exc=exc, countdown=delay) from exc


@shared_task(name="core.tasks.resend_pending_notice_emails", ignore_result=True)
def resend_pending_notice_emails() -> int:
    """Queue again the notice e-mails still pending long after their notice was made."""
    return notices.resend_pending_emails()
