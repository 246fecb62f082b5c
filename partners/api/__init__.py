"""The partner REST API, ``/api/v1/``. The API only translates: check the query, call a
selector or a service, serialize.

The package: ``pagination`` (signed cursors, pages), ``base`` (what every endpoint shares),
``factory`` (one resource's list and detail views from its declaration), ``resources`` (the
five resources, declared) and ``changes`` (the changes feed). Every public name is
re-exported here.
"""

from __future__ import annotations

from partners.api.base import DEFAULT_ORDERING, NoParamsAPIView, PartnerAPIView
from partners.api.changes import (
    BAD_FEED_CURSOR,
    CHANGE_OUTPUT,
    CHANGES_MAX_PAGE_SIZE,
    CHANGES_PAGE_SIZE,
    ChangeList,
)
from partners.api.factory import Resource, detail_schema, list_schema, resource_views
from partners.api.pagination import BAD_CURSOR, PublicCursorPagination
from partners.api.resources import (
    CAMPAIGNS,
    EXCERPTS,
    MESSAGES,
    NARRATIVES,
    REASONS,
    CampaignDetail,
    CampaignList,
    ExcerptDetail,
    ExcerptList,
    MessageDetail,
    MessageList,
    NarrativeDetail,
    NarrativeList,
    ReasonDetail,
    ReasonList,
)

__all__ = [
    "BAD_CURSOR",
    "BAD_FEED_CURSOR",
    "CAMPAIGNS",
    "CHANGES_MAX_PAGE_SIZE",
    "CHANGES_PAGE_SIZE",
    "CHANGE_OUTPUT",
    "DEFAULT_ORDERING",
    "EXCERPTS",
    "MESSAGES",
    "NARRATIVES",
    "REASONS",
    "CampaignDetail",
    "CampaignList",
    "ChangeList",
    "ExcerptDetail",
    "ExcerptList",
    "MessageDetail",
    "MessageList",
    "NarrativeDetail",
    "NarrativeList",
    "NoParamsAPIView",
    "PartnerAPIView",
    "PublicCursorPagination",
    "ReasonDetail",
    "ReasonList",
    "Resource",
    "detail_schema",
    "list_schema",
    "resource_views",
]
