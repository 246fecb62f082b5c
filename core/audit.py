"""The audit trail: an append-only record of security-relevant events.

Call ``record(action=..., actor=..., target=..., detail=...)`` from a service, inside its
transaction, so the entry exists exactly when the action does. The trail holds identifiers
only: action names, usernames, public ids, addresses, counts. ``detail`` refuses anything that
looks like prose, so narrative or vault text cannot end up here by accident.

Action names (``Action`` below is the list; add new ones there):

* ``auth.login``, ``auth.login_failed``, ``auth.logout``, ``auth.locked_out``,
  ``auth.2fa_enrolled``, ``auth.2fa_verified``, ``auth.2fa_failed``,
  ``auth.2fa_recovery_generated``, ``auth.2fa_recovery_used`` (detail: counts, never a code)
* ``narrative.approved``, ``narrative.changes_requested``, ``consent.withdrawn``
* ``vault.view``, ``vault.create``, ``vault.change``, ``vault.export``
* ``vault.foreign_match`` (actor: who wrote the text; target: the narrative; detail: how
  many spans matched values of other records than its own, never the values)
* ``message.approved``, ``message.scheduled``, ``message.published``,
  ``message.unpublished``, ``message.withdrawn``
* ``experiment.approved``, ``experiment.started``, ``experiment.amended``,
  ``experiment.stopped`` (target: the experiment; detail: field names, never their text)
* ``api_key.created``, ``api_key.revoked`` (target: the key; detail: its prefix, partner)
* ``privilege.requested``, ``privilege.approved``, ``privilege.rejected`` (target: the user;
  detail: the grant and the request's id), ``privilege.changed`` (groups added or removed)
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeAlias

from django.db import connection, models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from core.models import AuditEntry


class Action(models.TextChoices):
    LOGIN = "auth.login", "Logged in"
    LOGIN_FAILED = "auth.login_failed", "Failed login"
    LOGOUT = "auth.logout", "Logged out"
    LOCKED_OUT = "auth.locked_out", "Locked out"
    OTP_ENROLLED = "auth.2fa_enrolled", "Enrolled a two-factor device"
    OTP_VERIFIED = "auth.2fa_verified", "Verified a two-factor code"
    OTP_FAILED = "auth.2fa_failed", "Wrong two-factor code"
    OTP_LINK_ISSUED = "auth.2fa_link_issued", "Issued a two-factor enrolment link"
    OTP_RECOVERY_GENERATED = "auth.2fa_recovery_generated", "Made a new set of recovery codes"
    OTP_DEVICE_REMOVED = "auth.2fa_device_removed", "Removed a two-factor device"
    OTP_RECOVERY_USED = "auth.2fa_recovery_used", "Signed in with a recovery code"
    NARRATIVE_APPROVED = "narrative.approved", "Approved a narrative"
    NARRATIVE_CHANGES_REQUESTED = "narrative.changes_requested", "Requested narrative changes"
    NARRATIVE_RETURNED_TO_REVIEW = (
        "narrative.returned_to_review",
        "Returned a narrative to review: it now matches the vault",
    )
    CONSENT_WITHDRAWN = "consent.withdrawn", "Recorded a withdrawal of consent"
    VAULT_VIEW = "vault.view", "Viewed a vault record"
    VAULT_CREATE = "vault.create", "Created a vault record"
    VAULT_CHANGE = "vault.change", "Changed a vault record"
    VAULT_EXPORT = "vault.export", "Exported a vault record"
    VAULT_LOOKUP = "vault.lookup", "Looked a vault record up by its reference"
    MESSAGE_APPROVED = "message.approved", "Approved a message"
    MESSAGE_SCHEDULED = "message.scheduled", "Scheduled a message"
    MESSAGE_PUBLISHED = "message.published", "Published a message"
    MESSAGE_UNPUBLISHED = "message.unpublished", "Unpublished a message"
    MESSAGE_WITHDRAWN = "message.withdrawn", "Withdrew a message"
    EXPERIMENT_APPROVED = "experiment.approved", "Approved an experiment's plan"
    EXPERIMENT_STARTED = "experiment.started", "Started an experiment"
    EXPERIMENT_AMENDED = "experiment.amended", "Amended a running experiment"
    EXPERIMENT_STOPPED = "experiment.stopped", "Stopped an experiment"
    API_KEY_CREATED = "api_key.created", "Created an API key"
    API_KEY_REVOKED = "api_key.revoked", "Revoked an API key"
    VAULT_FOREIGN_MATCH = "vault.foreign_match", "Text matched another record's vault values"
    PRIVILEGE_REQUESTED = "privilege.requested", "Asked for a privilege grant"
    PRIVILEGE_APPROVED = "privilege.approved", "Approved a privilege grant"
    PRIVILEGE_REJECTED = "privilege.rejected", "Rejected a privilege grant"
    PRIVILEGE_CHANGED = "privilege.changed", "Changed a user's roles or staff status"


# No spaces, at most 100 characters: identifiers, codes, timestamps and addresses pass; a
# sentence of testimony cannot.
_SAFE_STRING = re.compile(r"[\w.:@+\-]{0,100}")
_SAFE_KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")
_USERNAME = re.compile(r"[\w.@+\-]{1,150}")

_client_ip: contextvars.ContextVar[str] = contextvars.ContextVar("audit_client_ip", default="")


class AuditContextMiddleware:
    """Remember the client's address for the request, so services can record it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from core.security import client_ip

        token = _client_ip.set(client_ip(request) or "")
        try:
            return self.get_response(request)
        finally:
            _client_ip.reset(token)


def _check_value(key: str, value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str) and _SAFE_STRING.fullmatch(value):
        return value
    if isinstance(value, list | tuple) and len(value) <= 50:
        return [_check_value(key, item) for item in value if not isinstance(item, list | tuple)]
    # The value is deliberately not in the message: it may be the very text we keep out.
    raise ValueError(f"Audit detail {key!r} must be a number, flag or identifier.")


def clean_detail(detail: dict[str, Any] | None) -> dict[str, Any]:
    """Return ``detail`` if every key and value is identifier-like; raise ValueError if not."""
    cleaned = {}
    for key, value in (detail or {}).items():
        if not isinstance(key, str) or not _SAFE_KEY.fullmatch(key):
            raise ValueError("Audit detail keys are short lower-case names.")
        cleaned[key] = _check_value(key, value)
    return cleaned


if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

# What an entry is about: a model instance, or a ``(type, id)`` pair.
Target: TypeAlias = "models.Model | tuple[str, object] | None"


def _target(target: Target) -> tuple[str, str]:
    if target is None:
        return "", ""
    if isinstance(target, tuple):
        kind, ident = target
        return str(kind)[:40], str(ident)[:64]
    # Never str(target): a model's text representation may carry content.
    ident = getattr(target, "public_id", None) or target.pk
    return (target._meta.model_name or "")[:40], str(ident)[:64]


def record(
    *,
    action: str,
    actor: AbstractBaseUser | AnonymousUser | None = None,
    target: Target = None,
    detail: dict[str, Any] | None = None,
    ip: str | None = None,
    username: str = "",
) -> AuditEntry:
    """Append one entry to the audit trail.

    ``actor`` is a user (or None for the system); ``target`` a model instance (its
    ``public_id``, else its primary key, is kept) or a ``(type, id)`` pair; ``username``
    names an actor without an account (a failed login).
    """
    if not _SAFE_STRING.fullmatch(action):
        raise ValueError("Audit actions are dotted names.")
    target_type, target_id = _target(target)
    user = actor if actor is not None and actor.is_authenticated else None
    return AuditEntry.objects.create(
        action=action,
        actor_pk=user.pk if user is not None else None,
        actor_username=user.get_username() if user is not None else safe_username(username),
        target_type=target_type,
        target_id=target_id,
        ip=(ip if ip is not None else _client_ip.get())[:45],
        detail=clean_detail(detail),
    )


def record_vault_matches(
    *, target: Target, count: int, actor: AbstractBaseUser | AnonymousUser | None
) -> None:
    """When ``count`` vault values of other records turned up in what ``target`` holds, write
    how many (never which) to the trail, so custodians see who keeps probing the vault."""
    if count:
        record(
            action=Action.VAULT_FOREIGN_MATCH,
            actor=actor,
            target=target,
            detail={"matches": count},
        )


def safe_username(raw: str | None) -> str:
    """Return ``raw`` if it is shaped like a username, else an empty string."""
    raw = (raw or "").strip()
    return raw if _USERNAME.fullmatch(raw) else ""


_PUBLISH_ACTIONS = {"publish": Action.MESSAGE_PUBLISHED, "unpublish": Action.MESSAGE_UNPUBLISHED}
_DETAIL = AuditEntry._meta.get_field("detail")


_INSERT_PUBLISH_ENTRIES_SQL = """
    INSERT INTO core_auditentry
        (at, action, actor_pk, actor_username, target_type, target_id, ip, detail)
    SELECT %s, %s, NULL, '', 'message', public_id, '', %s
    FROM campaigns_message WHERE id IN ({marks})
"""


def record_publish_events(
    *, kind: str, message_pks: list[int], occurred: datetime | None, worker: str
) -> None:
    """Record publishes or unpublishes from the publisher, a batch in one plain INSERT.

    The publisher claims due messages in batches with plain SQL for speed; this adds one
    statement of the same kind in the same transaction, taking each message's public id in
    place.
    """
    if not message_pks:
        return
    adapt = connection.ops.adapt_datetimefield_value
    worker = re.sub(r"[^\w.:@+\-]", "_", worker or "")[:100]
    detail = _DETAIL.get_db_prep_save(clean_detail({"worker": worker}), connection)
    marks = ", ".join(["%s"] * len(message_pks))
    with connection.cursor() as cursor:
        cursor.execute(
            _INSERT_PUBLISH_ENTRIES_SQL.format(marks=marks),
            [adapt(occurred or timezone.now()), str(_PUBLISH_ACTIONS[kind]), detail, *message_pks],
        )
