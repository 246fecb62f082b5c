"""Retirement and consent: withdrawal, erasure of a person, expired consents."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit, erasure, notices
from core.models import Notice, User
from core.roles import CUSTODIAN, has_role
from narratives.models import (
    Excerpt,
    ExcerptTranslation,
    ExcerptTranslationVersion,
    Narrative,
    SourceRecord,
    VaultAccess,
)
from narratives.services.common import Action, Status, _check_transition, _lock, _record
from narratives.services.vault import record_vault_access
from narratives.signals import excerpts_retired

logger = logging.getLogger(__name__)

# --- Retirement and consent ----------------------------------------------------------------


@transaction.atomic
def retire_narrative(*, narrative: Narrative, reason: str, actor: User | None = None) -> Narrative:
    """Retire a narrative and everything built on it: its excerpts and the messages using them."""
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
    # Receivers return how many messages they withdrew (django-stubs types this as str).
    responses: Sequence[tuple[object, object]] = excerpts_retired.send(
        sender=Excerpt,
        excerpt_ids=excerpt_ids,
        reason=f"A narrative it quotes was retired ({Narrative.RetiredReason(reason).label}).",
        actor=actor,
    )
    withdrawn = sum(r for _, r in responses if isinstance(r, int))
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
def withdraw_consent(*, user: User, source_record: SourceRecord, notes: str = "") -> SourceRecord:
    """Record that the person withdrew consent, and retire everything built on their story."""
    if not has_role(user, CUSTODIAN):
        raise PermissionDenied(_("Only custodians can record a withdrawal of consent."))
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
def erase_person(*, source_record: SourceRecord, actor: User | None = None) -> None:
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
    # Earlier texts of the translations too: a message may have copied one of them.
    words += ExcerptTranslationVersion.objects.filter(
        translation__excerpt__narrative=narrative
    ).values_list("text", flat=True)
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


CONSENT_NOTICE_DAYS = 30


def notify_expiring_consents(*, today: date | None = None) -> int:
    """Tell every custodian of each consent that ends within 30 days, once per record and
    expiry date (a new date is a new window); return how many notices were written."""
    today = today or timezone.localdate()
    until = today + timedelta(days=CONSENT_NOTICE_DAYS)
    records = (
        SourceRecord.objects.filter(
            consent_expires_on__gte=today,
            consent_expires_on__lte=until,
            consent_withdrawn_at__isnull=True,
        )
        .exclude(narrative__status=Status.RETIRED)
        .select_related("narrative")
        .only("pk", "consent_expires_on", "narrative__public_id", "narrative__status")
        .order_by("consent_expires_on", "pk")
    )
    custodians = list(
        User.objects.filter(is_active=True, groups__name=CUSTODIAN).distinct().order_by("pk")
    )
    written = 0
    for record in records.iterator():
        ref = record.narrative.public_id
        expires = record.consent_expires_on.isoformat()  # type: ignore[union-attr]  # filtered
        with transaction.atomic():
            written += len(
                notices.notify(
                    recipients=custodians,
                    kind=Notice.Kind.CONSENT_EXPIRING,
                    target=notices.Target(
                        "narrative",
                        ref,
                        reverse("admin:narratives_sourcerecord_change", args=[record.pk]),
                    ),
                    once_key=f"consent-expiring:{ref}:{expires}",
                )
            )
    return written
