"""``GET /api/v1/changes/``: the feed of everything that changed, oldest first, with
tombstones, for partners who mirror the content."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from core.graphs import release
from partners import api_docs, flat, params, selectors
from partners.api.base import PartnerAPIView, unbind
from partners.api.factory import Resource
from partners.api.resources import EXCERPTS, MESSAGES, NARRATIVES
from partners.serializers import ChangesPageSerializer, ExperimentSerializer

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rest_framework.request import Request

BAD_FEED_CURSOR = "Not a cursor this feed issued; send the next_cursor of a page as given."
CHANGES_PAGE_SIZE = 100
CHANGES_MAX_PAGE_SIZE = 500
# A live item of the feed comes as its own endpoint shows it.
CHANGE_OUTPUT: dict[str, Resource] = {
    "message": MESSAGES,
    "narrative": NARRATIVES,
    "excerpt": EXCERPTS,
}


class ChangeList(PartnerAPIView):
    required_scopes = {"GET": "any:changes"}
    pagination_class = None
    serializer_class = ChangesPageSerializer
    sparse_fields = False

    def allowed_params(self) -> set[str]:
        return {"updated_since", "cursor", "type", "page_size"}

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "updated_since",
                OpenApiTypes.DATETIME,
                description="Changes at or after this time (inclusive: items changed at exactly "
                "this time come again; they are idempotent).",
            ),
            api_docs.FEED_CURSOR_PARAMETER,
            api_docs.comma_separated(
                "type",
                {"type": "string", "enum": list(selectors.FEED_TYPES)},
                "Only these kinds of item, comma-separated. Without it: excerpt, message and "
                "narrative (as your scopes open them); experiment comes only when named.",
            ),
            OpenApiParameter(
                "page_size",
                api_docs.page_size_schema(CHANGES_MAX_PAGE_SIZE),
                description=f"Changes per page (default {CHANGES_PAGE_SIZE}); ASCII digits only.",
            ),
        ],
        responses={200: ChangesPageSerializer, **api_docs.READ_ERRORS},
        examples=api_docs.CHANGES_EXAMPLES,
        description=(
            "Everything that changed, oldest first, in (changed_at, type, id) order: live items "
            "with their data, and tombstones ({id, type, deleted: true, changed_at}) for items "
            "withdrawn, expired, retired or no longer open to you. Walk pages while has_more; "
            "next_cursor is never null once the feed has a position, even when caught up: "
            "keep it and poll with ?cursor= to never miss or repeat a change."
        ),
    )
    def get(self, request: Request) -> Response:
        query = request.query_params
        since = params.timestamp(query, "updated_since")
        raw_cursor = params.single(query, "cursor")
        after = None
        if raw_cursor is not None:
            try:
                after = selectors.FeedPosition.decode(raw_cursor)
            except ValueError:
                raise params.InvalidParameter({"cursor": [BAD_FEED_CURSOR]}) from None
        allowed = selectors.change_types_for(self.audience)
        types = params.many(query, "type") or [t for t in allowed if t in selectors.CHANGE_TYPES]
        bad = sorted(set(types) - set(selectors.FEED_TYPES))
        if bad:
            raise params.InvalidParameter(
                {"type": [f"Use some of {', '.join(selectors.FEED_TYPES)}."]}
            )
        types = [t for t in types if t in allowed]
        limit = params.page_size(query, CHANGES_PAGE_SIZE, CHANGES_MAX_PAGE_SIZE)
        found, has_more = selectors.changes(
            audience=self.audience,
            now=self.now,
            settle=dt.timedelta(seconds=settings.API_CHANGES_SETTLE_SECONDS),
            since=since,
            after=after,
            types=types,
            limit=limit,
        )
        data = self._data_for(found)
        selectors.record_sightings(self.audience, found)
        results = []
        datetimes = flat.datetime_field()
        for change in found:
            item = {
                "id": change.public_id,
                "type": change.type,
                "deleted": change.deleted,
                "changed_at": datetimes.to_representation(change.changed_at),
            }
            payload = data.get((change.type, change.public_id))
            if not change.deleted and payload is not None:
                item["data"] = payload
            elif not change.deleted:  # changed between the two reads: report it gone for now
                item["deleted"] = True
            results.append(item)
        if found:
            last = found[-1]
            position = selectors.FeedPosition(last.changed_at, last.type, last.public_id)
        elif after is not None:
            position = after
        elif since is not None:
            position = selectors.FeedPosition(since)  # type "" sorts first: ">= since"
        else:
            position = None
        return Response(
            {
                "results": results,
                "next_cursor": position.encode() if position else None,
                "has_more": has_more,
            }
        )

    def _data_for(self, found: Sequence[selectors.Change]) -> dict[tuple[str, str], Any]:
        """The current representation of every live item on the page, a few queries per type."""
        context = self.get_serializer_context()
        data: dict[tuple[str, str], Any] = {}
        ids = [c.public_id for c in found if c.type == "experiment" and not c.deleted]
        if ids:
            experiments = selectors.partner_experiments(audience=self.audience, now=self.now)
            for experiment in experiments.filter(public_id__in=ids):
                data[("experiment", experiment.public_id)] = ExperimentSerializer(experiment).data
        for kind, resource in CHANGE_OUTPUT.items():
            ids = [c.public_id for c in found if c.type == kind and not c.deleted]
            if not ids:
                continue
            if resource.rows is not None and resource.represent is not None:
                queryset = resource.queryset(self.audience, self.now).filter(public_id__in=ids)
                rows = list(resource.rows(queryset.order_by()))
                for item in resource.represent(
                    rows, index=context["disclosure"], request=self.request
                ):
                    data[(kind, item["id"])] = item
                continue
            items = list(
                resource.queryset(self.audience, self.now).filter(public_id__in=ids).order_by()
            )
            serializer = resource.serializer(items, many=True, context=context)
            for row in serializer.data:
                data[(kind, row["id"])] = row
            # Freed with the response, not at a full collection (see PartnerAPIView.list).
            unbind(serializer)
            release(items)
        return data
