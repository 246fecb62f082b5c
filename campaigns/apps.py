from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CampaignsConfig(AppConfig):
    name = "campaigns"

    def ready(self) -> None:
        from narratives.models import ExcerptTranslation

        post_save.connect(_translation_changed, sender=ExcerptTranslation)
        post_delete.connect(_translation_changed, sender=ExcerptTranslation)
        from campaigns.egress import register_surfaces

        register_surfaces()


def _translation_changed(sender, instance, **kwargs) -> None:
    """A quoted translation changed: messages quoting the excerpt need a new review."""
    from campaigns.services import return_quoting_messages_to_review

    if kwargs.get("raw"):
        return
    return_quoting_messages_to_review(
        excerpt_ids=[instance.excerpt_id], why="A translation of a quoted excerpt changed."
    )
