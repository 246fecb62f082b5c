"""The lists' pagination: signed cursors bound to the endpoint and ordering that issued them,
pages ``{results, next_cursor, has_more}``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.response import Response

from partners import api_docs, cursors, params

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from rest_framework.request import Request
    from rest_framework.views import APIView

BAD_CURSOR = "Not a cursor this API issued; send the next_cursor of a page as given."


class PublicCursorPagination(CursorPagination):
    """Cursor pagination whose ordering and page size the view has already checked; a bad
    cursor is a 400, not a 404. Pages are ``{results, next_cursor, has_more}``, as the
    changes feed's: one loop walks every list and the feed."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = params.MAX_PAGE_SIZE
    ordering = "-changed_at"

    def get_page_size(self, request: Request) -> int:
        return params.page_size(request.query_params, self.page_size)

    def get_ordering(
        self, request: Request, queryset: QuerySet[Any], view: APIView
    ) -> tuple[str, ...]:
        ordering: tuple[str, ...] = view.ordering_for(request)  # type: ignore[attr-defined]  # a PartnerAPIView
        # A cursor holds a position in one ordering of one endpoint: bind it to both.
        self.cursor_scope = f"{type(view).__name__}:{','.join(ordering)}"
        return ordering

    def encode_cursor(self, cursor: Cursor) -> str:
        # The bare token, not a URL: partners pass it back as ?cursor= with the same query.
        return cursors.sign(
            [cursor.offset, bool(cursor.reverse), cursor.position], scope=self.cursor_scope
        )

    def decode_cursor(self, request: Request) -> Cursor | None:
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
        # DRF's positions are the ordering field's value as a string; the stub says int.
        return Cursor(offset=offset, reverse=reverse, position=position)  # type: ignore[arg-type]

    def get_paginated_response(self, data: Any) -> Response:
        next_cursor = self.get_next_link() if self.has_next else None
        return Response(
            {"results": data, "next_cursor": next_cursor, "has_more": next_cursor is not None}
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
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

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        return [
            api_docs.CURSOR_PARAMETER,
            api_docs.page_size_parameter(self.max_page_size, self.page_size),
        ]
