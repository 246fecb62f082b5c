"""Reverting a message to one of its revisions (``core.revisions``, ``campaigns.revisions``).

A revert is an editor's save of the revision's content: it writes a new revision (marked as
a revert), the editor counts as having shaped it (four eyes), and an approved, scheduled or
live message goes back to review (a live one comes down), as any edit of what it sends out.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.models import Campaign, Message, MessageExcerpt, VisualTemplate
from campaigns.revisions import EXCERPTS, MESSAGE_FIELDS, RELATED, message_snapshot
from campaigns.services.renditions import queue_renditions
from campaigns.services.workflow import (
    FINAL_STATUSES,
    MESSAGE_WORKFLOW,
    MessageError,
    save_message,
)
from core import revisions
from core.models import Revision, User
from narratives.models import Excerpt


@transaction.atomic
def revert_message(*, user: User, message: Message, revision: Revision) -> Message:
    """Bring back what a revision of the message said, as a new revision; the message then
    goes through review again."""
    if not user.has_perm("campaigns.change_message"):
        raise PermissionDenied(_("You may not edit messages."))
    locked = MESSAGE_WORKFLOW.lock(message)
    if not revisions.belongs_to(revision, locked):
        raise MessageError(
            _(
                "That revision belongs to another message: open that message's history to "
                "revert to it."
            )
        )
    if locked.status in FINAL_STATUSES:
        raise MessageError(
            _(
                "A withdrawn or expired message cannot be reverted: write a new message "
                "from what you need."
            )
        )
    saved, current = revisions.values(revision), message_snapshot(locked)
    changed = [name for name in MESSAGE_FIELDS if saved.get(name, "") != current[name]]
    excerpts_changed = saved.get(EXCERPTS, "") != current[EXCERPTS]
    if not changed and not excerpts_changed:
        raise MessageError(
            _("Revision %(number)s is the message as it is now: there is nothing to revert.")
            % {"number": revision.number}
        )
    for name in changed:
        value = saved.get(name, "")
        if name in RELATED:
            _restore_related(locked, name, value)
        else:
            setattr(locked, name, value)
    if excerpts_changed:
        _restore_quotes(locked, saved.get(EXCERPTS, "").split())
    save_message(user=user, message=locked, changed_fields=changed, record_revision=False)
    if excerpts_changed:
        save_message(user=user, message=locked, excerpts_changed=True, record_revision=False)
    revisions.record(locked, user=user, kind=Revision.Kind.REVERTED, reverted_from=revision.number)
    queue_renditions(message=locked)
    return locked


def _restore_related(message: Message, name: str, value: str) -> None:
    model = RELATED[name]
    if not value:
        setattr(message, f"{name}_id", None)
        return
    if not model._default_manager.filter(pk=value).exists():
        if model is Campaign:
            raise MessageError(_("The campaign of that revision no longer exists."))
        if model is VisualTemplate:
            raise MessageError(_("The visual template of that revision no longer exists."))
    setattr(message, f"{name}_id", int(value))


def _restore_quotes(message: Message, public_ids: list[str]) -> None:
    found = {e.public_id: e for e in Excerpt.objects.reusable().filter(public_id__in=public_ids)}
    if len(found) != len(set(public_ids)):
        raise MessageError(
            _(
                "That revision quotes an excerpt that is no longer approved for reuse, so it "
                "cannot be brought back: pick another excerpt instead."
            )
        )
    message.excerpt_links.all().delete()
    MessageExcerpt.objects.bulk_create(
        MessageExcerpt(message=message, excerpt=found[pid], position=position)
        for position, pid in enumerate(public_ids)
    )
