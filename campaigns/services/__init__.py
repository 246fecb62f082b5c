"""Writes for campaigns and messages. Every state change that matters goes through here.

The package: ``renditions`` (queue, render, record, sweep), ``preview`` (the editors' live
preview), ``workflow`` (the message's review, approval, schedule and withdrawal), ``assignment``
and ``reviewers`` (who reviews a message, and who hears of it), ``revisions`` (reverting a
message to a revision) and
``handlers`` (what campaigns does when narratives' events arrive: quoted excerpts changed or
retired, the vault changed). Every public name is re-exported here.
"""

from __future__ import annotations

from campaigns.services.assignment import assign_message, claim_message
from campaigns.services.fidelity import undrawn_message_fields
from campaigns.services.handlers import (
    RECHECK_QUEUED_KEY,
    RECHECK_REQUEUE_EVERY_S,
    RECHECK_REQUEUE_KEY,
    queue_vault_recheck,
    recheck_messages_against_vault,
    requeue_lost_vault_recheck,
    withdraw_messages_using_excerpts,
)
from campaigns.services.preview import (
    PreviewError,
    posted_excerpt_ids,
    preview_message,
)
from campaigns.services.renditions import (
    RENDITION_MAX_ATTEMPTS,
    STUCK_PENDING_AFTER,
    UNCHECKED_FILES_PER_SWEEP,
    RenditionSkipped,
    _delete_file_on_commit,
    _renew_rendition_lease,
    card_specs,
    content_hash,
    discard_renditions,
    queue_renditions,
    record_rendition_failure,
    render_rendition,
    sweep_renditions,
)
from campaigns.services.reviewers import shaped_message, tell_published
from campaigns.services.revisions import revert_message
from campaigns.services.workflow import (
    CONTENT_FIELDS,
    CONTENT_VERSION_KEY,
    EDITOR_FIELDS,
    FINAL_STATUSES,
    MESSAGE_STEP_WORDS,
    MESSAGE_TRANSITIONS,
    MESSAGE_WORKFLOW,
    OUTBOUND_FIELDS,
    RETURNABLE,
    SCHEDULE_FIELDS,
    MAction,
    MessageError,
    MStatus,
    _return_to_review,
    announce,
    approve_message,
    check_message_transition,
    dismiss_message_finding,
    purge_public_caches,
    request_message_changes,
    return_quoting_messages_to_review,
    save_edited_message,
    save_message,
    schedule_message,
    submit_message,
    unschedule_message,
    withdraw_message,
)

__all__ = [
    "CONTENT_FIELDS",
    "CONTENT_VERSION_KEY",
    "EDITOR_FIELDS",
    "FINAL_STATUSES",
    "MESSAGE_STEP_WORDS",
    "MESSAGE_TRANSITIONS",
    "MESSAGE_WORKFLOW",
    "OUTBOUND_FIELDS",
    "RECHECK_QUEUED_KEY",
    "RECHECK_REQUEUE_EVERY_S",
    "RECHECK_REQUEUE_KEY",
    "RENDITION_MAX_ATTEMPTS",
    "RETURNABLE",
    "SCHEDULE_FIELDS",
    "STUCK_PENDING_AFTER",
    "UNCHECKED_FILES_PER_SWEEP",
    "MAction",
    "MStatus",
    "MessageError",
    "PreviewError",
    "RenditionSkipped",
    "_delete_file_on_commit",
    "_renew_rendition_lease",
    "_return_to_review",
    "announce",
    "approve_message",
    "assign_message",
    "card_specs",
    "check_message_transition",
    "claim_message",
    "content_hash",
    "discard_renditions",
    "dismiss_message_finding",
    "posted_excerpt_ids",
    "preview_message",
    "purge_public_caches",
    "queue_renditions",
    "queue_vault_recheck",
    "recheck_messages_against_vault",
    "record_rendition_failure",
    "render_rendition",
    "request_message_changes",
    "requeue_lost_vault_recheck",
    "return_quoting_messages_to_review",
    "revert_message",
    "save_edited_message",
    "save_message",
    "schedule_message",
    "shaped_message",
    "submit_message",
    "sweep_renditions",
    "tell_published",
    "undrawn_message_fields",
    "unschedule_message",
    "withdraw_message",
    "withdraw_messages_using_excerpts",
]
