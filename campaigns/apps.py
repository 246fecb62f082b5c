from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from campaigns.models import Message
    from core.models import User
    from core.notices import Waiting
    from narratives.models import Excerpt, ExcerptTranslation


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self) -> None:
        from campaigns.changed import connect as connect_shown_changed_at
        from campaigns.egress import register_surfaces
        from campaigns.erasure import register_handlers
        from campaigns.health import check_publishing
        from campaigns.revisions import register_revisions
        from campaigns.signals import message_event, messages_event
        from core.health import register_check
        from core.notices import register_waiting
        from narratives.models import Excerpt, ExcerptTranslation
        from narratives.signals import excerpts_changed, excerpts_retired, vault_changed

        post_save.connect(_translation_changed, sender=ExcerptTranslation)
        post_delete.connect(_translation_changed, sender=ExcerptTranslation)
        post_save.connect(_excerpt_saved, sender=Excerpt, dispatch_uid="campaigns-excerpt-retired")
        message_event.connect(_message_came_down, dispatch_uid="campaigns-discard-renditions")
        messages_event.connect(_messages_published, dispatch_uid="campaigns-notice-published")
        message_event.connect(_stop_experiments, dispatch_uid="campaigns-stop-experiments")
        messages_event.connect(_stop_experiments, dispatch_uid="campaigns-stop-experiments-batch")
        register_waiting(_waiting_messages)
        vault_changed.connect(_vault_changed, dispatch_uid="campaigns-recheck-messages")
        excerpts_changed.connect(_excerpts_changed, dispatch_uid="campaigns-excerpts-changed")
        excerpts_retired.connect(_excerpts_retired, dispatch_uid="campaigns-excerpts-retired")
        register_handlers()
        register_revisions()
        register_surfaces()
        connect_shown_changed_at()
        register_check("publishing", check_publishing)


def _translation_changed(sender: object, instance: ExcerptTranslation, **kwargs: object) -> None:
    """A quoted translation changed: messages quoting the excerpt need a new review."""
    from campaigns.services import return_quoting_messages_to_review

    if kwargs.get("raw"):
        return
    # Only messages in the translation's language quote it (``quote_in_language``).
    return_quoting_messages_to_review(
        excerpt_ids=[instance.excerpt_id],
        why="A translation of a quoted excerpt changed.",
        language=instance.language,
    )


def _excerpt_saved(sender: object, instance: Excerpt, **kwargs: object) -> None:
    """A quoted excerpt is no longer approved (retired, withdrawn): the cards that draw it are
    no longer cleared, so the messages quoting it go back to review (and come down if live)."""
    from campaigns.services import return_quoting_messages_to_review

    if kwargs.get("raw") or kwargs.get("created") or instance.status == instance.Status.APPROVED:
        return
    return_quoting_messages_to_review(
        excerpt_ids=[instance.pk], why="A quoted excerpt was withdrawn from reuse."
    )


def _message_came_down(sender: object, message: Message, event: str, **kwargs: object) -> None:
    """A message's schedule ended: its images leave the media tree."""
    from campaigns.services import discard_renditions

    if event == "message.unpublished":
        discard_renditions(message=message)


CAME_DOWN_EVENTS = frozenset({"message.withdrawn", "message.unpublished"})


def _stop_experiments(sender: object, event: str, **kwargs: Any) -> None:
    """A message came down: a running experiment showing it stops (campaigns.experiments).
    Whatever goes wrong there never holds back the withdrawal or the schedule."""
    from django.core.exceptions import ValidationError
    from django.db import DatabaseError, transaction

    from campaigns.experiments.services import stop_experiments_showing

    if event not in CAME_DOWN_EVENTS:
        return
    messages = kwargs.get("messages") or [kwargs["message"]]
    try:
        with transaction.atomic():
            stop_experiments_showing(message_ids=[m.pk for m in messages])
    except (DatabaseError, ValidationError) as exc:  # e.g. stopped meanwhile by an editor
        logger.warning("experiments not stopped error=%s", type(exc).__name__)


def _messages_published(
    sender: object, messages: list[Message], event: str, **kwargs: object
) -> None:
    """The publisher put a batch live: authors and campaign owners hear (core.notices). A
    notice that cannot be written never holds back a publication."""
    from django.db import DatabaseError, transaction

    from campaigns.services import tell_published

    if event != "message.published":
        return
    try:
        with transaction.atomic():
            tell_published([m.pk for m in messages])
    except DatabaseError as exc:
        logger.warning("publish notices not written error=%s", type(exc).__name__)


def _waiting_messages(user: User) -> list[Waiting]:
    from campaigns.selectors import waiting_messages

    return waiting_messages(user)


def _vault_changed(sender: object, **kwargs: object) -> None:
    """The vault knows more: recheck every approved, scheduled and live message.

    Until the recheck has found a message clean again, ``Message.objects.live`` leaves it
    out (its leak check is older than the vault), so nothing checked against the old vault
    is served meanwhile.
    """
    from campaigns.services import queue_vault_recheck

    queue_vault_recheck()


def _excerpts_changed(
    sender: object,
    excerpt_ids: list[int],
    actor: User | None = None,
    why: str = "",
    **kwargs: object,
) -> int:
    """Quoted words changed: the messages quoting them go back to review."""
    from campaigns.services import return_quoting_messages_to_review

    return return_quoting_messages_to_review(excerpt_ids=excerpt_ids, actor=actor, why=why)


def _excerpts_retired(
    sender: object,
    excerpt_ids: list[int],
    reason: str,
    actor: User | None = None,
    **kwargs: object,
) -> int:
    """Quoted excerpts were retired: the messages quoting them come down at once."""
    from campaigns.services import withdraw_messages_using_excerpts

    return withdraw_messages_using_excerpts(excerpt_ids=excerpt_ids, reason=reason, actor=actor)
