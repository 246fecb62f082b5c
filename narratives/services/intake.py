"""Creating narratives: one intake record becomes a draft narrative and its vault record.

Every door new source material comes through (``import_narratives``, the custodian's intake
page in the admin) validates it with ``narratives.intake.IntakeForm`` and files it here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from core import revisions
from core.models import Revision, User
from narratives.crypto import blind_index
from narratives.models import Narrative, NarrativeEvent, NarrativeReason, SourceRecord
from narratives.services.vault import save_source_record
from narratives.vault import VAULT_FIELDS

# Where an intake record (an import file's line, the intake form) names a vault field
# differently from the model.
INTAKE_NAMES = {"consent_expires_on": "consent_expires"}


def intake_name(field: str) -> str:
    return INTAKE_NAMES.get(field, field)


def source_record_from_intake(data: dict[str, Any], **fields: Any) -> SourceRecord:
    """The vault part of an intake record, as an unsaved ``SourceRecord``.

    Line-list fields arrive as lists and are kept one value per line; a missing text is "".
    """
    values: dict[str, Any] = {}
    for field in VAULT_FIELDS:
        value = data.get(intake_name(field.name))
        if field.lines:
            values[field.name] = "\n".join(value or [])
        elif field.name == "consent_expires_on":
            values[field.name] = value
        else:
            values[field.name] = value or ""
    return SourceRecord(**{**values, **fields})


@dataclass(frozen=True)
class IntakeResult:
    narrative: Narrative
    created: bool


@transaction.atomic
def create_narrative(*, user: User, data: dict[str, Any]) -> IntakeResult:
    """File one validated intake record: a draft narrative and its vault record, idempotently.

    A record whose external reference is already in the vault changes nothing.
    """
    index = blind_index(data["external_ref"])
    existing = (
        SourceRecord.objects.select_related("narrative").filter(external_ref_index=index).first()
    )
    if existing is not None:
        return IntakeResult(existing.narrative, created=False)
    narrative = Narrative.objects.create(
        title=data["title"],
        text=data["text"],
        language=data["language"],
        source_kind=data["source_kind"],
        gender=data.get("gender") or Narrative.Gender.UNKNOWN,
        age_band=data.get("age_band") or Narrative.AgeBand.UNKNOWN,
        country=data.get("country") or "",
        left_on=data.get("left"),
        made_public_on=data.get("made_public"),
    )
    reasons = data.get("reason_objects") or []
    NarrativeReason.objects.bulk_create(
        NarrativeReason(narrative=narrative, reason=r, is_primary=r.code == data["primary_reason"])
        for r in reasons
    )
    save_source_record(
        user=user, source_record=source_record_from_intake(data, narrative=narrative)
    )
    NarrativeEvent.objects.create(
        narrative=narrative,
        actor=user,
        action=NarrativeEvent.Action.CREATED,
        to_status=narrative.status,
        detail={"via": "intake"},
    )
    revisions.record(narrative, user=user, kind=Revision.Kind.CREATED)
    return IntakeResult(narrative, created=True)
