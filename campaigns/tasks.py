"""Thin tasks: look the row up again, check its state, call a service."""

import contextlib

from celery import Task, shared_task
from django.db import OperationalError
from kombu.exceptions import KombuError

from campaigns import services


@shared_task(
    name="campaigns.tasks.render_rendition",
    bind=True,
    ignore_result=True,
    max_retries=5,
    default_retry_delay=5,
)
def render_rendition(self: Task, rendition_id: int, input_hash: str) -> None:
    """Render one rendition; record a failure on the row and retry with backoff."""
    try:
        services.render_rendition(rendition_id=rendition_id, input_hash_=input_hash)
    except services.RenditionSkipped:
        return
    except ValueError as exc:
        # The inputs themselves are wrong: retrying cannot help; the editor must fix them.
        services.record_rendition_failure(
            rendition_id=rendition_id, input_hash_=input_hash, error=exc
        )
    except Exception as exc:
        # If the database itself is away, the retry records the failure instead.
        with contextlib.suppress(OperationalError):
            services.record_rendition_failure(
                rendition_id=rendition_id, input_hash_=input_hash, error=exc
            )
        raise self.retry(exc=exc, countdown=min(5 * 2**self.request.retries, 300)) from exc


@shared_task(name="campaigns.tasks.sweep_renditions", ignore_result=True)
def sweep_renditions() -> int:
    """Re-queue renditions stuck in pending or rendering."""
    return services.sweep_renditions()


@shared_task(name="campaigns.tasks.publish_due_messages", bind=True, ignore_result=True)
def publish_due_messages(self: Task, fan_out: bool = True) -> dict[str, int]:
    """Publish and unpublish whatever is due; safe to run any number of times at once."""
    from campaigns.publishing import extra_sweepers_wanted, sweep

    if fan_out:
        # A burst: wake other worker processes too, so they sweep other batches alongside
        # this one. Only beat's wake-ups fan out, so the number of sweepers stays bounded.
        # The broker being away must not keep this sweeper from its work.
        with contextlib.suppress(KombuError, OSError):
            for _ in range(extra_sweepers_wanted()):
                publish_due_messages.apply_async(kwargs={"fan_out": False}, expires=10, retry=False)
    result = sweep(worker=self.request.hostname or "")
    # A live message whose check is older than the vault is held back until rechecked: if
    # the recheck a vault write queued was lost (the broker was away), queue it again.
    services.requeue_lost_vault_recheck()
    return {"published": result.published, "unpublished": result.unpublished}


@shared_task(name="campaigns.tasks.recheck_messages_against_vault", ignore_result=True)
def recheck_messages_against_vault() -> int:
    """Scan approved, scheduled and live messages again after the vault changed."""
    from django.core.cache import cache

    # Let the next vault change queue another run, so none is missed while this one runs.
    cache.delete(services.RECHECK_QUEUED_KEY)
    return services.recheck_messages_against_vault()
