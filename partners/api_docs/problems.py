"""Every status an endpoint of the partner API can answer with, as its RFC 9457 problem
with an example."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiResponse

from partners.serializers import ErrorSerializer

# --- Problems -------------------------------------------------------------------------------

REQUEST_ID = "5f0c2a9e8d4b4c7e9a1f3b6d2e8c4a71"


def _problem(
    status: int, code: str, title: str, detail: str, errors: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"urn:problem:{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
        "request_id": REQUEST_ID,
    }
    if errors:
        body["errors"] = errors
    return body


def problem(
    status: int, description: str, *examples: tuple[str, dict[str, Any]]
) -> OpenApiResponse:
    return OpenApiResponse(
        ErrorSerializer,
        description=description,
        examples=[
            OpenApiExample(name, value=value, status_codes=[str(status)], response_only=True)
            for name, value in examples
        ],
    )


def not_json(description: str) -> OpenApiResponse:
    """A 415: the body came in another type than JSON."""
    return problem(
        415,
        description,
        (
            "Form body",
            _problem(
                415,
                "unsupported_media_type",
                "Unsupported media type",
                "Send the body as JSON, with Content-Type: application/json.",
            ),
        ),
    )


BAD_PARAMETER = problem(
    400,
    "A query parameter or value is wrong; errors names each one.",
    (
        "Unknown reason code",
        _problem(
            400,
            "invalid_parameter",
            "Invalid query parameter",
            "reason: Unknown reason code; GET /api/v1/reasons/ lists them.",
            {"reason": ["Unknown reason code; GET /api/v1/reasons/ lists them."]},
        ),
    ),
    (
        "Forged cursor",
        _problem(
            400,
            "invalid_parameter",
            "Invalid query parameter",
            "cursor: Not a cursor this API issued; send the next_cursor of a page as given.",
            {"cursor": ["Not a cursor this API issued; send the next_cursor of a page as given."]},
        ),
    ),
)
UNAUTHENTICATED = problem(
    401,
    "No API key, or one that is unknown, revoked or expired (WWW-Authenticate: Api-Key).",
    (
        "No key",
        _problem(
            401,
            "unauthenticated",
            "Authentication required",
            "Authentication credentials were not provided.",
        ),
    ),
)
FORBIDDEN = problem(
    403,
    "The key lacks the scope this endpoint needs.",
    (
        "Missing scope",
        _problem(403, "forbidden", "Forbidden", "This API key lacks the scope read:messages."),
    ),
)
NOT_FOUND = problem(
    404,
    "No such item for you (unknown, not live, or outside your languages and regions).",
    ("Unknown id", _problem(404, "not_found", "Not found", "No such item for you; check the id.")),
)
METHOD_NOT_ALLOWED = problem(
    405,
    "This path does not take the method; the Allow header lists the ones it takes.",
    (
        "PUT on a read-only path",
        _problem(
            405,
            "method_not_allowed",
            "Method not allowed",
            "This endpoint does not take this method; the Allow header lists the ones it takes.",
        ),
    ),
)
NOT_ACCEPTABLE = problem(
    406,
    "The Accept header names no JSON type: only JSON is served.",
    (
        "Accept: text/html",
        _problem(
            406,
            "not_acceptable",
            "Not acceptable",
            "Responses are JSON: send Accept: application/json, or no Accept header.",
        ),
    ),
)
URI_TOO_LONG = problem(
    414,
    "The path and query together are longer than the API reads.",
    (
        "Long query",
        _problem(
            414,
            "uri_too_long",
            "URI too long",
            "The request's path and query exceed 16000 characters; send fewer values.",
        ),
    ),
)
RATE_LIMITED = problem(
    429,
    "This key has used its requests for the window; retry after Retry-After seconds.",
    (
        "Over the limit",
        _problem(
            429,
            "rate_limited",
            "Too many requests",
            "Request was throttled: this key has used its requests for now; retry after the "
            "seconds in Retry-After.",
        ),
    ),
)
UNAVAILABLE = problem(
    503,
    "A store (the database, or Redis with a closed rate limit) is down; retry after "
    "Retry-After seconds.",
    (
        "Database down",
        _problem(
            503,
            "service_unavailable",
            "Service unavailable",
            "The database is unavailable. Retry in 15 seconds.",
        ),
    ),
)
NOT_MODIFIED = OpenApiResponse(
    None,
    description="Your copy is current (If-None-Match matched the ETag, or nothing changed "
    "since If-Modified-Since): no body.",
)
READ_ERRORS = {
    304: NOT_MODIFIED,
    400: BAD_PARAMETER,
    401: UNAUTHENTICATED,
    403: FORBIDDEN,
    405: METHOD_NOT_ALLOWED,
    406: NOT_ACCEPTABLE,
    414: URI_TOO_LONG,
    429: RATE_LIMITED,
    503: UNAVAILABLE,
}
DETAIL_ERRORS = {**READ_ERRORS, 404: NOT_FOUND}
BAD_BODY = problem(
    400,
    "The body is malformed or a field is wrong; errors names each one.",
    (
        "Reach above impressions",
        _problem(
            400,
            "invalid_body",
            "Invalid request body",
            "reach: Reach cannot exceed impressions.",
            {"reach": ["Reach cannot exceed impressions."]},
        ),
    ),
    (
        "Unknown field",
        _problem(
            400,
            "invalid_body",
            "Invalid request body",
            "body: Unknown field; send only message, day, impressions, reach, clicks, shares.",
            {
                "body": [
                    "Unknown field; send only message, day, impressions, reach, clicks, shares."
                ]
            },
        ),
    ),
)
WRITE_ERRORS = {
    400: BAD_BODY,
    401: UNAUTHENTICATED,
    403: problem(
        403,
        "The key lacks write:metrics (or a staff session tried to write).",
        (
            "Missing scope",
            _problem(403, "forbidden", "Forbidden", "This API key lacks the scope write:metrics."),
        ),
    ),
    405: METHOD_NOT_ALLOWED,
    406: NOT_ACCEPTABLE,
    409: problem(
        409,
        "A request with this Idempotency-Key is still being processed; retry shortly.",
        (
            "Key in use",
            _problem(
                409,
                "idempotency_key_in_use",
                "Idempotency key in use",
                "A request with this Idempotency-Key is in progress; retry in a moment.",
            ),
        ),
    ),
    413: problem(
        413,
        "The body is larger than API_MAX_BODY_BYTES.",
        (
            "Too large",
            _problem(413, "payload_too_large", "Payload too large", "The body is too large."),
        ),
    ),
    414: URI_TOO_LONG,
    415: not_json("The body is not sent as JSON."),
    422: problem(
        422,
        "This Idempotency-Key came before with another body.",
        (
            "Key reused",
            _problem(
                422,
                "idempotency_key_reused",
                "Idempotency key reused",
                "This Idempotency-Key was used before with another body; use a new key for a "
                "new report.",
            ),
        ),
    ),
    429: RATE_LIMITED,
    503: UNAVAILABLE,
}

# --- The webhook test event -----------------------------------------------------------------

WEBHOOK_TEST_ERRORS = {
    400: problem(
        400,
        "A query parameter or a body was sent: the endpoint takes neither.",
        (
            "A body",
            _problem(
                400,
                "invalid_body",
                "Invalid request body",
                "body: This endpoint takes no body; send none.",
                {"body": ["This endpoint takes no body; send none."]},
            ),
        ),
    ),
    401: UNAUTHENTICATED,
    403: problem(
        403,
        "The key lacks read:messages (the scope that gets message events), or a staff session "
        "asked.",
        (
            "Missing scope",
            _problem(403, "forbidden", "Forbidden", "This API key lacks the scope read:messages."),
        ),
    ),
    405: METHOD_NOT_ALLOWED,
    406: NOT_ACCEPTABLE,
    409: problem(
        409,
        "You have no webhook URL to send the ping to.",
        (
            "No webhook",
            _problem(
                409,
                "no_webhook",
                "No webhook",
                "You have no webhook URL: ask your contact to set one, then send the test again.",
            ),
        ),
    ),
    413: WRITE_ERRORS[413],
    414: URI_TOO_LONG,
    415: not_json("A body was sent, and not as JSON."),
    429: RATE_LIMITED,
    503: UNAVAILABLE,
}

# --- Experiments ----------------------------------------------------------------------------

_NOT_RUNNING = _problem(
    409,
    "experiment_not_running",
    "Experiment not running",
    "This experiment is not running: show its messages as usual, unassigned.",
)
_PARTNER_ALLOCATES = _problem(
    409,
    "partner_allocation",
    "Split on your platform",
    "This experiment is split on your platform: assign in proportion to the weights there, "
    "and report the counts per variant.",
)
ASSIGNMENT_ERRORS = {
    **DETAIL_ERRORS,
    400: problem(
        400,
        "The unit is missing, sent twice, or not a hash (16 to 128 characters of A-Z, a-z, "
        "0-9, '_' and '-'); errors.unit says which. The unit is never repeated back.",
        (
            "Not a hash",
            _problem(
                400,
                "invalid_parameter",
                "Invalid query parameter",
                "unit: A unit has at least 16 characters: send a hash, not an identifier.",
                {"unit": ["A unit has at least 16 characters: send a hash, not an identifier."]},
            ),
        ),
    ),
    409: problem(
        409,
        "The experiment is stopped, or split on your own platform.",
        ("Stopped", _NOT_RUNNING),
        ("Split on your platform", _PARTNER_ALLOCATES),
    ),
}
EXPERIMENT_COUNTS_ERRORS = {
    **WRITE_ERRORS,
    400: problem(
        400,
        "The body is malformed or a row is wrong (an unknown variant, a day before the start "
        "or ahead, reach or an outcome above the impressions); nothing was stored.",
        (
            "Reach above impressions",
            _problem(
                400,
                "invalid_body",
                "Invalid request body",
                "counts: Row 2: reach is larger than impressions; a person reached saw it at "
                "least once. Nothing in this batch was recorded; correct it and send the whole "
                "batch again.",
                {
                    "counts": [
                        "Row 2: reach is larger than impressions; a person reached saw it at "
                        "least once. Nothing in this batch was recorded; correct it and send "
                        "the whole batch again."
                    ]
                },
            ),
        ),
    ),
    404: NOT_FOUND,
}
