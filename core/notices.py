"""Notices: in-app and by e-mail, for what happens to a narrative or a message.

The apps call :func:`notify` from their services (``core`` sits below them all) with the
object's opaque public id and the path of its page, nothing else: a notice and its e-mail
hold ids and links only, never a title, a headline, a name or a word of testimony. The
e-mail goes after commit, through Celery (``core.tasks.send_notice_email``, retried while
the SMTP server is away; ``resend_pending_notice_emails`` requeues any the broker lost),
in the recipient's own interface language, and its subject and body pass the egress gate
first (``core.egress.gate_texts``).

What waits for a user (items assigned to them, their messages sent back) is counted by the
sources the apps register with :func:`register_waiting`.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.egress import gate_texts
from core.models import Notice, User

logger = logging.getLogger(__name__)

Kind = Notice.Kind

# One whole sentence per kind and object, so that each translates as a sentence.
SENTENCES: dict[tuple[str, str], str] = {
    (Kind.SUBMITTED, "narrative"): gettext_noop("Narrative %(ref)s was submitted for review."),
    (Kind.SUBMITTED, "message"): gettext_noop("Message %(ref)s was submitted for review."),
    (Kind.ASSIGNED, "narrative"): gettext_noop("Narrative %(ref)s was assigned to you for review."),
    (Kind.ASSIGNED, "message"): gettext_noop("Message %(ref)s was assigned to you for review."),
    (Kind.APPROVED, "narrative"): gettext_noop("Narrative %(ref)s was approved."),
    (Kind.APPROVED, "message"): gettext_noop("Message %(ref)s was approved: it can be scheduled."),
    (Kind.CHANGES_REQUESTED, "narrative"): gettext_noop(
        "Narrative %(ref)s was sent back for changes."
    ),
    (Kind.CHANGES_REQUESTED, "message"): gettext_noop("Message %(ref)s was sent back for changes."),
    (Kind.PUBLISHED, "message"): gettext_noop("Message %(ref)s was published."),
    (Kind.WITHDRAWN, "message"): gettext_noop("Message %(ref)s was withdrawn."),
    (Kind.CONSENT_EXPIRING, "narrative"): gettext_noop(
        "The consent behind narrative %(ref)s expires on %(date)s."
    ),
}

SUBJECT = gettext_noop("[Counter-messaging] %(sentence)s")
BODY = gettext_noop(
    "%(sentence)s\n\nOpen it: %(link)s\n\nThis e-mail holds ids and links only; sign in to "
    "see the rest. You receive it because of your role in the counter-messaging system."
)

# An e-mail still pending this long after its notice was made is queued again.
RESEND_PENDING_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class Target:
    """The object a notice is about: its noun, its public id and the path of its page."""

    noun: str  # "narrative", "message"
    ref: str  # the opaque public id
    path: str  # "/review/narratives/nar_…/"


def sentence(notice: Notice) -> str:
    """The notice in the active language, ids only."""
    words = SENTENCES.get((notice.kind, notice.noun))
    if words is None:
        return f"{notice.get_kind_display()}: {notice.object_ref}"
    date = notice.once_key.rsplit(":", 1)[-1] if notice.kind == Kind.CONSENT_EXPIRING else ""
    return _(words) % {"ref": notice.object_ref, "date": date}


# --- Writing notices -------------------------------------------------------------------------


def notify(
    *,
    recipients: Iterable[User | None],
    kind: str,
    target: Target,
    actor: User | None = None,
    once_key: str = "",
) -> list[Notice]:
    """Write a notice for each recipient (never the actor, never twice, active users only)
    and queue its e-mail after commit; with ``once_key``, a recipient who already had it
    gets nothing. Call inside the transaction that made the change."""
    if (kind, target.noun) not in SENTENCES:
        raise ValueError(f"no sentence for a {kind} notice about a {target.noun}")
    seen: set[int] = set()
    made: list[Notice] = []
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        if actor is not None and user.pk == actor.pk:
            continue
        seen.add(user.pk)
        notice = Notice(
            recipient=user,
            kind=kind,
            noun=target.noun,
            object_ref=target.ref,
            url=target.path,
            once_key=once_key,
            email=Notice.Email.PENDING if user.email else Notice.Email.NONE,
        )
        if once_key:
            if Notice.objects.filter(recipient=user, once_key=once_key).exists():
                continue
            try:
                with transaction.atomic():
                    notice.save()
            except IntegrityError:  # a concurrent run made it first
                continue
        else:
            notice.save()
        made.append(notice)
    pending = [n.pk for n in made if n.email == Notice.Email.PENDING]
    if pending:
        transaction.on_commit(lambda: _queue_emails(pending))
    return made


def notify_many(batch: Iterable[tuple[Iterable[User | None], str, Target]]) -> int:
    """Write the notices of many objects at once (``(recipients, kind, target)`` each, none
    with a ``once_key``) in one INSERT, and queue their e-mails after commit; for the
    publisher, which puts a batch of messages live in one transaction."""
    rows: list[Notice] = []
    for recipients, kind, target in batch:
        seen: set[int] = set()
        for user in recipients:
            if user is None or not user.is_active or user.pk in seen:
                continue
            seen.add(user.pk)
            rows.append(
                Notice(
                    recipient=user,
                    kind=kind,
                    noun=target.noun,
                    object_ref=target.ref,
                    url=target.path,
                    email=Notice.Email.PENDING if user.email else Notice.Email.NONE,
                )
            )
    if not rows:
        return 0
    made = Notice.objects.bulk_create(rows)
    pending = [n.pk for n in made if n.email == Notice.Email.PENDING and n.pk is not None]
    if pending:
        transaction.on_commit(lambda: _queue_emails(pending))
    return len(made)


def _queue_emails(notice_ids: list[int]) -> None:
    from core.tasks import send_notice_email

    for pk in notice_ids:
        try:
            send_notice_email.delay(pk)
        except Exception as exc:
            # The broker is away: the notice stays pending and the beat sweep sends it.
            logger.warning("notice e-mail not queued notice=%s error=%s", pk, type(exc).__name__)


def mark_read(*, user: User, notice: Notice) -> Notice:
    """Mark one of the user's own notices read."""
    if notice.recipient_id != user.pk:
        raise PermissionDenied(_("This notice is someone else's."))
    if not notice.read:
        Notice.objects.filter(pk=notice.pk).update(read=True)
        notice.read = True
    return notice


def mark_all_read(*, user: User) -> int:
    """Mark every unread notice of the user read; return how many."""
    return Notice.objects.filter(recipient=user, read=False).update(read=True)


def unread_count(user: User) -> int:
    return Notice.objects.filter(recipient=user, read=False).count()


# --- E-mail ------------------------------------------------------------------------------------


class EmailRefused(Exception):
    """The gate found a vault value in a notice e-mail: it is never sent."""


def absolute_link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def email_texts(notice: Notice) -> tuple[str, str]:
    """The subject and body of a notice's e-mail in its recipient's language."""
    language = notice.recipient.interface_language or settings.LANGUAGE_CODE
    with translation.override(language):
        said = sentence(notice)
        return (
            _(SUBJECT) % {"sentence": said},
            _(BODY) % {"sentence": said, "link": absolute_link(notice.url)},
        )


def deliver_email(*, notice_id: int) -> bool:
    """Send a pending notice's e-mail; return whether one went out. Sending errors (the SMTP
    server away) propagate, so the task retries; a notice already sent is not sent again."""
    notice = Notice.objects.select_related("recipient").filter(pk=notice_id).first()
    if notice is None or notice.email != Notice.Email.PENDING:
        return False
    address = notice.recipient.email
    if not address or not notice.recipient.is_active:
        Notice.objects.filter(pk=notice.pk).update(email=Notice.Email.NONE)
        return False
    subject, body = email_texts(notice)
    held = gate_texts({"subject": subject, "body": body})
    if held:
        Notice.objects.filter(pk=notice.pk).update(email=Notice.Email.NONE)
        logger.error("notice e-mail refused by the gate notice=%s fields=%s", notice.pk, held)
        raise EmailRefused(notice.pk)
    Notice.objects.filter(pk=notice.pk).update(email_attempts=notice.email_attempts + 1)
    try:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address]).send()
    except smtplib.SMTPRecipientsRefused:
        # The server will never take this address: retrying would not help.
        Notice.objects.filter(pk=notice.pk).update(email=Notice.Email.NONE)
        logger.warning("notice e-mail refused by the server notice=%s", notice.pk)
        return False
    Notice.objects.filter(pk=notice.pk).update(email=Notice.Email.SENT, emailed_at=timezone.now())
    logger.info("notice e-mail sent notice=%s kind=%s", notice.pk, notice.kind)
    return True


def pending_emails(now=None) -> list[int]:
    """Notices whose e-mail is still pending well after they were made (lost on the way)."""
    before = (now or timezone.now()) - RESEND_PENDING_AFTER
    pending = Notice.objects.filter(email=Notice.Email.PENDING, created_at__lt=before)
    return list(pending.order_by("pk").values_list("pk", flat=True)[:500])


def resend_pending_emails(now=None) -> int:
    """Queue again the e-mails the broker lost; return how many."""
    ids = pending_emails(now)
    _queue_emails(ids)
    return len(ids)


# --- What waits for a user ------------------------------------------------------------------


@dataclass(frozen=True)
class Waiting:
    """One thing waiting for a user: what it is, its public id, its page, why it waits."""

    noun: str  # translated: "Narrative", "Message"
    ref: str
    path: str
    why: str  # translated: "In review, assigned to you"


WaitingSource = Callable[[User], list[Waiting]]
_waiting_sources: list[WaitingSource] = []


def register_waiting(source: WaitingSource) -> None:
    """Add a source of waiting items (call from ``AppConfig.ready()``)."""
    if source not in _waiting_sources:
        _waiting_sources.append(source)


def waiting_for(user: User) -> list[Waiting]:
    """Everything waiting for ``user``, from every app's source."""
    found: list[Waiting] = []
    for source in _waiting_sources:
        found.extend(source(user))
    return found
