"""What every narrative service shares: the error, the workflow table, the lock and the record."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError

from core.models import User
from core.roles import ANALYST, has_role
from core.workflow import EventLog, Step, Workflow
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

# The narrative workflow: which status each step may start from, where it leads, the words
# of its refusal, its button and the event it records.
WORKFLOW: Workflow[Narrative] = Workflow(
    noun="narrative",
    model=Narrative,
    steps=(
        Step(
            "submit",
            frozenset({Status.DRAFT, Status.CHANGES_REQUESTED}),
            Status.IN_REVIEW,
            "submitted for review",
            label="Submit for review",
            event=Action.SUBMITTED,
        ),
        Step(
            "approve",
            frozenset({Status.IN_REVIEW}),
            Status.APPROVED,
            "approved",
            label="Approve",
            event=Action.APPROVED,
        ),
        Step(
            "request_changes",
            frozenset({Status.IN_REVIEW}),
            Status.CHANGES_REQUESTED,
            "sent back for changes",
            label="Request changes",
            event=Action.CHANGES_REQUESTED,
        ),
        Step(
            "return_to_review",
            frozenset({Status.APPROVED}),
            Status.IN_REVIEW,
            "returned to review",
            event=Action.RETURNED_TO_REVIEW,
        ),
        Step("retire", EDITABLE, Status.RETIRED, "retired", event=Action.RETIRED),
    ),
    error=NarrativeError,
    record=EventLog(NarrativeEvent, "narrative"),
)
TRANSITIONS = WORKFLOW.transitions
STEP_WORDS = WORKFLOW.step_words
_check_transition = WORKFLOW.check
_lock = WORKFLOW.lock
_record = WORKFLOW.record


def _require_analyst(user: User) -> None:
    if not (has_role(user, ANALYST) or getattr(user, "is_superuser", False)):
        raise PermissionDenied("Only analysts can do this.")
