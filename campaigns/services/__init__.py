"""Writes for campaigns and messages. Every state change that matters goes through here.

The package: ``renditions`` (queue, render, record, sweep), ``preview`` (the editors' live
preview), ``workflow`` (the message's review, approval, schedule and withdrawal) and
``handlers`` (what campaigns does when narratives' events arrive: quoted excerpts changed or
retired, the vault changed). Every public name is re-exported here.
"""

from __future__ import annotations

from campaigns.services.handlers import (  # noqa: F401
    RECHECK_QUEUED_KEY,
    RECHECK_REQUEUE_EVERY_S,
    RECHECK_REQUEUE_KEY,
    queue_vault_recheck,
    recheck_messages_against_vault,
    requeue_lost_vault_recheck,
    withdraw_messages_using_excerpts,
)
from campaigns.services.preview import (  # noqa: F401
    PreviewError,
    preview_message,
)
from campaigns.services.renditions import (  # noqa: F401
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
from campaigns.services.workflow import (  # noqa: F401
    CONTENT_VERSION_KEY,
    EDITOR_FIELDS,
    FINAL_STATUSES,
    MESSAGE_STEP_WORDS,
    MESSAGE_TRANSITIONS,
    MESSAGE_WORKFLOW,
    OUTBOUND_FIELDS,
    RETURNABLE,
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
    save_message,
    schedule_message,
    submit_message,
    unschedule_message,
    withdraw_message,
)
