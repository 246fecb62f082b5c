"""The narrative workflow: edit, redact, dismiss, tag, mark excerpts, submit, approve, request changes."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core import audit, revisions
from core.models import Notice, Revision, User
from narratives.anonymize import Finding
from narratives.anonymize import placeholder as redaction_placeholder
from narratives.models import (
    Excerpt,
    FindingDismissal,
    Narrative,
    NarrativeReason,
    Reason,
)
from narratives.services.assignment import tell_author, tell_reviewers
from narratives.services.common import (
    EDITABLE,
    WORKFLOW,
    Action,
    NarrativeError,
    Status,
    _lock,
    _require_analyst,
)
from narratives.signals import excerpts_changed

logger = logging.getLogger(__name__)

# --- Editing -------------------------------------------------------------------------------


def _relocate_excerpts(narrative: Narrative, old_text: str, *, actor: User) -> None:
    """Keep excerpt offsets true after the text changed; retire excerpts that are gone."""
    for excerpt in narrative.excerpts.exclude(status=Excerpt.Status.RETIRED):
        if narrative.text[excerpt.start : excerpt.end] == excerpt.text:
            continue
        # Prefer the occurrence nearest the old position.
        candidates = []
        start = narrative.text.find(excerpt.text)
        while start != -1:
            candidates.append(start)
            start = narrative.text.find(excerpt.text, start + 1)
        if candidates:
            best = min(candidates, key=lambda s: abs(s - excerpt.start))
            excerpt.start, excerpt.end = best, best + len(excerpt.text)
            excerpt.save(update_fields=["start", "end", "updated_at"])
        else:
            excerpt.status = Excerpt.Status.RETIRED
            excerpt.save(update_fields=["status", "updated_at"])
            WORKFLOW.note(
                narrative,
                Action.EXCERPT_REMOVED,
                actor=actor,
                excerpt=excerpt.public_id,
                why="text changed",
            )


def _return_to_review_if_approved(
    narrative: Narrative, *, actor: User | None, **detail: Any
) -> None:
    if narrative.status == Status.APPROVED:
        WORKFLOW.advance(
            narrative, "return_to_review", actor=actor, change=_clear_approval, **detail
        )


def _clear_approval(narrative: Narrative) -> list[str]:
    narrative.approved_by = None
    narrative.approved_at = None
    return ["approved_by", "approved_at"]


def _claim_authorship(narrative: Narrative, user: User) -> list[str]:
    """The first analyst to write or submit the text is its author (who may not approve it)."""
    if narrative.author_id is None:
        narrative.author = user
    return ["author"]


# What a retired narrative refuses, one whole sentence each (a verb alone translates badly).
_RETIRED_REFUSALS = {
    "edited": gettext_lazy("A retired narrative cannot be edited."),
    "tagged": gettext_lazy("A retired narrative cannot be tagged."),
    "excerpted": gettext_lazy("A retired narrative cannot be excerpted."),
}


def _lock_editable(user: User, narrative: Narrative, verb: str) -> Narrative:
    """Check the user is an analyst, lock the narrative and refuse if it is retired."""
    _require_analyst(user)
    narrative = _lock(narrative)
    if narrative.status not in EDITABLE:
        raise NarrativeError(str(_RETIRED_REFUSALS[verb]))
    return narrative


@transaction.atomic
def edit_narrative(
    *, user: User, narrative: Narrative, title: str | None = None, text: str | None = None
) -> Narrative:
    """Change the anonymized title or text; an approved narrative goes back to review."""
    narrative = _lock_editable(user, narrative, "edited")
    return _apply_edit(user, narrative, title=title, text=text)


def _apply_edit(
    user: User,
    narrative: Narrative,
    *,
    title: str | None,
    text: str | None,
    reverted_from: int | None = None,
) -> Narrative:
    """Write a new title or text on a locked, editable narrative, as a new revision."""
    revisions.ensure_baseline(narrative)
    changed = []
    old_text = narrative.text
    if title is not None and title.strip() and title != narrative.title:
        narrative.title = title.strip()
        changed.append("title")
    if text is not None and text.strip() and text != narrative.text:
        narrative.text = text
        changed.append("text")
    if not changed:
        return narrative
    if "text" in changed:
        _claim_authorship(narrative, user)
    narrative.save(update_fields=[*changed, "author", "updated_at"])
    detail: dict[str, Any] = {"fields": changed}
    if reverted_from is not None:
        detail["reverted_to"] = reverted_from
    WORKFLOW.note(narrative, Action.EDITED, actor=user, **detail)
    revisions.record(
        narrative,
        user=user,
        kind=Revision.Kind.EDITED if reverted_from is None else Revision.Kind.REVERTED,
        reverted_from=reverted_from,
    )
    if "text" in changed:
        _relocate_excerpts(narrative, old_text, actor=user)
    _audit_foreign_matches(narrative, [narrative.text, narrative.title], actor=user)
    _return_to_review_if_approved(narrative, actor=user)
    return narrative


def _audit_foreign_matches(narrative: Narrative, texts: list[str], *, actor: User) -> None:
    """Write to the audit trail when texts match vault values of records not the narrative's."""
    from narratives.selectors import foreign_vault_matches

    count = sum(foreign_vault_matches(narrative, text) for text in texts if text)
    audit.record_vault_matches(target=narrative, count=count, actor=actor)


@transaction.atomic
def submit_narrative(*, user: User, narrative: Narrative) -> Narrative:
    """Send a draft (or a narrative that had changes requested) to review."""
    _require_analyst(user)
    narrative = WORKFLOW.run(
        narrative, "submit", actor=user, change=lambda n: _claim_authorship(n, user)
    )
    tell_reviewers(narrative, actor=user)
    return narrative


def _find_exact(narrative: Narrative, start: int, end: int) -> Finding:
    from narratives.selectors import open_findings

    for finding in open_findings(narrative):
        if finding.start == start and finding.end == end:
            return finding
    raise NarrativeError(_("That finding is no longer in the text; reload the page."))


@transaction.atomic
def redact_finding(*, user: User, narrative: Narrative, start: int, end: int) -> Narrative:
    """Replace one open finding with its bracketed category in the narrative's language,
    such as ``[place]``, ``[lieu]`` or ``[مكان]``."""
    narrative = _lock_editable(user, narrative, "edited")
    finding = _find_exact(narrative, start, end)
    old_text = narrative.text
    revisions.ensure_baseline(narrative)
    placeholder = redaction_placeholder(finding.category, narrative.language)
    narrative.text = old_text[:start] + placeholder + old_text[end:]
    narrative.save(update_fields=["text", "updated_at"])
    revisions.record(narrative, user=user)
    WORKFLOW.note(
        narrative,
        Action.REDACTED,
        actor=user,
        category=finding.category,
        start=start,
        length=end - start,
    )
    _shift_excerpts_after_redaction(narrative, start, end, len(placeholder), actor=user)
    _return_to_review_if_approved(narrative, actor=user)
    return narrative


def _shift_excerpts_after_redaction(
    narrative: Narrative, start: int, end: int, new_length: int, *, actor: User
) -> None:
    delta = new_length - (end - start)
    redacted_inside = []
    for excerpt in narrative.excerpts.exclude(status=Excerpt.Status.RETIRED):
        if excerpt.end <= start:
            continue
        if excerpt.start >= end:
            excerpt.start += delta
            excerpt.end += delta
        else:
            # The excerpt overlaps the redaction: it keeps what is left of itself and the
            # whole placeholder, never a piece of either.
            excerpt.start = min(excerpt.start, start)
            excerpt.end = max(excerpt.end + delta, start + new_length)
            redacted_inside.append(excerpt.pk)
        revisions.ensure_baseline(excerpt)
        excerpt.text = narrative.text[excerpt.start : excerpt.end]
        excerpt.save(update_fields=["start", "end", "text", "updated_at"])
        revisions.record(excerpt, user=actor)
    if redacted_inside:
        excerpts_changed.send(
            sender=Excerpt,
            excerpt_ids=redacted_inside,
            actor=actor,
            why="A quoted excerpt was redacted.",
        )


@transaction.atomic
def dismiss_finding(
    *, user: User, narrative: Narrative, start: int, end: int, reason: str
) -> FindingDismissal:
    """Record that an open finding is not identifying, and why; never for a vault match."""
    from narratives.selectors import finding_fingerprint, overlaps_any, vault_matches

    _require_analyst(user)
    reason = WORKFLOW.dismissal_reason(reason)
    narrative = _lock(narrative)
    finding = _find_exact(narrative, start, end)
    if overlaps_any(finding, vault_matches(narrative.text)):
        raise NarrativeError(
            _(
                "This finding matches a vault record and cannot be dismissed: redact it, or "
                "rewrite the sentence so it no longer names the person, place or contact."
            )
        )
    return WORKFLOW.dismiss(
        narrative,
        FindingDismissal,
        fingerprint=finding_fingerprint(finding),
        category=finding.category,
        reason=reason,
        actor=user,
        action=Action.DISMISSED,
        start=start,
        length=end - start,
    )


@transaction.atomic
def tag_narrative(
    *, user: User, narrative: Narrative, reasons: Iterable[Reason], primary: Reason
) -> Narrative:
    """Set the narrative's reasons for leaving, one of them primary."""
    narrative = _lock_editable(user, narrative, "tagged")
    chosen = {reason.pk: reason for reason in reasons}
    chosen[primary.pk] = primary
    NarrativeReason.objects.filter(narrative=narrative).delete()
    NarrativeReason.objects.bulk_create(
        NarrativeReason(narrative=narrative, reason=reason, is_primary=reason.pk == primary.pk)
        for reason in chosen.values()
    )
    narrative.save(update_fields=["updated_at"])
    WORKFLOW.note(
        narrative,
        Action.TAGGED,
        actor=user,
        reasons=sorted(r.code for r in chosen.values()),
        primary=primary.code,
    )
    return narrative


@transaction.atomic
def mark_excerpt(
    *, user: User, narrative: Narrative, start: int, end: int, reasons: Iterable[Reason] = ()
) -> Excerpt:
    """Mark a span of the narrative as a reusable excerpt; it is approved with the narrative."""
    narrative = _lock_editable(user, narrative, "excerpted")
    if not (0 <= start < end <= len(narrative.text)):
        raise NarrativeError(_("Select a part of the narrative's text."))
    text = narrative.text[start:end]
    # Trim whitespace at the edges, so offsets point at words.
    stripped_left = len(text) - len(text.lstrip())
    start, text = start + stripped_left, text.strip()
    end = start + len(text)
    if len(text) < 3:
        raise NarrativeError(_("An excerpt needs at least a few words."))
    if narrative.excerpts.filter(start=start, end=end).exclude(status="retired").exists():
        raise NarrativeError(_("That excerpt is already marked."))
    approved = narrative.status == Status.APPROVED
    excerpt = Excerpt.objects.create(
        narrative=narrative,
        start=start,
        end=end,
        text=text,
        created_by=user,
        status=Excerpt.Status.PROPOSED,
    )
    excerpt.reasons.set(list(reasons))
    revisions.record(excerpt, user=user, kind=Revision.Kind.CREATED)
    WORKFLOW.note(
        narrative,
        Action.EXCERPT_MARKED,
        actor=user,
        excerpt=excerpt.public_id,
        start=start,
        end=end,
    )
    if approved:
        # A new excerpt of an approved narrative needs a second pair of eyes as well.
        _return_to_review_if_approved(narrative, actor=user)
    return excerpt


@transaction.atomic
def remove_excerpt(*, user: User, excerpt: Excerpt) -> None:
    """Withdraw a marked excerpt; one already used in a message is retired, not deleted."""
    _require_analyst(user)
    narrative = _lock(excerpt.narrative)
    if excerpt.message_links.exists():
        excerpt.status = Excerpt.Status.RETIRED
        excerpt.save(update_fields=["status", "updated_at"])
    else:
        excerpt.delete()
    WORKFLOW.note(
        narrative,
        Action.EXCERPT_REMOVED,
        actor=user,
        excerpt=excerpt.public_id,
    )


@transaction.atomic
def approve_narrative(*, user: User, narrative: Narrative) -> Narrative:
    """Approve a narrative in review: four eyes, reasons set, and no open scanner finding."""
    WORKFLOW.authorize(user, "approve")
    narrative = WORKFLOW.run(
        narrative, "approve", actor=user, change=lambda n: _clear_for_approval(n, user)
    )
    narrative.excerpts.filter(status=Excerpt.Status.PROPOSED).update(
        status=Excerpt.Status.APPROVED,
        approved_by=user,
        approved_at=narrative.approved_at,
        updated_at=narrative.approved_at,
    )
    audit.record(action=audit.Action.NARRATIVE_APPROVED, actor=user, target=narrative)
    tell_author(narrative, Notice.Kind.APPROVED, actor=user)
    logger.info("narrative approved", extra={"narrative": narrative.public_id})
    return narrative


def _clear_for_approval(narrative: Narrative, user: User) -> list[str]:
    """Refuse unless another analyst wrote it, it is tagged and nothing identifying is left."""
    from narratives.selectors import open_findings, vault_matches

    if narrative.author_id == user.pk:
        raise NarrativeError(_("You wrote this narrative's text; another analyst must approve it."))
    if narrative.events.filter(actor=user, action=Action.EDITED).exists():
        raise NarrativeError(
            _("You edited this narrative's text; another analyst must approve it.")
        )
    if not narrative.reason_links.filter(is_primary=True).exists():
        raise NarrativeError(_("Tag the narrative with its reasons, and mark the primary one."))
    if vault_matches(narrative.title):
        raise NarrativeError(_("The title matches a vault record: rewrite it before approving."))
    findings = open_findings(narrative)
    if findings:
        raise NarrativeError(
            ngettext(
                "%(count)s scanner finding still open: redact or dismiss each one before "
                "approving (a match on the vault can only be redacted or rewritten).",
                "%(count)s scanner findings still open: redact or dismiss each one before "
                "approving (a match on the vault can only be redacted or rewritten).",
                len(findings),
            )
            % {"count": len(findings)}
        )
    narrative.approved_by = user
    narrative.approved_at = timezone.now()
    return ["approved_by", "approved_at"]


@transaction.atomic
def request_changes(*, user: User, narrative: Narrative, comment: str) -> Narrative:
    """Send a narrative in review back to its author with a comment."""
    comment = WORKFLOW.authorize(user, "request_changes", comment)
    narrative = WORKFLOW.run(narrative, "request_changes", actor=user, comment=comment)
    audit.record(action=audit.Action.NARRATIVE_CHANGES_REQUESTED, actor=user, target=narrative)
    tell_author(narrative, Notice.Kind.CHANGES_REQUESTED, actor=user)
    return narrative
