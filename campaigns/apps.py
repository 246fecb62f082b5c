from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CampaignsConfig(AppConfig):
    name = "campaigns"

    def ready(self) -> None:
        from campaigns.egress import register_surfaces
        from campaigns.erasure import register_handlers
        from campaigns.signals import message_event
        from narratives.models import Excerpt, ExcerptTranslation

        post_save.connect(_translation_changed, sender=ExcerptTranslation)
        post_delete.connect(_translation_changed, sender=ExcerptTranslation)
        post_save.connect(_excerpt_saved, sender=Excerpt, dispatch_uid="campaigns-excerpt-retired")
        message_event.connect(_message_came_down, dispatch_uid="campaigns-discard-renditions")
        register_handlers()
        register_surfaces()


def _translation_changed(sender, instance, **kwargs) -> None:
    """A quoted translation changed: messages quoting the excerpt need a new review."""
    from campaigns.services import return_quoting_messages_to_review

    if kwargs.get("raw"):
        return
    return_quoting_messages_to_review(
        excerpt_ids=[instance.excerpt_id], why="A translation of a quoted excerpt changed."
    )


def _excerpt_saved(sender, instance, **kwargs) -> None:
    """A quoted excerpt is no longer approved (retired, withdrawn): the cards that draw it are
    no longer cleared, so the messages quoting it go back to review (and come down if live)."""
    from campaigns.services import return_quoting_messages_to_review

    if kwargs.get("raw") or kwargs.get("created") or instance.status == instance.Status.APPROVED:
        return
    return_quoting_messages_to_review(
        excerpt_ids=[instance.pk], why="A quoted excerpt was withdrawn from reuse."
    )


def _message_came_down(sender, message, event, **kwargs) -> None:
    """A message's schedule ended: its images leave the media tree."""
    from campaigns.services import discard_renditions

    if event == "message.unpublished":
        discard_renditions(message=message)
