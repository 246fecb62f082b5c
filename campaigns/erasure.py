"""What campaigns holds of a person's words, and how it is erased (see ``core.erasure``).

Messages quoting the person were withdrawn when the narrative was retired; here their images
(which draw the quote) are deleted with their files, their own texts (which may repeat or
paraphrase the quote) are replaced by tombstones, and what reviewers wrote about them goes.
Cached public responses are purged after commit.
"""

from __future__ import annotations

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from campaigns.changed import refresh_shown_changed_at
from campaigns.models import (
    Experiment,
    ExperimentChange,
    Message,
    MessageEvent,
    MessageFindingDismissal,
    PublishEvent,
)
from campaigns.services import (
    FINAL_STATUSES,
    discard_renditions,
    purge_public_caches,
    withdraw_message,
)
from core import revisions
from core.erasure import ERASED, ErasureSubject, register, scrub_admin_history

# A copied quote shorter than this is not looked for by its text: "I left" would match every
# message. Longer excerpts are found wherever an editor pasted them.
MIN_COPIED_QUOTE = 20
ERASED_REASON = "Withdrawn: the narrative it quoted was retired and the person's words erased."
TEXT_FIELDS = ("headline", "body", "cta_text", "alt_text", "withdrawal_reason")


def quoting_messages(subject: ErasureSubject) -> QuerySet[Message]:
    """Every message that ever quoted the subject: through an excerpt link (whatever its
    status), or by carrying one of their excerpts' words in its own texts without a link
    (pasted into another message's body, or kept after the excerpt was swapped)."""
    linked = Q(excerpt_links__excerpt_id__in=subject.excerpt_ids)
    copied = Q()
    for words in subject.words:
        words = " ".join(words.split())
        if len(words) >= MIN_COPIED_QUOTE:
            for name in TEXT_FIELDS:
                copied |= Q(**{f"{name}__icontains": words})
    ids = Message.objects.filter(linked | copied if copied else linked).values("pk")
    return Message.objects.filter(pk__in=ids).order_by("pk")


def erase_experiment_texts(subject: ErasureSubject) -> None:
    """Experiments testing a message that quoted the person: what editors and reviewers
    wrote about them (question, hypothesis, stop reason, history comments, the frozen plan's
    words) may quote or describe the person. Their figures, variants and counts stay."""
    ids = list(
        Experiment.objects.filter(variants__message__in=quoting_messages(subject))
        .values_list("pk", flat=True)
        .distinct()
    )
    if not ids:
        return
    experiments = Experiment.objects.filter(pk__in=ids)
    experiments.exclude(stop_reason="").update(stop_reason=ERASED)
    for experiment in experiments.exclude(plan_at_start={}):
        plan = dict(experiment.plan_at_start)
        plan.update(question=ERASED, hypothesis="")
        Experiment.objects.filter(pk=experiment.pk).update(plan_at_start=plan)
    experiments.update(question=ERASED, hypothesis="", updated_at=timezone.now())
    ExperimentChange.objects.filter(experiment_id__in=ids).update(comment="")
    scrub_admin_history(Experiment, ids)


def take_down_copies(subject: ErasureSubject) -> None:
    """Messages that carry the words without a link were not withdrawn with the narrative."""
    for message in quoting_messages(subject).exclude(status__in=FINAL_STATUSES):
        withdraw_message(user=None, message=message, reason="The person quoted was erased.")


def erase_renditions(subject: ErasureSubject) -> None:
    for message in quoting_messages(subject):
        discard_renditions(message=message)


def erase_message_texts(subject: ErasureSubject) -> None:
    messages = quoting_messages(subject)
    # Reasons editors typed may repeat the words; the system's own reason replaces them.
    PublishEvent.objects.filter(message__in=messages).exclude(reason="").update(
        reason=ERASED_REASON
    )
    messages.exclude(withdrawal_reason="").update(withdrawal_reason=ERASED_REASON)
    messages.update(
        headline=ERASED,
        body="",
        cta_text="",
        alt_text="",
        updated_at=timezone.now(),
    )
    refresh_shown_changed_at(message_ids=messages.values("pk"))


def erase_message_review_history(subject: ErasureSubject) -> None:
    messages = quoting_messages(subject)
    MessageEvent.objects.filter(message__in=messages).update(comment="")
    MessageFindingDismissal.objects.filter(message__in=messages).delete()
    # The admin's own history: object_repr is str(message), the headline at the time.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Message),
        object_id__in=[str(pk) for pk in messages.values_list("pk", flat=True)],
    ).update(object_repr=ERASED, change_message="")


def erase_message_revisions(subject: ErasureSubject) -> None:
    # Every revision of a message quoting the person, and those of any other message whose
    # earlier content quoted them (a link since removed, words since rewritten).
    revisions.erase(Message, quoting_messages(subject).values_list("pk", flat=True))
    words = [" ".join(w.split()) for w in subject.words]
    revisions.erase_holding(
        Message,
        [*subject.excerpt_public_ids, *(w for w in words if len(w) >= MIN_COPIED_QUOTE)],
    )


def purge_caches(subject: ErasureSubject) -> None:
    transaction.on_commit(purge_public_caches)


def register_handlers() -> None:
    # First: it finds the messages by their texts, which the handlers below erase.
    register(
        name="campaigns.experiment_texts",
        holds="question, hypothesis, stop reason, frozen plan's words and history comments "
        "of experiments testing a message that quoted the person",
        handler=erase_experiment_texts,
    )
    register(
        name="campaigns.copied_quotes",
        holds="live messages carrying the person's words without linking their excerpt",
        handler=take_down_copies,
    )
    register(
        name="campaigns.renditions",
        holds="rendered images (rows and files) of messages quoting the person, with a "
        "carousel slide's alt text (its quote and attribution)",
        handler=erase_renditions,
    )
    register(
        name="campaigns.message_texts",
        holds="headline, body, call to action, alt text and withdrawal reason (with its "
        "publish events) of messages quoting the person",
        handler=erase_message_texts,
    )
    register(
        name="campaigns.message_review",
        holds="reviewers' comments, dismissal reasons and the admin's change history "
        "(django_admin_log) of messages quoting the person",
        handler=erase_message_review_history,
    )
    register(
        name="campaigns.message_revisions",
        holds="every revision of the messages quoting the person, and earlier revisions of "
        "other messages that quoted them or carried their words",
        handler=erase_message_revisions,
    )
    register(
        name="campaigns.caches",
        holds="cached public API responses (purged after commit)",
        handler=purge_caches,
    )
