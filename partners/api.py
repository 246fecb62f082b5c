"""The partner REST API, ``/api/v1/``. The API only translates: check the query, call a
selector or a service, serialize."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.response import Response

from core.outages import already_logged
from narratives.selectors import disclosure_index, servable_excerpts, servable_narratives
from partners import api_docs, cursors, params, selectors
from partners.authentication import ApiKeyAuthentication, PartnerClient
from partners.conditional import conditional
from partners.errors import api_exception_handler
from partners.parsers import BoundedJSONParser
from partners.permissions import HasScope
from partners.scopes import (
    READ_CAMPAIGNS,
    READ_EXCERPTS,
    READ_MESSAGES,
    READ_NARRATIVES,
    READ_REASONS,
)
from partners.serializers import (
    CampaignSerializer,
    ChangesPageSerializer,
    ExcerptSerializer,
    MessageSerializer,
    NarrativeSerializer,
    ReasonSerializer,
)
from partners.throttling import ApiKeyRateThrottle

BAD_FEED_CURSOR = "Not a cursor this feed issued; send the next_cursor of a page as given."
BAD_CURSOR = "Not a cursor this API issued; send the next_cursor of a page as given."


class PublicCursorPagination(CursorPagination):
    """Cursor pagination whose ordering and page size the view has already checked; a bad
    cursor is a 400, not a 404. Pages are ``{results, next_cursor, has_more}``, as the
    changes feed's: one loop walks every list and the feed."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = params.MAX_PAGE_SIZE
    ordering = "-changed_at"

    def get_page_size(self, request):
        return params.page_size(request.query_params, self.page_size)

    def get_ordering(self, request, queryset, view):
        ordering = view.ordering_for(request)
        # A cursor holds a position in one ordering of one endpoint: bind it to both.
        self.cursor_scope = f"{type(view).__name__}:{','.join(ordering)}"
        return ordering

    def encode_cursor(self, cursor):
        # The bare token, not a URL: partners pass it back as ?cursor= with the same query.
        return cursors.sign(
            [cursor.offset, bool(cursor.reverse), cursor.position], scope=self.cursor_scope
        )

    def decode_cursor(self, request):
        encoded = params.single(request.query_params, self.cursor_query_param)
        if encoded is None:
            return None
        try:
            offset, reverse, position = cursors.unsign(encoded, scope=self.cursor_scope)
        except (cursors.BadCursor, ValueError, TypeError):
            raise params.InvalidParameter({"cursor": [BAD_CURSOR]}) from None
        if (
            not isinstance(offset, int)
            or isinstance(offset, bool)
            or not 0 <= offset <= self.offset_cutoff
            or not isinstance(reverse, bool)
            or not (position is None or isinstance(position, str))
        ):
            raise params.InvalidParameter({"cursor": [BAD_CURSOR]})
        return Cursor(offset=offset, reverse=reverse, position=position)

    def get_paginated_response(self, data):
        next_cursor = self.get_next_link() if self.has_next else None
        return Response(
            {"results": data, "next_cursor": next_cursor, "has_more": next_cursor is not None}
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["results", "next_cursor", "has_more"],
            "properties": {
                "results": schema,
                "next_cursor": {
                    "type": "string",
                    "nullable": True,
                    "example": api_docs.LIST_CURSOR,
                    "description": "Pass as ?cursor= (with the same other parameters) for the "
                    "next page; null on the last page.",
                },
                "has_more": {
                    "type": "boolean",
                    "example": True,
                    "description": "Whether a next page exists (next_cursor is not null).",
                },
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            api_docs.CURSOR_PARAMETER,
            api_docs.page_size_parameter(self.max_page_size, self.page_size),
        ]


class PartnerAPIView(GenericAPIView):
    """Shared behaviour: key or staff session, scope, per-key throttle, checked query
    parameters, sparse fields, ETag and Last-Modified."""

    authentication_classes = [ApiKeyAuthentication, SessionAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [ApiKeyRateThrottle]
    parser_classes = [BoundedJSONParser]
    pagination_class = PublicCursorPagination
    required_scopes: dict[str, str] = {}
    filters: tuple[str, ...] = ()
    ordering_fields: tuple[str, ...] = ("-changed_at", "changed_at")
    id_prefix = ""

    # --- who is asking

    @property
    def audience(self) -> selectors.Audience:
        if isinstance(self.request.user, PartnerClient):
            return selectors.Audience.for_key(self.request.auth)
        return selectors.Audience.staff()

    @property
    def now(self) -> dt.datetime:
        if not hasattr(self, "_now"):
            self._now = timezone.now()
        return self._now

    # --- query parameters

    def allowed_params(self) -> set[str]:
        if getattr(self, "detail", False):
            return {"fields"}
        return {"fields", "cursor", "page_size", "ordering", *self.filters}

    def check_params(self, request) -> None:
        params.check_known(request.query_params, self.allowed_params())
        self.wanted_fields = params.fields(
            request.query_params, self.get_serializer_class()().fields
        )

    def ordering_for(self, request) -> tuple[str, ...]:
        ordering = params.choice(
            request.query_params, "ordering", self.ordering_fields, self.ordering_fields[0]
        )
        tie = "-pk" if ordering.startswith("-") else "pk"
        return (ordering, tie)

    def filter_queryset(self, queryset):
        query = self.request.query_params
        if "reason" in self.filters:
            codes = params.reason_codes(query)
            if codes:
                ids, unknown = selectors.reason_ids_for_codes(codes)
                if unknown:
                    raise params.InvalidParameter(
                        {"reason": ["Unknown reason code; GET /api/v1/reasons/ lists them."]}
                    )
                queryset = self.filter_reasons(queryset, ids)
        if "language" in self.filters:
            languages = params.languages(query)
            if languages:
                queryset = queryset.filter(**{self.language_field: languages})
        if "campaign" in self.filters:
            campaigns = params.public_ids(query, "campaign", "cmp")
            if campaigns:
                queryset = queryset.filter(campaign__public_id__in=campaigns)
        if "updated_since" in self.filters:
            since = params.timestamp(query, "updated_since")
            if since is not None:
                queryset = queryset.filter(changed_at__gte=since)
        return queryset

    def filter_reasons(self, queryset, reason_ids):
        raise NotImplementedError

    # --- output

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["fields"] = getattr(self, "wanted_fields", None)
        context["disclosure"] = disclosure_index()
        return context

    def initial(self, request, *args, **kwargs):
        params.check_uri_length(request)
        super().initial(request, *args, **kwargs)
        # A method the endpoint does not serve is a 405 whatever the query says.
        method = request.method.lower()
        if method != "options" and hasattr(self, method):
            self.check_params(request)

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        patch_vary_headers(response, ("Authorization", "Cookie"))
        if response.status_code == 200 and request.method in ("GET", "HEAD"):
            variant = "|".join(
                (request.get_full_path(), self.audience.cache_key() if self._authed() else "")
            )
            response = conditional(request, response, variant=variant)
        if getattr(self, "rate_limit_unavailable", False):
            already_logged(response)
        rate_limit = getattr(self, "rate_limit", None)
        if rate_limit is not None:
            for header, value in rate_limit.headers().items():
                response[header] = value
        return response

    def get_exception_handler(self):
        return api_exception_handler

    def _authed(self) -> bool:
        return getattr(self.request, "user", None) is not None

    # --- list and detail

    def list(self, request):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request, public_id: str):
        if not params.PUBLIC_ID_RE[self.id_prefix].match(public_id):
            raise NotFound()
        item = self.get_queryset().filter(public_id=public_id).first()
        if item is None:
            raise NotFound()
        return Response(self.get_serializer(item).data)


def _list_schema(serializer, *, name, filters=(), ordering=(), description=""):
    parameters = [api_docs.fields_parameter(serializer)]
    if "reason" in filters:
        parameters.append(
            OpenApiParameter(
                "reason",
                {
                    "type": "array",
                    "items": {"type": "string", "pattern": "^[-a-zA-Z0-9_]{1,64}$"},
                    "minItems": 1,
                    "maxItems": 50,
                },
                style="form",
                explode=False,
                description="Reason codes, comma-separated (GET /api/v1/reasons/ lists them); "
                "a top-level code includes its sub-reasons.",
            )
        )
    if "language" in filters:
        parameters.append(
            OpenApiParameter(
                "language",
                {
                    "type": "array",
                    "items": {"type": "string", "enum": sorted(params.LANGUAGES)},
                    "minItems": 1,
                },
                style="form",
                explode=False,
                description="Content languages, comma-separated.",
            )
        )
    if "campaign" in filters:
        parameters.append(
            OpenApiParameter(
                "campaign",
                {
                    "type": "array",
                    "items": {"type": "string", "pattern": "^cmp_[a-z2-7]{24}$"},
                    "minItems": 1,
                    "maxItems": 50,
                },
                style="form",
                explode=False,
                description="Campaign ids, comma-separated.",
            )
        )
    if "updated_since" in filters:
        parameters.append(
            OpenApiParameter(
                "updated_since",
                OpenApiTypes.DATETIME,
                description="Only items changed at or after this time (ISO 8601).",
            )
        )
    if ordering:
        parameters.append(OpenApiParameter("ordering", OpenApiTypes.STR, enum=list(ordering)))
    return extend_schema(
        parameters=parameters,
        responses={200: serializer(many=True), **api_docs.READ_ERRORS},
        examples=api_docs.EXAMPLES[name],
        description=description,
    )


def _detail_schema(serializer, *, name, description="One item, by its id."):
    return extend_schema(
        parameters=[api_docs.fields_parameter(serializer)],
        responses={200: serializer, **api_docs.DETAIL_ERRORS},
        examples=api_docs.EXAMPLES[name],
        description=description,
    )


# --- Reasons --------------------------------------------------------------------------------


class ReasonViewMixin:
    serializer_class = ReasonSerializer
    required_scopes = {"GET": READ_REASONS}
    ordering_fields = ("position", "code", "-code")

    def get_queryset(self):
        return selectors.reasons()


class ReasonList(ReasonViewMixin, PartnerAPIView):
    @_list_schema(
        ReasonSerializer,
        name="reason-list",
        ordering=ReasonViewMixin.ordering_fields,
        description="Reasons for leaving, each with its sub-reasons.",
    )
    def get(self, request):
        return self.list(request)


class ReasonDetail(ReasonViewMixin, PartnerAPIView):
    detail = True

    @_detail_schema(ReasonSerializer, name="reason-detail")
    def get(self, request, code: str):
        if not params.REASON_CODE_RE.match(code):
            raise NotFound()
        reason = (
            selectors.reasons().model.objects.filter(code=code).prefetch_related("children").first()
        )
        if reason is None:
            raise NotFound()
        return Response(self.get_serializer(reason).data)


# --- Narratives -----------------------------------------------------------------------------


class NarrativeViewMixin:
    serializer_class = NarrativeSerializer
    required_scopes = {"GET": READ_NARRATIVES}
    filters = ("reason", "language", "updated_since")
    ordering_fields = ("-changed_at", "changed_at", "title", "-title")
    language_field = "language__in"
    id_prefix = "nar"

    def get_queryset(self):
        return selectors.approved_narratives(audience=self.audience)

    def filter_reasons(self, queryset, reason_ids):
        return selectors.narratives_with_reasons(queryset, reason_ids)


class NarrativeList(NarrativeViewMixin, PartnerAPIView):
    @_list_schema(
        NarrativeSerializer,
        name="narrative-list",
        filters=NarrativeViewMixin.filters,
        ordering=NarrativeViewMixin.ordering_fields,
        description="Approved narratives: anonymized text, disclosure-controlled attributes, "
        "reasons.",
    )
    def get(self, request):
        return self.list(request)


class NarrativeDetail(NarrativeViewMixin, PartnerAPIView):
    detail = True

    @_detail_schema(NarrativeSerializer, name="narrative-detail")
    def get(self, request, public_id: str):
        return self.retrieve(request, public_id)

    def get_queryset(self):
        # A narrative whose title or text now matches the vault is not there for partners.
        queryset = super().get_queryset()
        public_id = self.kwargs.get("public_id")
        servable = servable_narratives(queryset.filter(public_id=public_id))
        return queryset.filter(pk__in=[n.pk for n in servable])


# --- Excerpts -------------------------------------------------------------------------------


class ExcerptViewMixin:
    serializer_class = ExcerptSerializer
    required_scopes = {"GET": READ_EXCERPTS}
    filters = ("reason", "language", "updated_since")
    language_field = "narrative__language__in"
    id_prefix = "exc"

    def get_queryset(self):
        return selectors.reusable_excerpts(audience=self.audience)

    def filter_reasons(self, queryset, reason_ids):
        return selectors.excerpts_with_reasons(queryset, reason_ids)


class ExcerptList(ExcerptViewMixin, PartnerAPIView):
    @_list_schema(
        ExcerptSerializer,
        name="excerpt-list",
        filters=ExcerptViewMixin.filters,
        ordering=PartnerAPIView.ordering_fields,
        description="Excerpts approved for reuse, with translations and attribution lines.",
    )
    def get(self, request):
        return self.list(request)


class ExcerptDetail(ExcerptViewMixin, PartnerAPIView):
    detail = True

    @_detail_schema(ExcerptSerializer, name="excerpt-detail")
    def get(self, request, public_id: str):
        return self.retrieve(request, public_id)

    def get_queryset(self):
        # An excerpt whose text now matches the vault is not there for partners.
        queryset = super().get_queryset()
        public_id = self.kwargs.get("public_id")
        servable = servable_excerpts(queryset.filter(public_id=public_id))
        return queryset.filter(pk__in=[e.pk for e in servable])


# --- Campaigns ------------------------------------------------------------------------------


class CampaignViewMixin:
    serializer_class = CampaignSerializer
    required_scopes = {"GET": READ_CAMPAIGNS}
    filters = ("updated_since",)
    ordering_fields = ("-changed_at", "changed_at", "name", "-name")
    id_prefix = "cmp"

    def get_queryset(self):
        return selectors.visible_campaigns(audience=self.audience, now=self.now)


class CampaignList(CampaignViewMixin, PartnerAPIView):
    @_list_schema(
        CampaignSerializer,
        name="campaign-list",
        filters=CampaignViewMixin.filters,
        ordering=CampaignViewMixin.ordering_fields,
        description="Campaigns with at least one message live for you.",
    )
    def get(self, request):
        return self.list(request)


class CampaignDetail(CampaignViewMixin, PartnerAPIView):
    detail = True

    @_detail_schema(CampaignSerializer, name="campaign-detail")
    def get(self, request, public_id: str):
        return self.retrieve(request, public_id)


# --- Messages -------------------------------------------------------------------------------


class MessageViewMixin:
    serializer_class = MessageSerializer
    required_scopes = {"GET": READ_MESSAGES}
    filters = ("reason", "language", "campaign", "updated_since")
    ordering_fields = ("-changed_at", "changed_at", "-publish_at", "publish_at")
    language_field = "language__in"
    id_prefix = "msg"

    def get_queryset(self):
        return selectors.live_messages(audience=self.audience, now=self.now)

    def filter_reasons(self, queryset, reason_ids):
        return selectors.messages_with_reasons(queryset, reason_ids)


class MessageList(MessageViewMixin, PartnerAPIView):
    @_list_schema(
        MessageSerializer,
        name="message-list",
        filters=MessageViewMixin.filters,
        ordering=MessageViewMixin.ordering_fields,
        description="Messages live now, with their ready renditions.",
    )
    def get(self, request):
        return self.list(request)


class MessageDetail(MessageViewMixin, PartnerAPIView):
    detail = True

    @_detail_schema(MessageSerializer, name="message-detail")
    def get(self, request, public_id: str):
        return self.retrieve(request, public_id)


# --- Changes --------------------------------------------------------------------------------

CHANGES_PAGE_SIZE = 100
CHANGES_MAX_PAGE_SIZE = 500
CHANGE_OUTPUT = {
    "message": (
        MessageSerializer,
        lambda audience, now: selectors.live_messages(audience=audience, now=now),
    ),
    "narrative": (
        NarrativeSerializer,
        lambda audience, now: selectors.approved_narratives(audience=audience),
    ),
    "excerpt": (
        ExcerptSerializer,
        lambda audience, now: selectors.reusable_excerpts(audience=audience),
    ),
}


class ChangeList(PartnerAPIView):
    required_scopes = {"GET": "any:changes"}
    pagination_class = None
    serializer_class = ChangesPageSerializer

    def allowed_params(self) -> set[str]:
        return {"updated_since", "cursor", "type", "page_size"}

    def check_params(self, request) -> None:
        params.check_known(request.query_params, self.allowed_params())
        self.wanted_fields = None

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "updated_since",
                OpenApiTypes.DATETIME,
                description="Changes at or after this time (inclusive: items changed at exactly "
                "this time come again; they are idempotent).",
            ),
            api_docs.FEED_CURSOR_PARAMETER,
            OpenApiParameter(
                "type",
                {
                    "type": "array",
                    "items": {"type": "string", "enum": list(selectors.CHANGE_TYPES)},
                    "minItems": 1,
                },
                style="form",
                explode=False,
                description="Only these kinds of item, comma-separated.",
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
    def get(self, request):
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
        types = params.many(query, "type") or allowed
        bad = sorted(set(types) - set(selectors.CHANGE_TYPES))
        if bad:
            raise params.InvalidParameter(
                {"type": [f"Use some of {', '.join(selectors.CHANGE_TYPES)}."]}
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
        for change in found:
            item = {
                "id": change.public_id,
                "type": change.type,
                "deleted": change.deleted,
                "changed_at": serializers.DateTimeField().to_representation(change.changed_at),
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

    def _data_for(self, found) -> dict[tuple[str, str], dict]:
        """The current representation of every live item on the page, a few queries per type."""
        context = self.get_serializer_context()
        data = {}
        for kind, (serializer, queryset_for) in CHANGE_OUTPUT.items():
            ids = [c.public_id for c in found if c.type == kind and not c.deleted]
            if not ids:
                continue
            items = queryset_for(self.audience, self.now).filter(public_id__in=ids)
            for row in serializer(items, many=True, context=context).data:
                data[(kind, row["id"])] = row
        return data
