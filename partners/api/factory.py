"""One factory for the resources of the partner API: given what a resource is (its
serializer, scope, queryset, filters, orderings and documentation), it makes the list view
(``GET /<resource>/``) and the detail view (``GET /<resource>/<key>/``), with their OpenAPI
descriptions. Every resource is then a few declarative lines (``partners.api.resources``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema

from core.graphs import release
from partners import api_docs, compiled, params, selectors
from partners.api.base import DEFAULT_ORDERING, PartnerAPIView
from partners.api_docs import comma_separated

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from rest_framework.request import Request
    from rest_framework.response import Response
    from rest_framework.serializers import BaseSerializer

DETAIL_DESCRIPTION = "One item, by its id."


@dataclass(frozen=True)
class Resource:
    """What one resource of the API is; :func:`resource_views` makes its two views.

    ``name`` is the resource's singular name (``"message"``): the views are
    ``<Name>List`` and ``<Name>Detail`` (a list's cursors are bound to its view's name) and
    their examples ``api_docs.EXAMPLES["<name>-list"]`` and ``["<name>-detail"]``.
    ``queryset`` is what the caller (an audience, at a time) may see, as the changes feed
    also serves it; ``detail_queryset``, if given, is where the detail view looks an item
    up instead. ``servable`` keeps, of the item found by id, only
    what may be served now (the vault check).
    """

    name: str
    serializer: type[BaseSerializer[Any]]
    scope: str
    queryset: Callable[[selectors.Audience, dt.datetime], QuerySet[Any]]
    description: str
    filters: tuple[str, ...] = ()
    ordering: tuple[str, ...] = DEFAULT_ORDERING
    language_field: str = "language__in"
    with_reasons: Callable[[QuerySet[Any], list[int]], QuerySet[Any]] | None = None
    # The list's queryset narrowed, for the planner, to read a page in an ordering on its index.
    in_order: Callable[[QuerySet[Any], str], QuerySet[Any]] | None = None
    id_prefix: str = ""
    key_field: str = "public_id"
    key_pattern: re.Pattern[str] | None = None
    detail_queryset: Callable[[selectors.Audience, dt.datetime], QuerySet[Any]] | None = None
    servable: Callable[[Iterable[Any]], list[Any]] | None = None
    detail_description: str = DETAIL_DESCRIPTION
    # Flat output (partners.flat): ``rows`` turns the queryset into ``values()`` rows, and
    # ``represent(rows, index=, request=, fields=)`` builds the items from them, exactly as
    # ``serializer`` would (which stays the schema's source). None: the serializer builds them.
    rows: Callable[[QuerySet[Any]], QuerySet[Any]] | None = None
    represent: Callable[..., list[dict[str, Any]]] | None = None


REASON_FILTER = (
    "Reason codes, comma-separated (GET /api/v1/reasons/ lists them); a top-level code "
    "includes its sub-reasons."
)
REASON_CODE = {"type": "string", "pattern": "^[-a-zA-Z0-9_]{1,64}$"}
LANGUAGE = {"type": "string", "enum": sorted(params.LANGUAGES)}
CAMPAIGN_ID = {"type": "string", "pattern": "^cmp_[a-z2-7]{24}$"}


def _filter_parameters(filters: tuple[str, ...]) -> list[OpenApiParameter]:
    parameters = []
    if "reason" in filters:
        parameters.append(comma_separated("reason", REASON_CODE, REASON_FILTER, max_items=50))
    if "language" in filters:
        parameters.append(
            comma_separated("language", LANGUAGE, "Content languages, comma-separated.")
        )
    if "campaign" in filters:
        parameters.append(
            comma_separated("campaign", CAMPAIGN_ID, "Campaign ids, comma-separated.", max_items=50)
        )
    if "updated_since" in filters:
        parameters.append(
            OpenApiParameter(
                "updated_since",
                OpenApiTypes.DATETIME,
                description="Only items changed at or after this time (ISO 8601).",
            )
        )
    return parameters


def list_schema(resource: Resource) -> Callable[[Any], Any]:
    """The OpenAPI description of a resource's list."""
    parameters = [
        api_docs.fields_parameter(resource.serializer),
        *_filter_parameters(resource.filters),
    ]
    if resource.ordering:
        parameters.append(
            OpenApiParameter("ordering", OpenApiTypes.STR, enum=list(resource.ordering))
        )
    return extend_schema(
        parameters=parameters,
        responses={200: resource.serializer(many=True), **api_docs.READ_ERRORS},
        examples=api_docs.EXAMPLES[f"{resource.name}-list"],
        description=resource.description,
    )


def detail_schema(resource: Resource) -> Callable[[Any], Any]:
    """The OpenAPI description of a resource's detail."""
    return extend_schema(
        parameters=[api_docs.fields_parameter(resource.serializer)],
        responses={200: resource.serializer, **api_docs.DETAIL_ERRORS},
        examples=api_docs.EXAMPLES[f"{resource.name}-detail"],
        description=resource.detail_description,
    )


def resource_views(
    resource: Resource,
) -> tuple[type[PartnerAPIView], type[PartnerAPIView]]:
    """The list view and the detail view of ``resource``."""

    class ResourceView(PartnerAPIView):
        serializer_class = resource.serializer
        required_scopes = {"GET": resource.scope}
        filters = resource.filters
        ordering_fields = resource.ordering
        language_field = resource.language_field
        id_prefix = resource.id_prefix
        key_field = resource.key_field
        key_pattern = resource.key_pattern
        rows = staticmethod(resource.rows) if resource.rows else None
        represent = staticmethod(resource.represent) if resource.represent else None

        def get_queryset(self) -> QuerySet[Any]:
            return resource.queryset(self.audience, self.now)

        def filter_reasons(self, queryset: QuerySet[Any], reason_ids: list[int]) -> QuerySet[Any]:
            if resource.with_reasons is None:
                raise NotImplementedError
            return resource.with_reasons(queryset, reason_ids)

    class ListView(ResourceView):
        def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
            queryset = super().filter_queryset(queryset)
            if resource.in_order is None:
                return queryset
            return resource.in_order(queryset, self.ordering_for(self.request)[0])

        @list_schema(resource)
        def get(self, request: Request) -> Response:
            return self.list(request)

    class DetailView(ResourceView):
        detail = True

        @detail_schema(resource)
        def get(self, request: Request, **kwargs: str) -> Response:
            return self.retrieve(request, kwargs[resource.key_field])

        def detail_row(self, key: str) -> dict[str, Any] | None:
            audience, rows = self.audience, self.rows
            # Compiled once (partners.compiled) when the SQL depends on nothing but now, the
            # key and the audience's own restrictions: not with a region restriction (its
            # campaigns are read from the database while the queryset is built).
            if (
                rows is None
                or resource.detail_queryset is not None
                or resource.servable is not None
                or audience.regions is not None
            ):
                return super().detail_row(key)

            def build(now: dt.datetime, value: str) -> QuerySet[Any]:
                return rows(resource.queryset(audience, now).filter(**{resource.key_field: value}))[
                    :1
                ]

            found = compiled.rows(
                (resource.name, "detail", audience.cache_key()), build, self.now, key
            )
            return found[0] if found else None

        def get_queryset(self) -> QuerySet[Any]:
            if resource.detail_queryset is not None:
                return resource.detail_queryset(self.audience, self.now)
            queryset = super().get_queryset()
            if resource.servable is None:
                return queryset
            key = self.kwargs.get(resource.key_field)
            found = list(queryset.filter(**{resource.key_field: key}))
            servable = [item.pk for item in resource.servable(found)]
            release(found)
            return queryset.filter(pk__in=servable)

    title = resource.name.capitalize()
    for view, kind in ((ListView, "List"), (DetailView, "Detail")):
        view.__name__ = view.__qualname__ = f"{title}{kind}"
    return ListView, DetailView
