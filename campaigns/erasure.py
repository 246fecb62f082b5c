"""What campaigns holds of a person's words, and how it is erased (see ``core.erasure``).

Messages quoting the person were withdrawn when the narrative was retired; here their images
(which draw the quote) are deleted with their files, their own texts (which may repeat or
paraphrase the quote) are replaced by tombstones, and what reviewers wrote about them goes.
Cached public responses are purged after commit.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from campaigns.models import Message, MessageEvent, MessageFindingDismissal
from campaigns.services import discard_renditions, purge_public_caches
from core.erasure import ERASED, ErasureSubject, register, scrub_admin_history


def quoting_messages(subject: ErasureSubject):
    """Every message that ever quoted one of the subject's excerpts, whatever its status."""
    ids = Message.objects.filter(excerpt_links__excerpt_id__in=subject.excerpt_ids).values("pk")
    return Message.objects.filter(pk__in=ids).order_by("pk")


def erase_renditions(subject: ErasureSubject) -> None:
    for message in quoting_messages(subject):
        discard_renditions(message=message)


def erase_message_texts(subject: ErasureSubject) -> None:
    scrub_admin_history(Message, list(quoting_messages(subject).values_list("pk", flat=True)))
    quoting_messages(subject).update(
        headline=ERASED, body="", cta_text="", alt_text="", updated_at=timezone.now()
    )


def erase_message_review_history(subject: ErasureSubject) -> None:
    messages = quoting_messages(subject)
    MessageEvent.objects.filter(message__in=messages).update(comment="")
    MessageFindingDismissal.objects.filter(message__in=messages).delete()


def purge_caches(subject: ErasureSubject) -> None:
    transaction.on_commit(purge_public_caches)


def register_handlers() -> None:
    register(
        name="campaigns.renditions",
        holds="rendered images (rows and files) of messages quoting the person",
        handler=erase_renditions,
    )
    register(
        name="campaigns.message_texts",
        holds="headline, body, call to action and alt text of messages quoting the person, "
        "and the admin's history rows of those messages",
        handler=erase_message_texts,
    )
    register(
        name="campaigns.message_review",
        holds="reviewers' comments and dismissal reasons on messages quoting the person",
        handler=erase_message_review_history,
    )
    register(
        name="campaigns.caches",
        holds="cached public API responses (purged after commit)",
        handler=purge_caches,
    )
