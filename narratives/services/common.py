"""What every narrative service shares: the error, the workflow table, the lock and the record."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError

from core.roles import ANALYST, has_role
from core.workflow import Workflow
from narratives.models import (
    Narrative,
    NarrativeEvent,
)

logger = logging.getLogger(__name__)

Status = Narrative.Status
Action = NarrativeEvent.Action


class NarrativeError(ValidationError):
    """A request the narrative's state or the rules do not allow; the message is for users."""


# Which status each workflow step may start from, and where it leads.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({Status.DRAFT, Status.CHANGES_REQUESTED}), Status.IN_REVIEW),
    "approve": (frozenset({Status.IN_REVIEW}), Status.APPROVED),
    "request_changes": (frozenset({Status.IN_REVIEW}), Status.CHANGES_REQUESTED),
    "return_to_review": (frozenset({Status.APPROVED}), Status.IN_REVIEW),
    "retire": (
        frozenset(
            {
                Status.DRAFT,
                Status.IN_REVIEW,
                Status.CHANGES_REQUESTED,
                Status.APPROVED,
            }
        ),
        Status.RETIRED,
    ),
}
EDITABLE = frozenset({Status.DRAFT, Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.APPROVED})


STEP_WORDS = {
    "submit": "submitted for review",
    "approve": "approved",
    "request_changes": "sent back for changes",
    "return_to_review": "returned to review",
    "retire": "retired",
}


WORKFLOW = Workflow("narrative", TRANSITIONS, STEP_WORDS, NarrativeError)
_check_transition = WORKFLOW.check


def _lock(narrative: Narrative) -> Narrative:
    """Re-read the narrative under a row lock, so concurrent reviewers serialise."""
    return Narrative.objects.select_for_update().get(pk=narrative.pk)


def _record(narrative, *, actor, action, from_status="", comment="", **detail) -> NarrativeEvent:
    return NarrativeEvent.objects.create(
        narrative=narrative,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=narrative.status,
        comment=comment,
        detail=detail,
    )


def _require_analyst(user) -> None:
    if not (has_role(user, ANALYST) or getattr(user, "is_superuser", False)):
        raise PermissionDenied("Only analysts can do this.")
