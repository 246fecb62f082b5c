"""Writes for narratives and the vault. Every state change that matters goes through here.

Each function takes keyword-only arguments, checks permission and state first, and runs in
one transaction. Errors never carry narrative or vault text.

The package: ``common`` (the error, the workflow table and helpers), ``editing`` (the
narrative workflow), ``intake`` (creating narratives), ``vault`` (custodians' writes and
rechecks), ``translations`` (the excerpt translation workflow), ``assignment`` (reviewers and who
hears of a review), ``consent`` (retirement, withdrawal, erasure) and ``revisions`` (reverting
to a revision). Every public name is re-exported here.
"""

from __future__ import annotations

from narratives.services.assignment import (
    assign_narrative,
    claim_narrative,
    shaped_narrative,
)
from narratives.services.common import (
    EDITABLE,
    STEP_WORDS,
    TRANSITIONS,
    WORKFLOW,
    Action,
    NarrativeError,
    Status,
)
from narratives.services.consent import (
    CONSENT_NOTICE_DAYS,
    erase_person,
    notify_expiring_consents,
    retire_expired_consents,
    retire_narrative,
    withdraw_consent,
)
from narratives.services.editing import (
    approve_narrative,
    dismiss_finding,
    edit_narrative,
    mark_excerpt,
    redact_finding,
    remove_excerpt,
    request_changes,
    submit_narrative,
    tag_narrative,
)
from narratives.services.intake import (
    IntakeResult,
    create_narrative,
)
from narratives.services.revisions import revert_narrative, revert_translation
from narratives.services.translations import (
    approve_translation,
    record_translation_version,
    save_excerpt_translation,
)
from narratives.services.vault import (
    RECHECK_QUEUED_KEY,
    find_source_record,
    recheck_narratives_against_vault,
    record_vault_access,
    reencrypt_vault,
    save_source_record,
)

__all__ = [
    "CONSENT_NOTICE_DAYS",
    "EDITABLE",
    "RECHECK_QUEUED_KEY",
    "STEP_WORDS",
    "TRANSITIONS",
    "WORKFLOW",
    "Action",
    "IntakeResult",
    "NarrativeError",
    "Status",
    "approve_narrative",
    "approve_translation",
    "assign_narrative",
    "claim_narrative",
    "create_narrative",
    "dismiss_finding",
    "edit_narrative",
    "erase_person",
    "find_source_record",
    "mark_excerpt",
    "notify_expiring_consents",
    "recheck_narratives_against_vault",
    "record_translation_version",
    "record_vault_access",
    "redact_finding",
    "reencrypt_vault",
    "remove_excerpt",
    "request_changes",
    "retire_expired_consents",
    "retire_narrative",
    "revert_narrative",
    "revert_translation",
    "save_excerpt_translation",
    "save_source_record",
    "shaped_narrative",
    "submit_narrative",
    "tag_narrative",
    "withdraw_consent",
]
