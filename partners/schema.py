"""OpenAPI post-processing: errors are ``application/problem+json``, every response names
the headers it carries (``X-Request-ID`` always; ``ETag``/``Last-Modified`` on reads and
304s; ``Allow``, ``WWW-Authenticate``, ``Retry-After`` with the errors that send them;
``RateLimit-*`` on counted answers), sparse representations require only their id, request
bodies take no unknown fields, and lists link to their items and next pages."""

from __future__ import annotations

from core.problems import PROBLEM_CONTENT_TYPE, REQUEST_ID_HEADER
from partners.serializers import MAX_BATCH

HEADERS = {
    REQUEST_ID_HEADER: {
        "required": True,
        "description": "This request's id: quote it when reporting a problem.",
        "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
    },
}
VALIDATORS = {
    "ETag": {
        "required": True,
        "description": "A hash of the body: send it back as If-None-Match.",
        "schema": {"type": "string", "pattern": '^"[0-9a-f]{40}"$'},
    },
    "Last-Modified": {
        "required": True,
        "description": "When this exact representation was first served since it last "
        "changed: send it back as If-Modified-Since.",
        "schema": {"type": "string"},
    },
}
STATUS_HEADERS = {
    "401": {
        "WWW-Authenticate": {
            "description": "Api-Key: how to authenticate.",
            "schema": {"type": "string"},
        }
    },
    "405": {
        "Allow": {
            "required": True,
            "description": "The methods this path takes.",
            "schema": {"type": "string"},
        }
    },
    "429": {
        "Retry-After": {
            "required": True,
            "description": "Seconds to wait before the next request.",
            "schema": {"type": "integer", "minimum": 0},
        }
    },
    "503": {
        "Retry-After": {
            "description": "Seconds to wait before retrying.",
            "schema": {"type": "integer", "minimum": 0},
        }
    },
}
# Request bodies whose unknown fields are refused.
CLOSED_BODIES = ("MetricReport", "MetricBatch")
# List bodies the serializers bound (allow_empty=False, max_length), which drf-spectacular
# does not carry over for a nested many=True serializer: (component, property) -> bounds.
LIST_BOUNDS = {("MetricBatch", "reports"): {"minItems": 1, "maxItems": MAX_BATCH}}
# Representations cut down by ?fields=: only the id is sure to come.
SPARSE = ("Reason", "Narrative", "Excerpt", "Campaign", "Message")
SPARSE_DESCRIPTION = (
    "Every property listed here comes, unless ?fields= names the ones wanted: then only those "
    "and the id."
)
RATE_LIMIT_HEADERS = {
    "RateLimit-Limit": "Requests allowed per window for this key.",
    "RateLimit-Remaining": "Requests left in this window.",
    "RateLimit-Reset": "Seconds until the window ends.",
}
# List -> its item, by the id of the first result (the stateful tests walk these).
ITEM_LINKS = {
    "reasons_list": ("reasons_retrieve", "code"),
    "narratives_list": ("narratives_retrieve", "public_id"),
    "excerpts_list": ("excerpts_retrieve", "public_id"),
    "campaigns_list": ("campaigns_retrieve", "public_id"),
    "messages_list": ("messages_retrieve", "public_id"),
}
PAGED = (*ITEM_LINKS, "changes_retrieve")


def _links(operation_id: str) -> dict:
    links = {}
    if operation_id in ITEM_LINKS:
        target, parameter = ITEM_LINKS[operation_id]
        links["FirstItem"] = {
            "operationId": target,
            "parameters": {parameter: "$response.body#/results/0/id"},
            "description": "The first item of the page, by its id.",
        }
    if operation_id == "messages_list":
        links["MessageCampaign"] = {
            "operationId": "campaigns_retrieve",
            "parameters": {"public_id": "$response.body#/results/0/campaign"},
            "description": "The campaign of the page's first message.",
        }
    if operation_id in PAGED:
        links["NextPage"] = {
            "operationId": operation_id,
            "parameters": {"cursor": "$response.body#/next_cursor"},
            "description": "The next page (or, for the feed, the next poll).",
        }
    return links


def problem_responses(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOKS entry."""
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for status, response in operation["responses"].items():
                headers = response.setdefault("headers", {})
                headers.update(HEADERS)
                headers.update(STATUS_HEADERS.get(status, {}))
                if method == "get" and status in ("200", "304"):
                    headers.update(VALIDATORS)
                if status.startswith("2") or status == "429":
                    for name, description in RATE_LIMIT_HEADERS.items():
                        headers[name] = {
                            "description": description,
                            "schema": {"type": "integer", "minimum": 0},
                        }
                content = response.get("content")
                if status.isdigit() and int(status) >= 400 and content:
                    schema = next(iter(content.values()))
                    response["content"] = {PROBLEM_CONTENT_TYPE: schema}
                if status == "304":
                    response.pop("content", None)
                if status == "200":
                    links = _links(operation.get("operationId", ""))
                    if links:
                        response["links"] = links
    components = result.get("components", {}).get("schemas", {})
    for name in CLOSED_BODIES:
        if name in components:
            components[name]["additionalProperties"] = False
    for (name, prop), bounds in LIST_BOUNDS.items():
        if prop in components.get(name, {}).get("properties", {}):
            components[name]["properties"][prop].update(bounds)
    for name in SPARSE:
        if name in components:
            components[name]["required"] = ["id"]
            components[name]["description"] = SPARSE_DESCRIPTION
    return result
