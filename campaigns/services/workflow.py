"""The message workflow: save, submit, approve, request changes, schedule, withdraw."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from campaigns.limits import field_label, message_length_problems, missing_quotes_problem
from campaigns.models import (
    Campaign,
    Message,
    MessageEvent,
    MessageFindingDismissal,
    PublishEvent,
    VisualTemplate,
)
from campaigns.services.renditions import discard_renditions, queue_renditions
from campaigns.services.reviewers import shaped_current_revision, tell_editors, tell_reviewers
from campaigns.signals import message_event
from core import audit, revisions
from core.models import Notice, Revision, User
from core.workflow import EventLog, ReviewWords, Step, Workflow, review_steps

logger = logging.getLogger(__name__)

FINAL_STATUSES = frozenset({Message.Status.WITHDRAWN, Message.Status.EXPIRED})

# --- The message workflow ------------------------------------------------------------------

MStatus = Message.Status
MAction = MessageEvent.Action


class MessageError(ValidationError):
    """A request the message's state or the rules do not allow; the message is for users."""


RETURNABLE = frozenset({MStatus.APPROVED, MStatus.SCHEDULED, MStatus.PUBLISHED})

WITHDRAWABLE = frozenset(
    {
        MStatus.DRAFT,
        MStatus.IN_REVIEW,
        MStatus.CHANGES_REQUESTED,
        MStatus.APPROVED,
        MStatus.SCHEDULED,
        MStatus.PUBLISHED,
    }
)

SCHEDULE_PERMISSION = "campaigns.schedule_message"

# The message workflow: the review cycle (a live message too goes back to review when edited),
# then the schedule and withdrawal. The steps with a label are the admin's and the review
# page's buttons. Publishing and expiry are the publisher's (campaigns.publishing), which
# records them itself.
MESSAGE_WORKFLOW: Workflow[Message] = Workflow(
    noun="message",
    model=Message,
    steps=(
        *review_steps(
            "campaigns",
            "message",
            ReviewWords(
                cannot_submit=gettext_noop(
                    "A message that is %(status)s cannot be submitted for review."
                ),
                cannot_approve=gettext_noop("A message that is %(status)s cannot be approved."),
                cannot_send_back=gettext_noop(
                    "A message that is %(status)s cannot be sent back for changes."
                ),
                cannot_return_to_review=gettext_noop(
                    "A message that is %(status)s cannot be returned to review."
                ),
                may_not_submit=gettext_noop("You may not submit messages."),
                may_not_approve=gettext_noop("You may not approve messages."),
                may_not_review=gettext_noop("You may not review messages."),
            ),
            submit_label=gettext_noop("Save and submit for review"),
            submit_permission="campaigns.change_message",
            returnable=RETURNABLE,
        ),
        Step(
            "schedule",
            frozenset({MStatus.APPROVED}),
            MStatus.SCHEDULED,
            "scheduled",
            gettext_noop("Save and schedule"),
            MAction.SCHEDULED,
            SCHEDULE_PERMISSION,
            gettext_noop("You may not schedule messages."),
            wrong_status=gettext_noop("A message that is %(status)s cannot be scheduled."),
        ),
        Step(
            "unschedule",
            frozenset({MStatus.SCHEDULED}),
            MStatus.APPROVED,
            "unscheduled",
            gettext_noop("Unschedule"),
            MAction.UNSCHEDULED,
            SCHEDULE_PERMISSION,
            gettext_noop("You may not schedule messages."),
            wrong_status=gettext_noop("A message that is %(status)s cannot be unscheduled."),
        ),
        Step(
            "publish",
            frozenset({MStatus.SCHEDULED}),
            MStatus.PUBLISHED,
            "published",
            wrong_status=gettext_noop("A message that is %(status)s cannot be published."),
        ),
        Step(
            "expire",
            frozenset({MStatus.PUBLISHED}),
            MStatus.EXPIRED,
            "expired",
            wrong_status=gettext_noop("A message that is %(status)s cannot be expired."),
        ),
        Step(
            "withdraw",
            WITHDRAWABLE,
            MStatus.WITHDRAWN,
            "withdrawn",
            gettext_noop("Withdraw now"),
            MAction.WITHDRAWN,
            "campaigns.withdraw_message",
            gettext_noop("You may not withdraw messages."),
            gettext_noop("Say why the message is withdrawn."),
            wrong_status=gettext_noop("A message that is %(status)s cannot be withdrawn."),
        ),
    ),
    error=MessageError,
    record=EventLog(MessageEvent, "message"),
)
MESSAGE_TRANSITIONS = MESSAGE_WORKFLOW.transitions
MESSAGE_STEP_WORDS = MESSAGE_WORKFLOW.step_words
check_message_transition = MESSAGE_WORKFLOW.check

# Fields whose change alters what the message sends out: editing one after approval returns
# the message to review. The campaign is one: its name, call to action and help-line are
# drawn on the card and served with the message.
OUTBOUND_FIELDS = (
    "headline",
    "body",
    "statistic",
    "cta_text",
    "cta_url",
    "alt_text",
    "language",
    "palette",
    "template_id",
    "campaign_id",
)


def purge_public_caches() -> None:
    """Invalidate cached public responses: a new content version makes every ETag stale."""
    from django.core.cache import cache

    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
        cache.set(CONTENT_VERSION_KEY, 1, None)


CONTENT_VERSION_KEY = "content-version"


def announce(message: Message, event: str, *, purge: bool = True) -> None:
    """Tell listeners (the partners' outbox) inside the transaction; purge caches after it."""
    message_event.send(sender=Message, message=message, event=event)
    if purge:
        transaction.on_commit(purge_public_caches)


def _require_clean(message: Message) -> None:
    from campaigns.selectors import message_findings

    # A clean check holds for the vault as it was when the check began.
    checked_at = timezone.now()
    findings = message_findings(message)
    if findings:
        vault = sum(f.vault for f in findings)
        raise MessageError(
            _(
                "The leak check found %(count)s possible identifier(s) in what this message "
                "sends out (%(vault)s matching the vault): %(where)s. Change the text, or "
                "dismiss findings that identify nobody."
            )
            % {
                "count": len(findings),
                "vault": vault,
                "where": ", ".join(sorted({f"{f.label.lower()} ({f.category})" for f in findings})),
            }
        )
    message.leak_checked_at = checked_at


# What an editor may change directly, in the order the admin's form shows them: what the
# message says, and its schedule. Status and its timestamps change only through the workflow
# functions below.
CONTENT_FIELDS = (
    "campaign",
    "language",
    "headline",
    "body",
    "statistic",
    "cta_text",
    "cta_url",
    "alt_text",
    "template",
    "palette",
)
SCHEDULE_FIELDS = ("publish_at", "unpublish_at")
EDITOR_FIELDS = frozenset({*CONTENT_FIELDS, *SCHEDULE_FIELDS})


@transaction.atomic
def save_message(
    *,
    user: User,
    message: Message,
    changed_fields: Iterable[str] = (),
    excerpts_changed: bool = False,
    record_revision: bool = True,
) -> Message:
    """Save an editor's changes; after approval, any change sends the message back to review.

    Only the fields the editor changed are written, so a save can never undo what a worker
    did meanwhile (publishing it, say) with a stale copy of the row. What the message says
    is kept as a new revision (``record_revision``: unless the caller records it itself).
    """
    if message.pk is None or not Message.objects.filter(pk=message.pk).exists():
        if message.author_id is None:
            message.author = user
        message.save()
        if record_revision:
            revisions.record(message, user=user, kind=Revision.Kind.CREATED)
        return message
    fields = sorted(EDITOR_FIELDS.intersection(changed_fields))
    # Under the row's lock, so two saves number their revisions one after the other.
    revisions.ensure_baseline(MESSAGE_WORKFLOW.lock(message))
    if fields:
        message.save(update_fields=[*fields, "updated_at"])
    if record_revision:
        revisions.record(message, user=user)
    if fields or excerpts_changed:
        # Who shaped the current revision: none of them may approve it (approve_message).
        MESSAGE_WORKFLOW.record(
            message,
            actor=user,
            action=MAction.EDITED,
            fields=fields + (["excerpts"] if excerpts_changed else []),
        )
    outbound_changed = excerpts_changed or any(
        f in {o.removesuffix("_id") for o in OUTBOUND_FIELDS} for f in fields
    )
    locked = MESSAGE_WORKFLOW.lock(message)
    if outbound_changed:
        _return_to_review(locked, actor=user)
        _audit_vault_matches(locked, actor=user)
    for name in ("status", "approved_by_id", "approved_at", "leak_checked_at", "published_at"):
        setattr(message, name, getattr(locked, name))
    return message


@transaction.atomic
def save_edited_message(
    *,
    user: User,
    message: Message,
    changed_fields: Iterable[str] = (),
    save_excerpts: Callable[[], object] | None = None,
    excerpts_changed: bool = False,
) -> Message:
    """The editor's whole save, as the admin posts it: the message's own fields, then its
    excerpt links (``save_excerpts`` writes them, once the message has its row), then the
    review a change of those links needs, and last the cards, whose inputs are complete only
    now."""
    creating = message.pk is None
    # One revision for the whole save: after the links, if they changed too.
    save_message(
        user=user,
        message=message,
        changed_fields=changed_fields,
        record_revision=not (creating or excerpts_changed),
    )
    if save_excerpts is not None:
        save_excerpts()
    if excerpts_changed and not creating:
        save_message(user=user, message=message, excerpts_changed=True)
    if creating:  # with its quotes, now they are saved
        revisions.record(message, user=user, kind=Revision.Kind.CREATED)
    queue_renditions(message=message)
    return message


def _return_to_review(
    locked: Message, *, actor: User | None, comment: str = "", **detail: Any
) -> bool:
    """Send an approved, scheduled or live message back to review.

    A live message comes down (partners get ``message.withdrawn``): its API representation
    is read from the rows an edit just changed, so the only reviewed thing left to serve
    would be an old image beside unreviewed text. Its renditions keep the hash the last
    approval cleared, and only renditions matching it are ever served.
    """
    if locked.status not in RETURNABLE:
        return False
    previous = locked.status
    MESSAGE_WORKFLOW.advance(
        locked, "return_to_review", actor=actor, change=_clear_approval, comment=comment, **detail
    )
    if previous in {MStatus.SCHEDULED, MStatus.PUBLISHED}:
        announce(locked, "message.withdrawn")
    return True


def _clear_approval(message: Message) -> list[str]:
    message.approved_by, message.approved_at, message.leak_checked_at = None, None, None
    return ["approved_by", "approved_at", "leak_checked_at"]


@transaction.atomic
def return_quoting_messages_to_review(
    *, excerpt_ids: Iterable[int], actor: User | None = None, why: str, language: str = ""
) -> int:
    """An excerpt's text or translation changed: messages quoting it need a new review
    (only those in ``language``, if given: a translation is quoted in its language only)."""
    quoting = Message.objects.filter(
        excerpt_links__excerpt_id__in=list(excerpt_ids), status__in=RETURNABLE
    )
    ids = (quoting.filter(language=language) if language else quoting).values("pk")
    messages = Message.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    return sum(_return_to_review(m, actor=actor, comment=why) for m in messages)


@transaction.atomic
def submit_message(*, user: User, message: Message) -> Message:
    """Send a draft (or a message with changes requested) to the analysts for review."""
    MESSAGE_WORKFLOW.authorize(user, "submit")
    message = MESSAGE_WORKFLOW.run(message, "submit", actor=user, guard=_require_ready_to_submit)
    _audit_vault_matches(message, actor=user)
    tell_reviewers(message, actor=user)
    return message


def _audit_vault_matches(message: Message, *, actor: User | None) -> None:
    """A message belongs to no vault record: every vault value in what it sends out is another
    record's, and its review page shows the match. Write it to the audit trail (how many, never
    which), so custodians see who keeps probing the vault through messages."""
    from campaigns.selectors import message_findings

    count = sum(f.vault for f in message_findings(message))
    audit.record_vault_matches(target=message, count=count, actor=actor)


@transaction.atomic
def approve_message(*, user: User, message: Message) -> Message:
    """Approve a message in review: four eyes, reusable excerpts only, and a clean leak check."""
    MESSAGE_WORKFLOW.authorize(user, "approve")
    message = MESSAGE_WORKFLOW.run(
        message, "approve", actor=user, change=lambda m: _clear_for_approval(m, user)
    )
    audit.record(action=audit.Action.MESSAGE_APPROVED, actor=user, target=message)
    # The cards approved are the ones drawn from the inputs just scanned (locked till commit).
    queue_renditions(message=message)
    message.renditions.update(approved_hash=F("content_hash"))
    tell_editors(message, Notice.Kind.APPROVED, actor=user)
    return message


def _clear_for_approval(message: Message, user: User) -> list[str]:
    """Refuse unless another person shaped it, its excerpts are reusable and it leaks nothing."""
    if message.author_id == user.pk:
        raise MessageError(_("You wrote this message; another person must approve it."))
    if shaped_current_revision(message, user):
        raise MessageError(
            _(
                "You edited or submitted this version of the message, so you may not approve "
                "it: ask another analyst to review it, or request changes instead."
            )
        )
    from narratives.models import Excerpt

    links = message.excerpt_links.all()
    if links.exclude(excerpt__in=Excerpt.objects.reusable()).exists():
        raise MessageError(_("The message quotes an excerpt that is no longer approved for reuse."))
    _require_quotes_in_language(message)
    _lock_inputs(message)
    _require_lengths_within_limits(message)  # with the template locked: its layout decides
    _require_clean(message)
    message.approved_by = user
    message.approved_at = timezone.now()
    return ["approved_by", "approved_at", "leak_checked_at"]


def _require_ready_to_submit(message: Message) -> None:
    """Refuse to submit what the card could not draw: a quote with no words in the message's
    language, a text longer than the chosen template takes, no quote on a layout that
    requires one."""
    _require_quotes_in_language(message)
    _require_lengths_within_limits(message)
    problem = missing_quotes_problem(message)
    if problem:
        raise MessageError(problem)


def _require_lengths_within_limits(message: Message) -> None:
    """Refuse a message with a text longer than its template's card takes (campaigns.limits:
    the card could not be drawn)."""
    problems = message_length_problems(message)
    if problems:
        raise MessageError(
            " ".join(
                _("%(field)s: %(problem)s") % {"field": field_label(name), "problem": problem}
                for name, problem in problems.items()
            )
        )


def _require_quotes_in_language(message: Message) -> None:
    """Refuse a message quoting an excerpt it has no words for in its own language: an
    original in another language is never quoted in its place."""
    from campaigns.selectors import message_excerpts
    from narratives.selectors import untranslated_quotes

    missing = untranslated_quotes(message_excerpts(message), message.language)
    if missing:
        raise MessageError(" ".join(missing))


def _lock_inputs(message: Message) -> None:
    """Lock the campaign and template a message draws on, so an edit to either waits for
    this approval to commit, then sends the message back to review."""
    message.campaign = Campaign.objects.select_for_update().get(pk=message.campaign_id)
    if message.template_id is not None:
        message.template = VisualTemplate.objects.select_for_update().get(pk=message.template_id)


@transaction.atomic
def request_message_changes(*, user: User, message: Message, comment: str) -> Message:
    """Send a message in review back to its editor with a comment."""
    comment = MESSAGE_WORKFLOW.authorize(user, "request_changes", comment)
    message = MESSAGE_WORKFLOW.run(message, "request_changes", actor=user, comment=comment)
    tell_editors(message, Notice.Kind.CHANGES_REQUESTED, actor=user)
    return message


@transaction.atomic
def dismiss_message_finding(
    *, user: User, message: Message, field: str, start: int, end: int, reason: str
) -> MessageFindingDismissal:
    """Record that a generic finding in a message identifies nobody; vault matches cannot be."""
    from campaigns.selectors import message_findings

    if not user.has_perm("campaigns.approve_message"):
        raise PermissionDenied(_("You may not review messages."))
    reason = MESSAGE_WORKFLOW.dismissal_reason(reason)
    message = MESSAGE_WORKFLOW.lock(message)
    finding = next(
        (f for f in message_findings(message) if (f.field, f.start, f.end) == (field, start, end)),
        None,
    )
    if finding is None:
        raise MessageError(_("That finding is no longer in the text; reload the page."))
    if finding.vault:
        raise MessageError(_("A match on the vault cannot be dismissed: change the text."))
    return MESSAGE_WORKFLOW.dismiss(
        message,
        MessageFindingDismissal,
        fingerprint=finding.fingerprint,
        category=finding.category,
        reason=reason,
        actor=user,
        action=MAction.DISMISSED,
        field=field,
    )


@transaction.atomic
def schedule_message(
    *,
    user: User,
    message: Message,
    publish_at: datetime | None,
    unpublish_at: datetime | None = None,
) -> Message:
    """Schedule an approved message; it goes live at ``publish_at`` (now, if that has passed)."""
    MESSAGE_WORKFLOW.authorize(user, "schedule")
    if publish_at is None:
        raise MessageError(_("Set when the message should go live."))
    if unpublish_at is not None and unpublish_at <= publish_at:
        raise MessageError(_("The message must come down after it goes live."))
    if unpublish_at is not None and unpublish_at <= timezone.now():
        raise MessageError(_("The end of the schedule has already passed."))

    def set_schedule(locked: Message) -> None:
        locked.publish_at, locked.unpublish_at = publish_at, unpublish_at
        _require_clean(locked)
        locked.publish_attempts, locked.publish_error, locked.publish_retry_at = 0, "", None
        return None  # every field is saved

    message = MESSAGE_WORKFLOW.run(
        message,
        "schedule",
        actor=user,
        change=set_schedule,
        publish_at=publish_at.isoformat(),
        unpublish_at=unpublish_at.isoformat() if unpublish_at else None,
    )
    audit.record(action=audit.Action.MESSAGE_SCHEDULED, actor=user, target=message)
    return message


@transaction.atomic
def unschedule_message(*, user: User, message: Message) -> Message:
    """Take a scheduled message off the schedule before it goes live."""
    MESSAGE_WORKFLOW.authorize(user, "unschedule")
    return MESSAGE_WORKFLOW.run(message, "unschedule", actor=user, guard=_refuse_if_live)


def _refuse_if_live(message: Message) -> None:
    if message.publish_at and message.publish_at <= timezone.now():
        raise MessageError(_("The message is already live: withdraw it instead."))


@transaction.atomic
def withdraw_message(*, user: User | None, message: Message, reason: str) -> Message:
    """Take a message down at once, whatever its schedule, and record why."""
    reason = MESSAGE_WORKFLOW.authorize(user, "withdraw", reason)
    message = MESSAGE_WORKFLOW.lock(message)
    previous = message.status

    def take_down(locked: Message) -> list[str]:
        now = timezone.now()
        locked.withdrawn_at, locked.withdrawal_reason = now, reason
        PublishEvent.objects.create(
            message=locked,
            kind=PublishEvent.Kind.WITHDRAW,
            scheduled_for=now,
            occurred_at=now,
            actor=user,
            reason=reason,
        )
        return ["withdrawn_at", "withdrawal_reason"]

    MESSAGE_WORKFLOW.advance(message, "withdraw", actor=user, change=take_down, comment=reason)
    audit.record(action=audit.Action.MESSAGE_WITHDRAWN, actor=user, target=message)
    discard_renditions(message=message)
    if previous in {MStatus.SCHEDULED, MStatus.PUBLISHED}:
        announce(message, "message.withdrawn")
    tell_editors(message, Notice.Kind.WITHDRAWN, actor=user, owner=True)
    logger.info(
        "publish_event kind=withdraw message=%s",
        message.public_id,
        extra={"event": "withdraw", "message_id": message.public_id, "previous": previous},
    )
    return message
