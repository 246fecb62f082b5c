"""The OpenAPI parameters the partner API's endpoints share: typed ``fields``, cursors and page
sizes."""

from __future__ import annotations

from typing import Any, cast

from drf_spectacular.utils import OpenApiParameter
from rest_framework.serializers import BaseSerializer, Serializer

# --- Parameters -----------------------------------------------------------------------------

CURSOR_DESCRIPTION = (
    "The next_cursor of the page before, as given, with the same other parameters. Cursors are "
    "signed and bound to the endpoint and ordering that issued them; any other value is a 400."
)
# "cursor" is this API's own format: a token it signed (JSON Schema cannot say which).
CURSOR_SCHEMA = {"type": "string", "format": "cursor"}
CURSOR_PARAMETER = {
    "name": "cursor",
    "required": False,
    "in": "query",
    "description": CURSOR_DESCRIPTION,
    "schema": CURSOR_SCHEMA,
}
FEED_CURSOR_PARAMETER = OpenApiParameter(
    "cursor",
    CURSOR_SCHEMA,
    description="The next_cursor of an earlier page, as given: continue exactly after it. "
    "Signed by the feed; any other value is a 400.",
)


def page_size_schema(maximum: int) -> dict[str, Any]:
    return {"type": "integer", "minimum": 1, "maximum": maximum}


def page_size_parameter(maximum: int, default: int) -> dict[str, Any]:
    """As a paginator gives it (a plain dict)."""
    return {
        "name": "page_size",
        "required": False,
        "in": "query",
        "description": f"Items per page (default {default}); ASCII digits only.",
        "schema": page_size_schema(maximum),
    }


def comma_separated(
    name: str, items: dict[str, Any], description: str, *, max_items: int | None = None
) -> OpenApiParameter:
    """``?name=a,b``: an array of ``items`` (at least one), comma-separated."""
    schema: dict[str, Any] = {"type": "array", "items": items, "minItems": 1}
    if max_items is not None:
        schema["maxItems"] = max_items
    return OpenApiParameter(name, schema, style="form", explode=False, description=description)


def fields_parameter(serializer_class: type[BaseSerializer[Any]]) -> OpenApiParameter:
    """``?fields=a,b``: an array of this serializer's field names, comma-separated."""
    names = list(cast("Serializer[Any]", serializer_class()).fields)
    return comma_separated(
        "fields",
        {"type": "string", "enum": names},
        "Only these fields (comma-separated); the id always comes. Without it, every field comes.",
    )
