"""Writes for narratives and the vault. Every state change that matters goes through here.

Each function takes keyword-only arguments, checks permission and state first, and runs in
one transaction. Errors never carry narrative or vault text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core import audit, erasure
from core.roles import ANALYST, CUSTODIAN, has_role
from core.workflow import Workflow
from narratives.models import (
    Excerpt,
    ExcerptTranslation,
    FindingDismissal,
    Narrative,
    NarrativeEvent,
    NarrativeReason,
    Reason,
    SourceRecord,
    VaultAccess,
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


# --- Vault ---------------------------------------------------------------------------------


def record_vault_access(*, user, source_record: SourceRecord, action: str) -> VaultAccess:
    """Append one line to the vault access log."""
    audit.record(action=f"vault.{action}", actor=user, target=source_record.narrative)
    return VaultAccess.objects.create(
        source_record=source_record,
        narrative_public_id=source_record.narrative.public_id,
        user=user,
        username=user.get_username(),
        action=action,
    )


@transaction.atomic
def save_source_record(*, user, source_record: SourceRecord) -> SourceRecord:
    """Save a vault record, keep its reference's blind index current, and log the write."""
    from narratives.crypto import blind_index

    creating = source_record.pk is None
    source_record.external_ref_index = (
        blind_index(source_record.external_ref) if source_record.external_ref else None
    )
    if creating and source_record.created_by_id is None:
        source_record.created_by = user
    # What the detectors find in the free text is part of the vault from now on.
    source_record.derive_identifiers()
    source_record.save()
    # New identifiers may now appear in messages already approved or live: check them all.
    transaction.on_commit(_queue_message_recheck)
    record_vault_access(
        user=user,
        source_record=source_record,
        action=VaultAccess.Action.CREATE if creating else VaultAccess.Action.CHANGE,
    )
    return source_record


RECHECK_QUEUED_KEY = "vault-recheck-queued"


def _queue_message_recheck() -> None:
    """Queue one recheck of the messages; a burst of vault writes (an import) queues one."""
    from django.core.cache import cache

    from campaigns.tasks import recheck_messages_against_vault

    if cache.add(RECHECK_QUEUED_KEY, 1, timeout=600):
        recheck_messages_against_vault.delay()


def reencrypt_vault(batch_size: int = 500) -> int:
    """Re-encrypt every vault record under the newest key; return how many were rewritten.

    Loading decrypts with whichever key fits, and saving encrypts with the newest one. The
    blind index is keyed by the newest key too, so it is recomputed on the way, and so is a
    derivation of the free text that is missing or out of date.
    """
    from narratives.crypto import blind_index
    from narratives.fields import EncryptedTextField
    from narratives.vault import is_current

    fields = [
        f.name for f in SourceRecord._meta.concrete_fields if isinstance(f, EncryptedTextField)
    ]
    count = 0
    pks = list(SourceRecord.objects.order_by("pk").values_list("pk", flat=True))
    for offset in range(0, len(pks), batch_size):
        with transaction.atomic():
            records = list(
                SourceRecord.objects.select_for_update().filter(
                    pk__in=pks[offset : offset + batch_size]
                )
            )
            for record in records:
                record.external_ref_index = (
                    blind_index(record.external_ref) if record.external_ref else None
                )
                if not is_current(record.derived_identifiers, record.source_texts()):
                    record.derive_identifiers()
            SourceRecord.objects.bulk_update(records, [*fields, "external_ref_index"])
            count += len(records)
    return count


# --- Editing -------------------------------------------------------------------------------


def _relocate_excerpts(narrative: Narrative, old_text: str, *, actor) -> None:
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
            _record(
                narrative,
                actor=actor,
                action=Action.EXCERPT_REMOVED,
                from_status=narrative.status,
                excerpt=excerpt.public_id,
                why="text changed",
            )


def _return_to_review_if_approved(narrative: Narrative, *, actor) -> None:
    if narrative.status == Status.APPROVED:
        previous = narrative.status
        narrative.status = _check_transition(narrative, "return_to_review")
        narrative.approved_by = None
        narrative.approved_at = None
        narrative.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
        _record(narrative, actor=actor, action=Action.RETURNED_TO_REVIEW, from_status=previous)


@transaction.atomic
def edit_narrative(
    *, user, narrative: Narrative, title: str | None = None, text: str | None = None
) -> Narrative:
    """Change the anonymized title or text; an approved narrative goes back to review."""
    _require_analyst(user)
    narrative = _lock(narrative)
    if narrative.status not in EDITABLE:
        raise NarrativeError("A retired narrative cannot be edited.")
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
    if "text" in changed and narrative.author_id is None:
        narrative.author = user
    narrative.save(update_fields=[*changed, "author", "updated_at"])
    _record(
        narrative, actor=user, action=Action.EDITED, from_status=narrative.status, fields=changed
    )
    if "text" in changed:
        _relocate_excerpts(narrative, old_text, actor=user)
    _audit_foreign_matches(narrative, [narrative.text, narrative.title], actor=user)
    _return_to_review_if_approved(narrative, actor=user)
    return narrative


def _audit_foreign_matches(narrative: Narrative, texts: list[str], *, actor) -> None:
    """Write to the audit trail when texts match vault values of records not the narrative's."""
    from narratives.selectors import foreign_vault_matches

    count = sum(foreign_vault_matches(narrative, text) for text in texts if text)
    if count:
        audit.record(
            action=audit.Action.VAULT_FOREIGN_MATCH,
            actor=actor,
            target=narrative,
            detail={"matches": count},
        )


@transaction.atomic
def submit_narrative(*, user, narrative: Narrative) -> Narrative:
    """Send a draft (or a narrative that had changes requested) to review."""
    _require_analyst(user)
    narrative = _lock(narrative)
    previous = narrative.status
    narrative.status = _check_transition(narrative, "submit")
    if narrative.author_id is None:
        narrative.author = user
    narrative.save(update_fields=["status", "author", "updated_at"])
    _record(narrative, actor=user, action=Action.SUBMITTED, from_status=previous)
    return narrative


def _find_exact(narrative: Narrative, start: int, end: int):
    from narratives.selectors import open_findings

    for finding in open_findings(narrative):
        if finding.start == start and finding.end == end:
            return finding
    raise NarrativeError("That finding is no longer in the text; reload the page.")


@transaction.atomic
def redact_finding(*, user, narrative: Narrative, start: int, end: int) -> Narrative:
    """Replace one open finding with its bracketed category, such as ``[place]``."""
    _require_analyst(user)
    narrative = _lock(narrative)
    if narrative.status not in EDITABLE:
        raise NarrativeError("A retired narrative cannot be edited.")
    finding = _find_exact(narrative, start, end)
    old_text = narrative.text
    placeholder = f"[{finding.category}]"
    narrative.text = old_text[:start] + placeholder + old_text[end:]
    narrative.save(update_fields=["text", "updated_at"])
    _record(
        narrative,
        actor=user,
        action=Action.REDACTED,
        from_status=narrative.status,
        category=finding.category,
        start=start,
        length=end - start,
    )
    _shift_excerpts_after_redaction(narrative, start, end, len(placeholder), actor=user)
    _return_to_review_if_approved(narrative, actor=user)
    return narrative


def _shift_excerpts_after_redaction(narrative, start, end, new_length, *, actor) -> None:
    from campaigns.services import return_quoting_messages_to_review

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
        excerpt.text = narrative.text[excerpt.start : excerpt.end]
        excerpt.save(update_fields=["start", "end", "text", "updated_at"])
    if redacted_inside:
        return_quoting_messages_to_review(
            excerpt_ids=redacted_inside, actor=actor, why="A quoted excerpt was redacted."
        )


@transaction.atomic
def dismiss_finding(
    *, user, narrative: Narrative, start: int, end: int, reason: str
) -> FindingDismissal:
    """Record that an open finding is not identifying, and why; never for a vault match."""
    from narratives.selectors import finding_fingerprint, overlaps_any, vault_matches

    _require_analyst(user)
    reason = (reason or "").strip()
    if len(reason) < 3:
        raise NarrativeError("Say why this finding does not identify anyone.")
    narrative = _lock(narrative)
    finding = _find_exact(narrative, start, end)
    if overlaps_any(finding, vault_matches(narrative.text)):
        raise NarrativeError(
            "This finding matches a vault record and cannot be dismissed: redact it, or "
            "rewrite the sentence so it no longer names the person, place or contact."
        )
    dismissal, _ = FindingDismissal.objects.get_or_create(
        narrative=narrative,
        fingerprint=finding_fingerprint(finding),
        defaults={"category": finding.category, "reason": reason, "dismissed_by": user},
    )
    _record(
        narrative,
        actor=user,
        action=Action.DISMISSED,
        from_status=narrative.status,
        comment=reason,
        category=finding.category,
        start=start,
        length=end - start,
    )
    return dismissal


@transaction.atomic
def tag_narrative(
    *, user, narrative: Narrative, reasons: Iterable[Reason], primary: Reason
) -> Narrative:
    """Set the narrative's reasons for leaving, one of them primary."""
    _require_analyst(user)
    narrative = _lock(narrative)
    if narrative.status not in EDITABLE:
        raise NarrativeError("A retired narrative cannot be tagged.")
    reasons = {reason.pk: reason for reason in reasons}
    reasons[primary.pk] = primary
    NarrativeReason.objects.filter(narrative=narrative).delete()
    NarrativeReason.objects.bulk_create(
        NarrativeReason(narrative=narrative, reason=reason, is_primary=reason.pk == primary.pk)
        for reason in reasons.values()
    )
    narrative.save(update_fields=["updated_at"])
    _record(
        narrative,
        actor=user,
        action=Action.TAGGED,
        from_status=narrative.status,
        reasons=sorted(r.code for r in reasons.values()),
        primary=primary.code,
    )
    return narrative


@transaction.atomic
def mark_excerpt(
    *, user, narrative: Narrative, start: int, end: int, reasons: Iterable[Reason] = ()
) -> Excerpt:
    """Mark a span of the narrative as a reusable excerpt; it is approved with the narrative."""
    _require_analyst(user)
    narrative = _lock(narrative)
    if narrative.status not in EDITABLE:
        raise NarrativeError("A retired narrative cannot be excerpted.")
    if not (0 <= start < end <= len(narrative.text)):
        raise NarrativeError("Select a part of the narrative's text.")
    text = narrative.text[start:end]
    # Trim whitespace at the edges, so offsets point at words.
    stripped_left = len(text) - len(text.lstrip())
    start, text = start + stripped_left, text.strip()
    end = start + len(text)
    if len(text) < 3:
        raise NarrativeError("An excerpt needs at least a few words.")
    if narrative.excerpts.filter(start=start, end=end).exclude(status="retired").exists():
        raise NarrativeError("That excerpt is already marked.")
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
    _record(
        narrative,
        actor=user,
        action=Action.EXCERPT_MARKED,
        from_status=narrative.status,
        excerpt=excerpt.public_id,
        start=start,
        end=end,
    )
    if approved:
        # A new excerpt of an approved narrative needs a second pair of eyes as well.
        _return_to_review_if_approved(narrative, actor=user)
    return excerpt


@transaction.atomic
def remove_excerpt(*, user, excerpt: Excerpt) -> None:
    """Withdraw a marked excerpt; one already used in a message is retired, not deleted."""
    _require_analyst(user)
    narrative = _lock(excerpt.narrative)
    if excerpt.message_links.exists():
        excerpt.status = Excerpt.Status.RETIRED
        excerpt.save(update_fields=["status", "updated_at"])
    else:
        excerpt.delete()
    _record(
        narrative,
        actor=user,
        action=Action.EXCERPT_REMOVED,
        from_status=narrative.status,
        excerpt=excerpt.public_id,
    )


@transaction.atomic
def approve_narrative(*, user, narrative: Narrative) -> Narrative:
    """Approve a narrative in review: four eyes, reasons set, and no open scanner finding."""
    from narratives.selectors import open_findings, vault_matches

    if not user.has_perm("narratives.approve_narrative"):
        raise PermissionDenied("You may not approve narratives.")
    narrative = _lock(narrative)
    previous = narrative.status
    target = _check_transition(narrative, "approve")
    if narrative.author_id == user.pk:
        raise NarrativeError("You wrote this narrative's text; another analyst must approve it.")
    if narrative.events.filter(actor=user, action=Action.EDITED).exists():
        raise NarrativeError("You edited this narrative's text; another analyst must approve it.")
    if not narrative.reason_links.filter(is_primary=True).exists():
        raise NarrativeError("Tag the narrative with its reasons, and mark the primary one.")
    if vault_matches(narrative.title):
        raise NarrativeError("The title matches a vault record: rewrite it before approving.")
    findings = open_findings(narrative)
    if findings:
        raise NarrativeError(
            f"{len(findings)} scanner finding{'s' if len(findings) != 1 else ''} still open: "
            "redact or dismiss each one before approving (a match on the vault can only be "
            "redacted or rewritten)."
        )
    now = timezone.now()
    narrative.status = target
    narrative.approved_by = user
    narrative.approved_at = now
    narrative.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    narrative.excerpts.filter(status=Excerpt.Status.PROPOSED).update(
        status=Excerpt.Status.APPROVED, approved_by=user, approved_at=now, updated_at=now
    )
    _record(narrative, actor=user, action=Action.APPROVED, from_status=previous)
    audit.record(action=audit.Action.NARRATIVE_APPROVED, actor=user, target=narrative)
    logger.info("narrative approved", extra={"narrative": narrative.public_id})
    return narrative


@transaction.atomic
def request_changes(*, user, narrative: Narrative, comment: str) -> Narrative:
    """Send a narrative in review back to its author with a comment."""
    if not user.has_perm("narratives.approve_narrative"):
        raise PermissionDenied("You may not review narratives.")
    comment = (comment or "").strip()
    if not comment:
        raise NarrativeError("Say what needs to change.")
    narrative = _lock(narrative)
    previous = narrative.status
    narrative.status = _check_transition(narrative, "request_changes")
    narrative.save(update_fields=["status", "updated_at"])
    _record(
        narrative,
        actor=user,
        action=Action.CHANGES_REQUESTED,
        from_status=previous,
        comment=comment,
    )
    audit.record(action=audit.Action.NARRATIVE_CHANGES_REQUESTED, actor=user, target=narrative)
    return narrative


# --- Retirement and consent ----------------------------------------------------------------


@transaction.atomic
def retire_narrative(*, narrative: Narrative, reason: str, actor=None) -> Narrative:
    """Retire a narrative and everything built on it: its excerpts and the messages using them."""
    from campaigns.services import withdraw_messages_using_excerpts

    narrative = _lock(narrative)
    if narrative.status == Status.RETIRED:
        return narrative
    previous = narrative.status
    narrative.status = _check_transition(narrative, "retire")
    narrative.retired_at = timezone.now()
    narrative.retired_reason = reason
    narrative.save(update_fields=["status", "retired_at", "retired_reason", "updated_at"])
    excerpt_ids = list(narrative.excerpts.values_list("pk", flat=True))
    narrative.excerpts.update(status=Excerpt.Status.RETIRED, updated_at=timezone.now())
    withdrawn = withdraw_messages_using_excerpts(
        excerpt_ids=excerpt_ids,
        reason=f"A narrative it quotes was retired ({Narrative.RetiredReason(reason).label}).",
        actor=actor,
    )
    _record(
        narrative,
        actor=actor,
        action=Action.RETIRED,
        from_status=previous,
        reason=reason,
        messages_withdrawn=withdrawn,
    )
    logger.info(
        "narrative retired",
        extra={"narrative": narrative.public_id, "reason": reason, "messages": withdrawn},
    )
    return narrative


@transaction.atomic
def withdraw_consent(*, user, source_record: SourceRecord, notes: str = "") -> SourceRecord:
    """Record that the person withdrew consent, and retire everything built on their story."""
    if not has_role(user, CUSTODIAN):
        raise PermissionDenied("Only custodians can record a withdrawal of consent.")
    source_record = SourceRecord.objects.select_for_update().get(pk=source_record.pk)
    if source_record.consent_withdrawn_at is None:
        source_record.consent_withdrawn_at = timezone.now()
        source_record.save(update_fields=["consent_withdrawn_at", "updated_at"])
        record_vault_access(
            user=user, source_record=source_record, action=VaultAccess.Action.CHANGE
        )
    retire_narrative(
        narrative=source_record.narrative,
        reason=Narrative.RetiredReason.CONSENT_WITHDRAWN,
        actor=user,
    )
    audit.record(action=audit.Action.CONSENT_WITHDRAWN, actor=user, target=source_record.narrative)
    erase_person(source_record=source_record, actor=user)
    return source_record


@transaction.atomic
def erase_person(*, source_record: SourceRecord, actor=None) -> None:
    """Erase a person's words everywhere they live, leaving only non-identifying tombstones.

    Every app's erasure handler (``core.erasure``) runs in this one transaction: the vault
    record and the narrative here, renditions and quoting messages in campaigns, webhook
    payloads in partners, and whatever else is registered. Files and caches go after commit.
    What remains: the public ids, statuses, reason tags, timestamps, and the access and
    publication logs.
    """
    source_record = SourceRecord.objects.select_for_update().get(pk=source_record.pk)
    narrative = Narrative.objects.select_for_update().get(pk=source_record.narrative_id)
    excerpts = list(narrative.excerpts.order_by("pk").values_list("pk", "public_id"))
    words = [*narrative.excerpts.values_list("text", flat=True)]
    words += ExcerptTranslation.objects.filter(excerpt__narrative=narrative).values_list(
        "text", flat=True
    )
    erasure.erase(
        erasure.ErasureSubject(
            narrative_id=narrative.pk,
            narrative_public_id=narrative.public_id,
            excerpt_ids=tuple(pk for pk, _ in excerpts),
            excerpt_public_ids=tuple(public_id for _, public_id in excerpts),
            actor=actor,
            words=tuple(w for w in words if w),
        )
    )


def retire_expired_consents(*, today: date | None = None) -> int:
    """Retire every narrative whose consent expired before ``today``; return how many."""
    today = today or timezone.localdate()
    expired = Narrative.objects.exclude(status=Status.RETIRED).filter(
        source_record__consent_expires_on__lt=today
    )
    count = 0
    for narrative in expired.iterator():
        retire_narrative(narrative=narrative, reason=Narrative.RetiredReason.CONSENT_EXPIRED)
        count += 1
    return count
