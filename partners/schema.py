"""OpenAPI post-processing: errors are ``application/problem+json``, every response names
``X-Request-ID``, counted responses carry ``RateLimit-*``, request bodies take no unknown
fields."""

from __future__ import annotations

from core.problems import PROBLEM_CONTENT_TYPE, REQUEST_ID_HEADER

HEADERS = {
    REQUEST_ID_HEADER: {
        "required": True,
        "description": "This request's id: quote it when reporting a problem.",
        "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
    },
}
# Request bodies whose unknown fields are refused.
CLOSED_BODIES = ("MetricReport", "MetricBatch")
RATE_LIMIT_HEADERS = {
    "RateLimit-Limit": "Requests allowed per window for this key.",
    "RateLimit-Remaining": "Requests left in this window.",
    "RateLimit-Reset": "Seconds until the window ends.",
}


def problem_responses(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOKS entry."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for status, response in operation["responses"].items():
                headers = response.setdefault("headers", {})
                headers.update(HEADERS)
                if status in ("200", "201", "429"):
                    for name, description in RATE_LIMIT_HEADERS.items():
                        headers[name] = {
                            "description": description,
                            "schema": {"type": "integer", "minimum": 0},
                        }
                content = response.get("content")
                if status.isdigit() and int(status) >= 400 and content:
                    schema = next(iter(content.values()))
                    response["content"] = {PROBLEM_CONTENT_TYPE: schema}
    components = result.get("components", {}).get("schemas", {})
    for name in CLOSED_BODIES:
        if name in components:
            components[name]["additionalProperties"] = False
    return result
