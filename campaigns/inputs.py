"""Writes for what messages share: their campaign and their visual template.

A campaign's public fields and a template's look are inputs of every message that uses them:
the card draws the call to action, the help-line, the logo and the colours, and the API serves
the campaign beside the message. A change to any of them sends every approved, scheduled or
live message that uses it back to review, with the reason recorded; the analysts see the new
card before anyone outside does.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from campaigns.models import Campaign, Message, VisualTemplate
from campaigns.rendering.photo import PHOTO_MAX_SIDE
from campaigns.selectors import CAMPAIGN_OUTBOUND_FIELDS, TEMPLATE_DRAWN_FIELDS
from campaigns.services import (
    FINAL_STATUSES,
    RETURNABLE,
    _delete_file_on_commit,
    _return_to_review,
    queue_renditions,
)
from campaigns.uploads import sanitize_image_upload

if TYPE_CHECKING:
    from core.models import User

# How each template image is sanitised (campaigns.uploads): a photo may come straight from a
# camera (up to 10 MB), and is kept no larger than the largest card needs.
UPLOAD_LIMITS: dict[str, dict[str, int]] = {
    "logo": {},
    "background_photo": {"max_bytes": 10 * 1024 * 1024, "max_side": PHOTO_MAX_SIDE},
}

# Campaign fields whose change alters what its messages send out (drawn or served).
CAMPAIGN_INPUT_FIELDS = (*CAMPAIGN_OUTBOUND_FIELDS, "audience_regions", "palette", "logo")


def _changed(stored: models.Model, edited: models.Model, names: Iterable[str]) -> list[str]:
    return [name for name in names if getattr(stored, name) != getattr(edited, name)]


def _labels(model: type[models.Model], names: Iterable[str]) -> str:
    fields = [model._meta.get_field(name) for name in names]
    # Every name is a concrete field's; a relation's reverse side has no verbose name.
    return ", ".join(str(f.verbose_name) if isinstance(f, models.Field) else f.name for f in fields)


def _return_users_to_review(
    messages: models.QuerySet[Message], *, actor: User | None, why: str, **detail: object
) -> int:
    locked = Message.objects.select_for_update().filter(
        pk__in=messages.filter(status__in=RETURNABLE).values("pk")
    )
    return sum(
        _return_to_review(m, actor=actor, comment=why, **detail) for m in locked.order_by("pk")
    )


def _requeue(messages: models.QuerySet[Message]) -> int:
    count = 0
    for message in messages.exclude(status__in=FINAL_STATUSES).select_related(
        "campaign", "template"
    ):
        queue_renditions(message=message)
        count += 1
    return count


@transaction.atomic
def save_campaign(
    *, user: User | None, campaign: Campaign, logo_upload: UploadedFile | None = None
) -> Campaign:
    """Save a campaign, sanitising a new logo; a change to what its messages send out (a new
    logo too: it is drawn on their cards) sends them back to review."""
    if user is not None and not user.has_perm(
        "campaigns.change_campaign" if campaign.pk else "campaigns.add_campaign"
    ):
        raise PermissionDenied(_("You may not edit campaigns."))
    stored = Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
    if logo_upload is not None:
        _store_sanitised(campaign.logo, logo_upload, "logo")
    if stored is None:
        if campaign.owner_id is None and user is not None:
            campaign.owner = user
        campaign.save()
        return campaign
    changed = _changed(stored, campaign, CAMPAIGN_INPUT_FIELDS)
    if stored.logo and not campaign.logo:  # cleared: the old file goes after commit
        _delete_file_on_commit(stored.logo.name)
    campaign.save()
    if changed:
        messages = Message.objects.filter(campaign=campaign)
        _return_users_to_review(
            messages,
            actor=user,
            why=f"The campaign changed ({_labels(Campaign, changed)}).",
            cause="campaign",
            fields=changed,
        )
        _requeue(messages)
    return campaign


@transaction.atomic
def save_visual_template(
    *,
    template: VisualTemplate,
    logo_upload: UploadedFile | None = None,
    background_photo_upload: UploadedFile | None = None,
    user: User | None = None,
) -> VisualTemplate:
    """Save a template (its version goes up), sanitising a new logo or background photo; a
    change to how it draws sends the messages using it back to review, and their cards are
    drawn again. A photo card needs a background photo."""
    if user is not None and not user.has_perm(
        "campaigns.change_visualtemplate" if template.pk else "campaigns.add_visualtemplate"
    ):
        raise PermissionDenied(_("You may not edit visual templates."))
    stored = VisualTemplate.objects.select_for_update().filter(pk=template.pk).first()
    changed = _changed(stored, template, TEMPLATE_DRAWN_FIELDS) if stored else []
    uploads = {"logo": logo_upload, "background_photo": background_photo_upload}
    for name, upload in uploads.items():
        if upload is not None:
            _store_sanitised(getattr(template, name), upload, name, **UPLOAD_LIMITS[name])
            changed = sorted({*changed, name})
    if template.layout == VisualTemplate.Layout.PHOTO_CARD and not template.background_photo:
        raise ValidationError(
            {"background_photo": _("A photo card needs a background photo: upload one.")}
        )
    template.save()
    if stored is None:
        return template
    messages = Message.objects.filter(template=template)
    if changed:
        _return_users_to_review(
            messages,
            actor=user,
            why=f"The visual template changed ({_labels(VisualTemplate, changed)}).",
            cause="template",
            fields=changed,
        )
    _requeue(messages)
    return template


def _store_sanitised(image: FieldFile, upload: UploadedFile, name: str, **limits: int) -> None:
    """Replace a campaign's or template's image with the sanitised copy of ``upload``
    (re-encoded, no metadata, size and pixel caps: campaigns.uploads; ``limits``: the
    sanitiser's, UPLOAD_LIMITS), the old file going after commit.

    The stored name is ours, never the upload's, and unique: the storage would otherwise
    add a random suffix to a second ``logo.png`` (``logo_Kq3Bz9Y.png``), and the leak
    scanner, which reads the file name as an outbound text, takes about one in ten of those
    suffixes for a person's name.
    """
    sanitized = sanitize_image_upload(upload.read(), **limits)
    extension = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}[sanitized.mime_type]
    if image.name:
        _delete_file_on_commit(image.name)
    unique = f"{name}-{uuid.uuid4().hex}.{extension}"
    image.save(unique, ContentFile(sanitized.data), save=False)


def requeue_template_messages(*, template: VisualTemplate) -> int:
    """Queue renditions of every message still in use that is drawn with ``template``."""
    return _requeue(Message.objects.filter(template=template))
