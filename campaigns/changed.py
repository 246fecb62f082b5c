"""``Message.shown_changed_at``: when a live message last changed as the outside sees it,
stored so that lists and feeds can page on an index instead of computing it for every row.

For a live message it is the greatest of its own ``updated_at``, its ``publish_at`` (passed,
since it is live), its campaign's ``updated_at`` and its renditions' latest ``updated_at``;
``partners.selectors.message_changed_at`` computes the same at query time (and adds
``unpublish_at`` once passed, which no live message has). Every write that moves one of those
times calls :func:`refresh_shown_changed_at`: saves through the signals connected in
``CampaignsConfig.ready``, bulk updates where they happen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import DateTimeField, F, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest


def shown_changed_at_expression(campaign_model=None, rendition_model=None):
    """The stored value, as an expression over the message row (models: a migration's)."""
    from campaigns import models

    # A migration passes its historical models: typed as any model's manager.
    campaigns: Any = (campaign_model or models.Campaign)._default_manager
    rendition_rows: Any = (rendition_model or models.Rendition)._default_manager
    campaign = campaigns.filter(pk=OuterRef("campaign_id")).values("updated_at")[:1]
    renditions = (
        rendition_rows.filter(message=OuterRef("pk"))
        .order_by()
        .values("message")
        .annotate(latest=Max("updated_at"))
        .values("latest")[:1]
    )
    return Greatest(
        F("updated_at"),
        Coalesce(F("publish_at"), F("updated_at")),
        Subquery(campaign, output_field=DateTimeField()),
        Coalesce(Subquery(renditions, output_field=DateTimeField()), F("updated_at")),
        output_field=DateTimeField(),
    )


def refresh_shown_changed_at(
    *,
    message_ids: Iterable[int] | QuerySet | None = None,
    campaign_ids: Iterable[int] | None = None,
) -> int:
    """Recompute the stored change time of these messages (or of every message of these
    campaigns); with neither, of every message."""
    from campaigns.models import Message

    where = Q()
    if isinstance(message_ids, QuerySet):  # e.g. renditions' values("message_id")
        where &= Q(pk__in=message_ids)
    elif message_ids is not None:
        where &= Q(pk__in=list(message_ids))
    if campaign_ids is not None:
        where &= Q(campaign_id__in=list(campaign_ids))
    return Message.objects.filter(where).update(shown_changed_at=shown_changed_at_expression())


def _message_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        refresh_shown_changed_at(message_ids=[instance.pk])


def _campaign_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        refresh_shown_changed_at(campaign_ids=[instance.pk])


def _rendition_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        refresh_shown_changed_at(message_ids=[instance.message_id])


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from campaigns.models import Campaign, Message, Rendition

    post_save.connect(_message_saved, sender=Message, dispatch_uid="campaigns-shown-changed-m")
    post_save.connect(_campaign_saved, sender=Campaign, dispatch_uid="campaigns-shown-changed-c")
    post_save.connect(_rendition_changed, sender=Rendition, dispatch_uid="campaigns-shown-r")
    post_delete.connect(_rendition_changed, sender=Rendition, dispatch_uid="campaigns-shown-rd")
