"""Who shaped a message, and who hears about its review, its publication and its withdrawal."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from campaigns.models import Message, MessageEvent
from core import notices
from core.assignment import analysts
from core.models import Notice, User


def review_target(message: Message) -> notices.Target:
    """The message as analysts' notices name it: its public id and its review page."""
    return notices.Target(
        "message", message.public_id, reverse("message_review:detail", args=[message.public_id])
    )


def editor_target(message: Message) -> notices.Target:
    """The message as editors' notices name it: its public id and its admin page."""
    return notices.Target(
        "message", message.public_id, reverse("admin:campaigns_message_change", args=[message.pk])
    )


def shaped_current_revision(message: Message, user: User) -> bool:
    """Whether ``user`` edited or submitted the message since it was last approved."""
    events = message.events.all()
    last_approval = (
        events.filter(action=MessageEvent.Action.APPROVED).order_by("-at", "-pk").first()
    )
    if last_approval is not None:
        events = events.filter(pk__gt=last_approval.pk)
    shaping = [MessageEvent.Action.EDITED, MessageEvent.Action.SUBMITTED]
    return events.filter(actor=user, action__in=shaping).exists()


def shaped_message(message: Message, user: User) -> bool:
    """Whether ``user`` wrote the message or shaped the version under review (four eyes)."""
    return message.author_id == user.pk or shaped_current_revision(message, user)


def tell_reviewers(message: Message, *, actor: User) -> None:
    """A message was submitted: its assignee hears, or else every analyst."""
    recipients: Iterable[User | None] = (
        [message.assignee] if message.assignee_id is not None else analysts()
    )
    notices.notify(
        recipients=recipients,
        kind=Notice.Kind.SUBMITTED,
        target=review_target(message),
        actor=actor,
    )


def tell_editors(message: Message, kind: str, *, actor: User | None, owner: bool = False) -> None:
    """The message's author hears it was approved or sent back; with ``owner``, the
    campaign's owner too (published, withdrawn)."""
    recipients: list[User | None] = [message.author]
    if owner:
        recipients.append(message.campaign.owner)
    notices.notify(recipients=recipients, kind=kind, target=editor_target(message), actor=actor)


def tell_published(message_ids: list[int]) -> int:
    """The publisher put these messages live: their authors and campaign owners hear (one
    INSERT for the batch)."""
    messages = Message.objects.filter(pk__in=message_ids).select_related(
        "author", "campaign__owner"
    )
    return notices.notify_many(
        ([m.author, m.campaign.owner], Notice.Kind.PUBLISHED, editor_target(m)) for m in messages
    )
