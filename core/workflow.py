"""One workflow engine: state machines as explicit tables of steps, run the same way.

An app declares its workflow once, as a table of :class:`Step` rows: the statuses a step may
start from and where it leads, the words of its refusal, the label of its button, the event
its history row records, the permission it takes and whether it needs a comment. The review
cycle both apps share (:func:`review_steps`) is declared here; each app adds its own steps
and supplies its model, its event model (:class:`EventLog`) and its error class.

- The services check through the table (:meth:`Workflow.authorize`, then
  :meth:`Workflow.run`: lock, check, the service's own checks and changes, save, record).
- The history rows are written by the table's events (:meth:`Workflow.advance`), and what
  leaves the status as it is by :meth:`Workflow.note` and :meth:`Workflow.dismiss`.
- The admin and the review pages show the buttons :meth:`Workflow.steps_from` gives.

``core`` imports no app: everything app-specific comes in through the table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext, gettext_noop

if TYPE_CHECKING:
    from core.models import FindingDismissalBase, User, WorkflowEvent


M = TypeVar("M", bound=models.Model)
D = TypeVar("D", bound="FindingDismissalBase")


@dataclass(frozen=True)
class Step:
    """One step of a workflow: from which statuses, to which, and how it shows and records."""

    name: str  # "approve"
    sources: frozenset[str]
    target: str
    words: str  # "approved", for "A message that is draft cannot be approved."
    label: str = ""  # the button's words; a step without a label has no button
    event: str = ""  # the action its history row records; "" records nothing
    permission: str = ""  # what a user needs to take it ("" : the service checks its own)
    denied: str = ""  # the refusal without that permission
    reason_needed: str = ""  # the refusal when a step that needs a comment has none
    # The refusal from a status it cannot start from, with %(status)s: "A message that is
    # %(status)s cannot be approved." One whole sentence per step, so that it translates.
    wrong_status: str = ""


@dataclass(frozen=True)
class ReviewWords:
    """The review cycle's refusals in one app's words. Each is a msgid (marked with
    ``gettext_noop`` where the app declares it) and is translated when it is raised."""

    cannot_submit: str  # "A narrative that is %(status)s cannot be submitted for review."
    cannot_approve: str
    cannot_send_back: str
    cannot_return_to_review: str
    may_not_submit: str  # "You may not submit narratives."
    may_not_approve: str
    may_not_review: str


# The review cycle narratives and messages share: the statuses and events both apps' models
# name the same (tests/core/test_workflow.py holds them to their choices).
DRAFT, IN_REVIEW, CHANGES_REQUESTED, APPROVED = (
    "draft",
    "in_review",
    "changes_requested",
    "approved",
)


def review_steps(
    app: str,
    noun: str,
    words: ReviewWords,
    *,
    submit_label: str = gettext_noop("Submit for review"),
    submit_permission: str = "",
    returnable: frozenset[str] = frozenset({APPROVED}),
) -> tuple[Step, ...]:
    """Submit, approve or send back for changes, and back to review after an edit (from
    ``returnable``): the steps every reviewed thing goes through, in this order. Approving
    and sending back take the app's ``approve_<noun>`` permission."""
    approve = f"{app}.approve_{noun}"
    return (
        Step(
            "submit",
            frozenset({DRAFT, CHANGES_REQUESTED}),
            IN_REVIEW,
            "submitted for review",
            submit_label,
            "submitted",
            submit_permission,
            words.may_not_submit,
            wrong_status=words.cannot_submit,
        ),
        Step(
            "approve",
            frozenset({IN_REVIEW}),
            APPROVED,
            "approved",
            # Button labels are msgids: the templates translate them when shown.
            gettext_noop("Approve"),
            "approved",
            approve,
            words.may_not_approve,
            wrong_status=words.cannot_approve,
        ),
        Step(
            "request_changes",
            frozenset({IN_REVIEW}),
            CHANGES_REQUESTED,
            "sent back for changes",
            gettext_noop("Request changes"),
            "changes_requested",
            approve,
            words.may_not_review,
            gettext_noop("Say what needs to change."),
            wrong_status=words.cannot_send_back,
        ),
        Step(
            "return_to_review",
            returnable,
            IN_REVIEW,
            "returned to review",
            "",
            "returned_to_review",
            wrong_status=words.cannot_return_to_review,
        ),
    )


@dataclass(frozen=True)
class EventLog:
    """The hook an app supplies for its history: which event model, and its link's name."""

    model: type[WorkflowEvent]
    subject: str  # the event's foreign key to the object: "narrative", "message"

    def __call__(
        self,
        obj: models.Model,
        *,
        actor: User | None,
        action: str,
        from_status: str = "",
        comment: str = "",
        **detail: Any,
    ) -> WorkflowEvent:
        # The subject's link and the action are the subclass's fields, not the abstract base's.
        row: dict[str, Any] = {self.subject: obj, "action": action}
        return self.model._default_manager.create(
            **row,
            actor=actor,
            from_status=from_status,
            to_status=_status(obj),
            comment=comment,
            detail=detail,
        )


def _status(obj: models.Model) -> str:
    status: str = getattr(obj, "status")  # noqa: B009 - every workflow model has one
    return status


@dataclass(frozen=True)
class Workflow(Generic[M]):
    """An app's table of steps, its model, its history and the error its refusals raise."""

    noun: str  # "narrative", "message"
    model: type[M]
    steps: tuple[Step, ...]
    error: type[Exception]
    record: EventLog
    by_name: Mapping[str, Step] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {step.name: step for step in self.steps})

    # --- Reading the table -------------------------------------------------------------------

    @property
    def transitions(self) -> dict[str, tuple[frozenset[str], str]]:
        """The table as ``{step: (allowed_from, target)}``."""
        return {step.name: (step.sources, step.target) for step in self.steps}

    @property
    def step_words(self) -> dict[str, str]:
        """The refusal words of each step: ``{"approve": "approved", ...}``."""
        return {step.name: step.words for step in self.steps}

    def allows(self, status: str, step: str) -> bool:
        """Whether ``step`` may start from ``status``."""
        return status in self.by_name[step].sources

    def steps_from(self, status: str, among: Iterable[str] | None = None) -> list[Step]:
        """The labelled steps that may start from ``status`` (only those in ``among``, if
        given), in the table's order: the buttons a page shows for an object in it."""
        wanted = None if among is None else set(among)
        return [
            step
            for step in self.steps
            if step.label and status in step.sources and (wanted is None or step.name in wanted)
        ]

    def permits(self, user: User, step: str) -> bool:
        """Whether ``user`` holds the permission ``step`` takes."""
        permission = self.by_name[step].permission
        return not permission or user.has_perm(permission)

    def authorize(self, user: User | None, step: str, comment: str = "") -> str:
        """Refuse a user without the step's permission (no user: the system acts), and a
        step that needs a comment without one; return the comment, stripped. Services call
        this first, before their own checks of what they were asked."""
        row = self.by_name[step]
        if user is not None and not self.permits(user, step):
            raise PermissionDenied(gettext(row.denied) if row.denied else "")
        comment = (comment or "").strip()
        if row.reason_needed and not comment:
            raise self.error(gettext(row.reason_needed))
        return comment

    def check(self, obj: models.Model, step: str) -> str:
        """Return the status ``step`` leads to from ``obj``'s status, or raise ``error``."""
        row = self.by_name[step]
        if _status(obj) not in row.sources:
            display: str = getattr(obj, "get_status_display")()  # noqa: B009 - choices field
            if row.wrong_status:
                raise self.error(gettext(row.wrong_status) % {"status": display.lower()})
            raise self.error(f"A {self.noun} that is {display.lower()} cannot be {row.words}.")
        return row.target

    # --- Running a step ----------------------------------------------------------------------

    def note(
        self, obj: M, action: str, *, actor: User | None, comment: str = "", **detail: Any
    ) -> WorkflowEvent:
        """Record something done to ``obj`` that leaves its status as it is."""
        status = _status(obj)
        return self.record(
            obj, actor=actor, action=action, from_status=status, comment=comment, **detail
        )

    def dismissal_reason(self, reason: str) -> str:
        """The reason a reviewer gives for dismissing a scanner finding, stripped."""
        reason = (reason or "").strip()
        if len(reason) < 3:
            raise self.error(gettext("Say why this finding does not identify anyone."))
        return reason

    def dismiss(
        self,
        locked: M,
        dismissals: type[D],
        *,
        fingerprint: str,
        category: str,
        reason: str,
        actor: User,
        action: str,
        **detail: Any,
    ) -> D:
        """Remember that a finding in ``locked`` identifies nobody, and why (once per
        fingerprint), and record it in the history with ``action``."""
        subject: dict[str, Any] = {self.record.subject: locked}
        dismissal, _ = dismissals._default_manager.get_or_create(
            **subject,
            fingerprint=fingerprint,
            defaults={"category": category, "reason": reason, "dismissed_by": actor},
        )
        self.note(locked, action, actor=actor, comment=reason, category=category, **detail)
        return dismissal

    def lock(self, obj: M) -> M:
        """Re-read the row under a lock, so concurrent reviewers serialise."""
        return self.model._default_manager.select_for_update().get(pk=obj.pk)

    def advance(
        self,
        locked: M,
        step: str,
        *,
        actor: User | None,
        change: Callable[[M], Iterable[str] | None] | None = None,
        comment: str = "",
        **detail: Any,
    ) -> M:
        """Take a locked object through ``step``: check it, let ``change`` make its further
        checks and changes (it returns the fields it changed, or None to save every field),
        write the new status and record the step's event. Call inside a transaction."""
        previous = _status(locked)
        target = self.check(locked, step)
        changed = change(locked) if change is not None else ()
        setattr(locked, "status", target)  # noqa: B010 - every workflow model has one
        if changed is None:
            locked.save()
        else:
            locked.save(update_fields=["status", *changed, "updated_at"])
        event = self.by_name[step].event
        if event:
            self.record(
                locked, actor=actor, action=event, from_status=previous, comment=comment, **detail
            )
        return locked

    def run(
        self,
        obj: M,
        step: str,
        *,
        actor: User | None,
        guard: Callable[[M], None] | None = None,
        change: Callable[[M], Iterable[str] | None] | None = None,
        comment: str = "",
        **detail: Any,
    ) -> M:
        """Lock ``obj``, let ``guard`` refuse before the table is asked, then :meth:`advance`."""
        locked = self.lock(obj)
        if guard is not None:
            guard(locked)
        return self.advance(locked, step, actor=actor, change=change, comment=comment, **detail)
