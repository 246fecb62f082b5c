from celery import shared_task

from narratives import services


@shared_task(name="narratives.tasks.retire_expired_consents", ignore_result=True)
def retire_expired_consents() -> int:
    """Retire narratives whose consent has expired, and everything built on them."""
    return services.retire_expired_consents()


@shared_task(name="narratives.tasks.recheck_narratives_against_vault", ignore_result=True)
def recheck_narratives_against_vault() -> int:
    """Scan the approved narratives again after the vault changed."""
    from django.core.cache import cache

    # Let the next vault change queue another run, so none is missed while this one runs.
    cache.delete(services.RECHECK_QUEUED_KEY)
    return services.recheck_narratives_against_vault()


@shared_task(name="narratives.tasks.notify_expiring_consents", ignore_result=True)
def notify_expiring_consents() -> int:
    """Tell custodians of consents ending within 30 days (once per record and date)."""
    return services.notify_expiring_consents()
