"""The resources of the partner API, each declared once: what it serves, to whom, how it is
filtered and ordered, and what the schema says of it (see ``partners.api.factory``).

The querysets look the selectors up when called, so a test may replace one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from narratives.selectors import servable_excerpts, servable_narratives
from partners import flat, params, selectors
from partners.api.factory import Resource, resource_views
from partners.scopes import (
    READ_CAMPAIGNS,
    READ_EXCERPTS,
    READ_MESSAGES,
    READ_NARRATIVES,
    READ_REASONS,
)
from partners.serializers import (
    CampaignSerializer,
    ExcerptSerializer,
    MessageSerializer,
    NarrativeSerializer,
    ReasonSerializer,
)

if TYPE_CHECKING:
    from django.db.models import QuerySet


def _reasons_by_code() -> QuerySet[Any]:
    """Where a reason is looked up by its code: a sub-reason too."""
    return selectors.reasons().model.objects.prefetch_related("children")


REASONS = Resource(
    name="reason",
    serializer=ReasonSerializer,
    scope=READ_REASONS,
    key_field="code",
    key_pattern=params.REASON_CODE_RE,
    description="Reasons for leaving, each with its sub-reasons.",
    queryset=lambda audience, now: selectors.reasons(),
    detail_queryset=lambda audience, now: _reasons_by_code(),
    ordering=("position", "code", "-code"),
)
NARRATIVES = Resource(
    name="narrative",
    serializer=NarrativeSerializer,
    scope=READ_NARRATIVES,
    id_prefix="nar",
    description="Approved narratives: anonymized text, disclosure-controlled attributes, reasons.",
    queryset=lambda audience, now: selectors.approved_narratives(audience=audience),
    # A narrative whose title or text now matches the vault is not there for partners.
    servable=servable_narratives,
    filters=("reason", "language", "updated_since"),
    with_reasons=lambda queryset, ids: selectors.narratives_with_reasons(queryset, ids),
    ordering=("-changed_at", "changed_at", "title", "-title"),
)
EXCERPTS = Resource(
    name="excerpt",
    serializer=ExcerptSerializer,
    scope=READ_EXCERPTS,
    id_prefix="exc",
    description="Excerpts approved for reuse, with translations and attribution lines.",
    queryset=lambda audience, now: selectors.reusable_excerpts(audience=audience),
    # An excerpt whose text now matches the vault is not there for partners.
    servable=servable_excerpts,
    filters=("reason", "language", "updated_since"),
    with_reasons=lambda queryset, ids: selectors.excerpts_with_reasons(queryset, ids),
    language_field="narrative__language__in",
)
CAMPAIGNS = Resource(
    name="campaign",
    serializer=CampaignSerializer,
    scope=READ_CAMPAIGNS,
    id_prefix="cmp",
    description="Campaigns with at least one message live for you.",
    queryset=lambda audience, now: selectors.visible_campaigns(audience=audience, now=now),
    filters=("updated_since",),
    ordering=("-changed_at", "changed_at", "name", "-name"),
)
MESSAGES = Resource(
    name="message",
    serializer=MessageSerializer,
    scope=READ_MESSAGES,
    id_prefix="msg",
    description="Messages live now, with their ready renditions.",
    queryset=lambda audience, now: selectors.live_messages(audience=audience, now=now),
    filters=("reason", "language", "campaign", "updated_since"),
    with_reasons=lambda queryset, ids: selectors.messages_with_reasons(queryset, ids),
    in_order=lambda queryset, ordering: selectors.messages_in_order(queryset, ordering),
    ordering=("-changed_at", "changed_at", "-publish_at", "publish_at"),
    rows=flat.message_rows,
    represent=flat.message_representations,
)

ReasonList, ReasonDetail = resource_views(REASONS)
NarrativeList, NarrativeDetail = resource_views(NARRATIVES)
ExcerptList, ExcerptDetail = resource_views(EXCERPTS)
CampaignList, CampaignDetail = resource_views(CAMPAIGNS)
MessageList, MessageDetail = resource_views(MESSAGES)
