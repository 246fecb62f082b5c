from celery import shared_task

from narratives import services


@shared_task(name="narratives.tasks.retire_expired_consents", ignore_result=True)
def retire_expired_consents() -> int:
    """Retire narratives whose consent has expired, and everything built on them."""
    return services.retire_expired_consents()
