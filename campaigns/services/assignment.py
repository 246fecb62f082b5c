"""Who reviews a message: assign, unassign, claim."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.models import Message, MessageEvent
from campaigns.services.reviewers import review_target, shaped_message
from campaigns.services.workflow import MESSAGE_WORKFLOW, MessageError
from core import notices
from core.assignment import require_assignable, require_assigner
from core.models import Notice, User


@transaction.atomic
def assign_message(*, user: User, message: Message, assignee: User | None) -> Message:
    """Ask ``assignee`` (an analyst who did not shape it) to review a message in review;
    ``None`` removes the reviewer. The assignee hears of it."""
    require_assigner(user)
    message = MESSAGE_WORKFLOW.lock(message)
    if message.status != Message.Status.IN_REVIEW:
        raise MessageError(_("Only a message in review can be assigned a reviewer."))
    if assignee is not None:
        require_assignable(
            assignee, shaped_it=shaped_message(message, assignee), error=MessageError
        )
    if message.assignee_id == (assignee.pk if assignee else None):
        return message
    message.assignee = assignee
    message.save(update_fields=["assignee", "updated_at"])
    if assignee is None:
        MESSAGE_WORKFLOW.note(message, MessageEvent.Action.UNASSIGNED, actor=user)
    else:
        MESSAGE_WORKFLOW.note(
            message, MessageEvent.Action.ASSIGNED, actor=user, assignee=assignee.pk
        )
        notices.notify(
            recipients=[assignee],
            kind=Notice.Kind.ASSIGNED,
            target=review_target(message),
            actor=user,
        )
    return message


def claim_message(*, user: User, message: Message) -> Message:
    """Assign a message in review to oneself."""
    return assign_message(user=user, message=message, assignee=user)
