"""The behaviour every endpoint of the partner API shares: key or staff session, scope,
per-key throttle, checked query parameters, sparse fields, ETag and Last-Modified."""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from django.contrib.messages.storage.base import BaseStorage
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import LazyObject, empty
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import BasePagination
from rest_framework.response import Response

from core.graphs import release
from core.outages import already_logged
from narratives.selectors import disclosure_index
from partners import params, selectors
from partners.api.pagination import PublicCursorPagination
from partners.authentication import ApiKeyAuthentication, PartnerClient
from partners.conditional import UNREAD, conditional
from partners.errors import api_exception_handler
from partners.parsers import BoundedJSONParser
from partners.permissions import HasScope
from partners.throttling import ApiKeyRateThrottle

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.db.models import QuerySet
    from django.http.response import HttpResponseBase
    from rest_framework.request import Request
    from rest_framework.serializers import BaseSerializer, Serializer

DEFAULT_ORDERING = ("-changed_at", "changed_at")


class PartnerAPIView(GenericAPIView[Any]):
    """Shared behaviour: key or staff session, scope, per-key throttle, checked query
    parameters, sparse fields, ETag and Last-Modified."""

    authentication_classes = [ApiKeyAuthentication, SessionAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [ApiKeyRateThrottle]
    parser_classes = [BoundedJSONParser]
    pagination_class: type[BasePagination] | None = PublicCursorPagination
    required_scopes: dict[str, str] = {}
    filters: tuple[str, ...] = ()
    ordering_fields: tuple[str, ...] = DEFAULT_ORDERING
    language_field = "language__in"
    id_prefix = ""
    key_field = "public_id"
    key_pattern: re.Pattern[str] | None = None  # None: a public id with ``id_prefix``
    sparse_fields = True  # False: answers always carry every field (no ``fields=``)
    # Flat output (see partners.api.factory.Resource): rows in, items out, no serializer.
    rows: Callable[[QuerySet[Any]], QuerySet[Any]] | None = None
    represent: Callable[..., list[dict[str, Any]]] | None = None
    wanted_fields: set[str] | None

    # --- who is asking

    @property
    def audience(self) -> selectors.Audience:
        # Read several times a request (queryset, filters, ETag variant): made once.
        audience = self.__dict__.get("_audience")
        if audience is None:
            if isinstance(self.request.user, PartnerClient):
                audience = selectors.Audience.for_key(self.request.auth)
            else:
                audience = selectors.Audience.staff()
            self._audience = audience
        return audience

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

    def check_params(self, request: Request) -> None:
        params.check_known(request.query_params, self.allowed_params())
        if not self.sparse_fields:
            self.wanted_fields = None
            return
        names = field_names(self.get_serializer_class())
        self.wanted_fields = params.fields(request.query_params, names)

    def ordering_for(self, request: Request) -> tuple[str, ...]:
        ordering = params.choice(
            request.query_params, "ordering", self.ordering_fields, self.ordering_fields[0]
        )
        tie = "-pk" if ordering.startswith("-") else "pk"
        return (ordering, tie)

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
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

    def filter_reasons(self, queryset: QuerySet[Any], reason_ids: list[int]) -> QuerySet[Any]:
        raise NotImplementedError

    # --- output

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["fields"] = getattr(self, "wanted_fields", None)
        context["disclosure"] = disclosure_index()
        return context

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        params.check_uri_length(request)
        super().initial(request, *args, **kwargs)
        # A method the endpoint does not serve is a 405 whatever the query says.
        method = (request.method or "").lower()
        if method != "options" and hasattr(self, method):
            self.check_params(request)

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Before DRF sets request.user over the middleware's lazy one (see _let_go_of_request).
        lazies = [value for value in vars(request).values() if isinstance(value, LazyObject)]
        response = super().dispatch(request, *args, **kwargs)
        patch_vary_headers(response, ("Authorization", "Cookie"))
        if response.status_code == 200 and request.method in ("GET", "HEAD"):
            state = getattr(self, "etag_state", UNREAD)  # read by the rate limit, if it ran
            response = conditional(
                request, response, variant=self.etag_variant(request), state=state
            )
        if getattr(self, "rate_limit_unavailable", False):
            already_logged(cast(HttpResponse, response))
        rate_limit = getattr(self, "rate_limit", None)
        if rate_limit is not None:
            for header, value in rate_limit.headers().items():
                response[header] = value
        self._let_go(response)
        # Django's private list of what HttpResponse.close() calls: the server closes the
        # response once it is sent, after every middleware is done with the request.
        closers = response._resource_closers  # type: ignore[attr-defined]
        closers.append(partial(_let_go_of_request, request, lazies))
        return response

    def _let_go(self, response: HttpResponseBase) -> None:
        """Cut the reference cycles DRF leaves between this view, its request and its response
        (``view.response``, ``request.parser_context``, ``response.renderer_context``), so they
        and all that hangs off them are freed with the response, not at a full collection.

        The view is spent once it has answered; the response is rendered here (it would be
        right after, by Django's handler) since rendering needs that context."""
        render = getattr(response, "render", None)
        if callable(render) and not getattr(response, "is_rendered", True):
            render()
        if isinstance(response, Response):
            response.renderer_context = {}  # type: ignore[attr-defined]  # set by DRF
        drf_request = self.__dict__.get("request")
        parser_context = getattr(drf_request, "parser_context", None)
        if isinstance(parser_context, dict):
            parser_context.pop("request", None)
            parser_context.pop("view", None)
        vars(self).clear()

    def get_exception_handler(self) -> Callable[..., Response | None]:
        return api_exception_handler

    def etag_variant(self, request: Any) -> str:
        """What one representation is: this URL as this caller sees it (ETag state key)."""
        return "|".join(
            (request.get_full_path(), self.audience.cache_key() if self._authed() else "")
        )

    def _authed(self) -> bool:
        return getattr(self.request, "user", None) is not None

    # --- list and detail

    def represented(self, rows: Any) -> list[dict[str, Any]]:
        """The items of ``rows`` as the flat builder makes them (``represent``)."""
        if self.represent is None:
            raise NotImplementedError
        return self.represent(
            list(rows),
            index=disclosure_index(),
            request=self.request,
            fields=getattr(self, "wanted_fields", None),
        )

    def list(self, request: Request) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        if self.rows is not None and self.represent is not None:
            # Plain rows and plain data: nothing left for the collector (partners.flat).
            page = self.paginate_queryset(self.rows(queryset))
            return self.get_paginated_response(self.represented(page or ()))
        # Prefetch for the page only, not for the row past it the paginator reads to know
        # whether more follow (whose prefetched graph would be left to the collector).
        lookups = queryset._prefetch_related_lookups  # type: ignore[attr-defined]
        page = self.paginate_queryset(queryset.prefetch_related(None))
        if page is not None:
            prefetch_related_objects(page, *lookups)
        serializer = self.get_serializer(page, many=True)
        response = self.get_paginated_response(serializer.data)
        # Read to the end (the next cursor too): free the page now, not at a full collection.
        unbind(serializer)
        release(page or ())
        return response

    def detail_row(self, key: str) -> dict[str, Any] | None:
        """The flat row of the item ``key`` (``rows`` set), None if there is none to show."""
        assert self.rows is not None  # noqa: S101  # nosec B101 - only called with rows set
        return self.rows(self.get_queryset().filter(**{self.key_field: key})).first()

    def retrieve(self, request: Request, key: str) -> Response:
        """One item by its key (``key_field``, in the URL under the same name)."""
        pattern = self.key_pattern or params.PUBLIC_ID_RE[self.id_prefix]
        if not pattern.match(key):
            raise NotFound()
        if self.rows is not None and self.represent is not None:
            row = self.detail_row(key)
            if row is None:
                raise NotFound()
            return Response(self.represented([row])[0])
        item = self.get_queryset().filter(**{self.key_field: key}).first()
        if item is None:
            raise NotFound()
        serializer = self.get_serializer(item)
        data = serializer.data
        unbind(serializer)
        release([item])
        return Response(data)


_field_names: dict[type, tuple[str, ...]] = {}


def field_names(serializer_class: type[BaseSerializer[Any]]) -> tuple[str, ...]:
    """The fields a serializer class shows (what ``?fields=`` may name), read once per class:
    building a serializer deep-copies its declared fields, on every request otherwise."""
    names = _field_names.get(serializer_class)
    if names is None:
        serializer = cast("Serializer[Any]", serializer_class())
        names = _field_names[serializer_class] = tuple(serializer.fields)
        unbind(serializer)
    return names


def _let_go_of_request(request: HttpRequest, lazies: list[LazyObject]) -> None:
    """Cut the cycles middleware leaves on a finished request: lazy values closing over it
    (``request.user``, the CSP nonce) and partials bound to it (``request.auser``), the user
    they resolved to (django-otp gives it an ``is_verified`` bound to the lazy user) and the
    messages storage. ``lazies``: the lazy values the request held before the view ran."""
    for name, value in list(vars(request).items()):
        if isinstance(value, LazyObject):
            lazies.append(value)
        if name == "_cached_user" or isinstance(value, (LazyObject, partial, BaseStorage)):
            delattr(request, name)
    while lazies:
        lazy = lazies.pop()
        wrapped = vars(lazy).get("_wrapped")
        if isinstance(wrapped, LazyObject):  # django-otp's wraps the auth middleware's
            lazies.append(wrapped)
        vars(lazy)["_wrapped"] = empty


def unbind(serializer: BaseSerializer[Any]) -> None:
    """Cut the cycles a used serializer is in: its fields (and a list's child) point back at
    it as their ``parent``, its ``data`` (a ReturnDict or ReturnList) at it as its
    ``serializer``. The data stays as it is; the serializer is not to be used again."""
    stack = [serializer]
    while stack:
        current = stack.pop()
        attributes = vars(current)
        attributes.pop("parent", None)
        attributes.pop("_data", None)
        fields = attributes.pop("fields", None)
        if fields is not None:
            stack.extend(fields.values())
        child = attributes.pop("child", None)
        if child is not None:
            stack.append(child)


class NoParamsAPIView(PartnerAPIView):
    """An endpoint that takes no query parameters and answers with every field."""

    sparse_fields = False

    def allowed_params(self) -> set[str]:
        return set()
