from celery.signals import worker_init
from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class NarrativesConfig(AppConfig):
    name = "narratives"
    verbose_name = _("Narratives")

    def ready(self) -> None:
        from core.egress import set_text_gate
        from core.notices import register_waiting
        from narratives.egress import register_surfaces, vault_fields
        from narratives.erasure import register_handlers
        from narratives.models import Narrative
        from narratives.revisions import register_revisions
        from narratives.selectors import waiting_narratives

        register_handlers()
        register_revisions()
        register_surfaces()
        set_text_gate(vault_fields)
        register_waiting(waiting_narratives)
        post_save.connect(_narratives_changed, sender=Narrative, dispatch_uid="narratives-disc-s")
        post_delete.connect(_narratives_changed, sender=Narrative, dispatch_uid="narratives-disc-d")
        # Django is set up before the worker sends worker_init (celery.worker.worker).
        worker_init.connect(_preload_scanner, dispatch_uid="narratives-preload-scanner")


def _narratives_changed(sender, **kwargs: object) -> None:
    """A narrative changed here: this process reads the disclosure index's version afresh
    (others within DISCLOSURE_RECHECK_SECONDS)."""
    from narratives.selectors import forget_disclosure_index

    forget_disclosure_index()


def _preload_scanner(**kwargs: object) -> None:
    """Load the leak scanner's data (gazetteer, German nouns) in the worker's parent, so forked children share it."""
    from django.conf import settings

    if settings.SCANNER_PRELOAD:
        import gc

        from narratives.anonymize import preload

        preload()
        # Long-lived from now on: out of the collector's way, so collections do not walk it.
        gc.freeze()
