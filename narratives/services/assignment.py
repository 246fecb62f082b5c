"""Who reviews a narrative: assign, unassign, claim; and who hears about its review."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core import notices
from core.assignment import analysts, require_assignable, require_assigner
from core.models import Notice, User
from narratives.models import Narrative
from narratives.services.common import WORKFLOW, Action, NarrativeError, Status


def narrative_target(narrative: Narrative) -> notices.Target:
    """The narrative as notices name it: its public id and its review page."""
    return notices.Target(
        "narrative", narrative.public_id, reverse("review:narrative", args=[narrative.public_id])
    )


def shaped_narrative(narrative: Narrative, user: User) -> bool:
    """Whether ``user`` wrote or edited the narrative's text (so may not approve it)."""
    return narrative.author_id == user.pk or (
        narrative.events.filter(actor=user, action=Action.EDITED).exists()
    )


@transaction.atomic
def assign_narrative(*, user: User, narrative: Narrative, assignee: User | None) -> Narrative:
    """Ask ``assignee`` (an analyst who did not shape it) to review a narrative in review;
    ``None`` removes the reviewer. The assignee hears of it."""
    require_assigner(user)
    narrative = WORKFLOW.lock(narrative)
    if narrative.status != Status.IN_REVIEW:
        raise NarrativeError(_("Only a narrative in review can be assigned a reviewer."))
    if assignee is not None:
        require_assignable(
            assignee, shaped_it=shaped_narrative(narrative, assignee), error=NarrativeError
        )
    if narrative.assignee_id == (assignee.pk if assignee else None):
        return narrative
    narrative.assignee = assignee
    narrative.save(update_fields=["assignee", "updated_at"])
    if assignee is None:
        WORKFLOW.note(narrative, Action.UNASSIGNED, actor=user)
    else:
        WORKFLOW.note(narrative, Action.ASSIGNED, actor=user, assignee=assignee.pk)
        notices.notify(
            recipients=[assignee],
            kind=Notice.Kind.ASSIGNED,
            target=narrative_target(narrative),
            actor=user,
        )
    return narrative


def claim_narrative(*, user: User, narrative: Narrative) -> Narrative:
    """Assign a narrative in review to oneself."""
    return assign_narrative(user=user, narrative=narrative, assignee=user)


def reviewers_to_tell(narrative: Narrative) -> Iterable[User]:
    """Who hears that a narrative was submitted: its assignee, or else every analyst."""
    if narrative.assignee_id is not None:
        return [narrative.assignee] if narrative.assignee else []
    return analysts()


def tell_reviewers(narrative: Narrative, *, actor: User) -> None:
    notices.notify(
        recipients=reviewers_to_tell(narrative),
        kind=Notice.Kind.SUBMITTED,
        target=narrative_target(narrative),
        actor=actor,
    )


def tell_author(narrative: Narrative, kind: str, *, actor: User) -> None:
    """The narrative's author hears that it was approved or sent back."""
    notices.notify(
        recipients=[narrative.author], kind=kind, target=narrative_target(narrative), actor=actor
    )
