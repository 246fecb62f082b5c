"""What every narrative service shares: the error, the workflow table, the lock and the record."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.models import User
from core.roles import ANALYST, has_role
from core.workflow import EventLog, ReviewWords, Step, Workflow, review_steps
from narratives.models import (
    Narrative,
    NarrativeEvent,
)

logger = logging.getLogger(__name__)

Status = Narrative.Status
Action = NarrativeEvent.Action


class NarrativeError(ValidationError):
    """A request the narrative's state or the rules do not allow; the message is for users."""


EDITABLE = frozenset({Status.DRAFT, Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.APPROVED})

# The narrative workflow: the review cycle, then retirement (consent.retire_narrative).
WORKFLOW: Workflow[Narrative] = Workflow(
    "narrative",
    Narrative,
    (
        *review_steps(
            "narratives",
            "narrative",
            ReviewWords(
                cannot_submit=gettext_noop(
                    "A narrative that is %(status)s cannot be submitted for review."
                ),
                cannot_approve=gettext_noop("A narrative that is %(status)s cannot be approved."),
                cannot_send_back=gettext_noop(
                    "A narrative that is %(status)s cannot be sent back for changes."
                ),
                cannot_return_to_review=gettext_noop(
                    "A narrative that is %(status)s cannot be returned to review."
                ),
                may_not_submit=gettext_noop("You may not submit narratives."),
                may_not_approve=gettext_noop("You may not approve narratives."),
                may_not_review=gettext_noop("You may not review narratives."),
            ),
        ),
        Step(
            "retire",
            EDITABLE,
            Status.RETIRED,
            "retired",
            event=Action.RETIRED,
            wrong_status=gettext_noop("A narrative that is %(status)s cannot be retired."),
        ),
    ),
    NarrativeError,
    EventLog(NarrativeEvent, "narrative"),
)
TRANSITIONS = WORKFLOW.transitions
STEP_WORDS = WORKFLOW.step_words
_check_transition = WORKFLOW.check
_lock = WORKFLOW.lock
_record = WORKFLOW.record


def _require_analyst(user: User) -> None:
    if not (has_role(user, ANALYST) or getattr(user, "is_superuser", False)):
        raise PermissionDenied(_("Only analysts can do this."))
