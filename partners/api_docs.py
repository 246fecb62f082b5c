"""What the OpenAPI schema says about the partner API beyond its serializers: the shared
parameters (typed ``fields``, cursors, page sizes), every status an endpoint can answer with
its RFC 9457 problem and an example, and an example of every success body.

Examples are realistic (ids of the right shape, cursors as the API signs them), never
placeholders; they are documentation only and are not read by any view.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse

from partners.serializers import ErrorSerializer

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


def page_size_schema(maximum: int) -> dict:
    return {"type": "integer", "minimum": 1, "maximum": maximum}


def page_size_parameter(maximum: int, default: int) -> dict:
    """As a paginator gives it (a plain dict)."""
    return {
        "name": "page_size",
        "required": False,
        "in": "query",
        "description": f"Items per page (default {default}); ASCII digits only.",
        "schema": page_size_schema(maximum),
    }


def fields_parameter(serializer_class) -> OpenApiParameter:
    """``?fields=a,b``: an array of this serializer's field names, comma-separated."""
    names = list(serializer_class().fields)
    return OpenApiParameter(
        "fields",
        {
            "type": "array",
            "items": {"type": "string", "enum": names},
            "minItems": 1,
        },
        style="form",
        explode=False,
        description="Only these fields (comma-separated); the id always comes. Without it, "
        "every field comes.",
    )


# --- Problems -------------------------------------------------------------------------------

REQUEST_ID = "5f0c2a9e8d4b4c7e9a1f3b6d2e8c4a71"


def _problem(status: int, code: str, title: str, detail: str, errors=None) -> dict:
    body = {
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


def problem(status: int, description: str, *examples: tuple[str, dict]) -> OpenApiResponse:
    return OpenApiResponse(
        ErrorSerializer,
        description=description,
        examples=[
            OpenApiExample(name, value=value, status_codes=[str(status)], response_only=True)
            for name, value in examples
        ],
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
    415: problem(
        415,
        "The body is not sent as JSON.",
        (
            "Form body",
            _problem(
                415,
                "unsupported_media_type",
                "Unsupported media type",
                "Send the body as JSON, with Content-Type: application/json.",
            ),
        ),
    ),
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

# --- Success bodies -------------------------------------------------------------------------

LIST_CURSOR = (
    "WzAsZmFsc2UsIjIwMjYtMTEtMjggMDk6MTQ6MDMuNTEyMDAwKzAwOjAwIl0:1xZXJr:"
    "zzq7Pv-dLVKXOxb4wqsF9wWkCNu3gN4qM5-2vkUH9do"
)
FEED_CURSOR = (
    "WyIyMDI2LTEyLTAxVDA3OjQ1OjEyLjIwNDAwMCswMDowMCIsIm1lc3NhZ2UiLCJtc2dfcTN2N2sybTV4NHo2Yjdj"
    "MmQzZjRnNWg2Il0:1xZXJr:ot7EAE_erlJ5YMlUjVZMEUongjHzt4yBQ6TUfnJCNbY"
)

REASON = {
    "id": "brutality",
    "code": "brutality",
    "name": "Brutality against Sunni Muslims",
    "description": "Violence against the people the group claimed to protect.",
    "sub_reasons": [
        {
            "code": "brutality_civilians",
            "name": "Civilian casualties ignored",
            "description": "Fighters and leaders shrugged off the deaths of civilians.",
        },
        {
            "code": "brutality_own_fighters",
            "name": "Execution of own fighters",
            "description": "Members accused of spying were executed without a hearing.",
        },
    ],
}
NARRATIVE = {
    "id": "nar_k7q2m4x6z3b5c7d2f4g6h3j5",
    "title": "The promises were empty",
    "text": "I went because they said we would build something. Within a month I was guarding "
    "a depot and watching the commanders take the best houses for themselves.",
    "language": "en",
    "attributes": {
        "gender": "male",
        "age": "18-24",
        "origin": "Western Europe",
        "period": "2015",
        "labels": {
            "gender": "Man",
            "age": "18 to 24",
            "origin": "Western Europe",
            "period": "2015",
        },
        "levels": {"gender": 0, "age": 0, "origin": 1, "period": 2},
        "suppressed": False,
    },
    "primary_reason": "corruption",
    "reasons": [
        {"code": "corruption", "parent": None},
        {"code": "quality_of_life_menial", "parent": "quality_of_life"},
    ],
    "changed_at": "2026-11-28T09:14:03.512000Z",
}
EXCERPT = {
    "id": "exc_m3n5p7q2r4s6t3v5w7x2y4z6",
    "narrative": "nar_k7q2m4x6z3b5c7d2f4g6h3j5",
    "language": "en",
    "text": "Within a month I was guarding a depot and watching the commanders take the best "
    "houses for themselves.",
    "attribution": "A former member, man, 18 to 24, Western Europe, 2015",
    "translations": [
        {
            "language": "fr",
            "text": "En un mois, je gardais un dépôt et je regardais les chefs prendre les "
            "plus belles maisons.",
            "attribution": "Un ancien membre, homme, 18 à 24 ans, Europe de l'Ouest, 2015",
        }
    ],
    "reasons": [{"code": "corruption", "parent": None}],
    "changed_at": "2026-11-28T09:20:41.007000Z",
}
CAMPAIGN = {
    "id": "cmp_b4c6d2f5g7h3j6k2m4n7p3q5",
    "name": "Voices of those who left",
    "goal": "encourage_leaving",
    "audience_stage": "intervention",
    "audience_regions": ["Western Europe"],
    "audience_languages": ["en", "fr"],
    "audience_age_min": 16,
    "audience_age_max": 30,
    "key_message": "The people who went say the promises were lies.",
    "messenger_type": "former",
    "cta_text": "Talk to someone who has been there",
    "cta_url": "https://exit.example.org/talk",
    "cta_helpline": "+44 800 000 0000",
    "starts_on": "2026-11-01",
    "ends_on": "2027-01-31",
    "changed_at": "2026-11-30T16:02:19.330000Z",
}
MESSAGE = {
    "id": "msg_q3v7k2m5x4z6b7c2d3f4g5h6",
    "campaign": "cmp_b4c6d2f5g7h3j6k2m4n7p3q5",
    "language": "en",
    "headline": "They took the best houses for themselves",
    "body": "People who went say the leaders lived well while fighters guarded depots.",
    "cta_text": "Talk to someone who has been there",
    "cta_url": "https://exit.example.org/talk",
    "alt_text": "A quote card: a former member on the leaders' privileges.",
    "publish_at": "2026-12-01T07:00:00Z",
    "unpublish_at": "2027-01-31T23:00:00Z",
    "changed_at": "2026-12-01T07:45:12.204000Z",
    "reasons": ["corruption"],
    "excerpts": [
        {
            "id": "exc_m3n5p7q2r4s6t3v5w7x2y4z6",
            "language": "en",
            "text": "Within a month I was guarding a depot and watching the commanders take "
            "the best houses for themselves.",
            "attribution": "A former member, man, 18 to 24, Western Europe, 2015",
        }
    ],
    "renditions": [
        {
            "format": "square",
            "url": "https://cms.example.org/media/r/msg_q3v7k2m5x4z6b7c2d3f4g5h6/square.png",
            "mime_type": "image/png",
            "width": 1080,
            "height": 1080,
            "alt_text": "A quote card: a former member on the leaders' privileges.",
        }
    ],
}


def _page(item):
    # drf-spectacular wraps the list in the page ({results, next_cursor, has_more}) with the
    # pagination's own example values.
    return [
        OpenApiExample(
            "A page with more after it",
            value=item,
            status_codes=["200"],
            response_only=True,
            description="Ask again with ?cursor=<next_cursor> for the next page; on the last "
            "page next_cursor is null and has_more false.",
        ),
    ]


def _one(item):
    return [OpenApiExample("One item", value=item, status_codes=["200"], response_only=True)]


EXAMPLES = {
    "reason-list": _page(REASON),
    "reason-detail": _one(REASON),
    "narrative-list": _page(NARRATIVE),
    "narrative-detail": _one(NARRATIVE),
    "excerpt-list": _page(EXCERPT),
    "excerpt-detail": _one(EXCERPT),
    "campaign-list": _page(CAMPAIGN),
    "campaign-detail": _one(CAMPAIGN),
    "message-list": _page(MESSAGE),
    "message-detail": _one(MESSAGE),
}
CHANGES_EXAMPLES = [
    OpenApiExample(
        "A page with more after it",
        value={
            "results": [
                {
                    "id": "msg_q3v7k2m5x4z6b7c2d3f4g5h6",
                    "type": "message",
                    "deleted": False,
                    "changed_at": "2026-12-01T07:45:12.204000Z",
                    "data": MESSAGE,
                },
                {
                    "id": "msg_z5y3x7w2v4t6s3r5q7p2n4m6",
                    "type": "message",
                    "deleted": True,
                    "changed_at": "2026-12-01T08:02:55.918000Z",
                },
            ],
            "next_cursor": FEED_CURSOR,
            "has_more": True,
        },
        status_codes=["200"],
        response_only=True,
        description="Ask again at once with ?cursor=<next_cursor>.",
    ),
    OpenApiExample(
        "Caught up",
        value={"results": [], "next_cursor": FEED_CURSOR, "has_more": False},
        status_codes=["200"],
        response_only=True,
        description="Nothing newer yet: keep next_cursor and poll with it later.",
    ),
]
METRIC_REPORT_IN = {
    "message": "msg_q3v7k2m5x4z6b7c2d3f4g5h6",
    "day": "2026-12-02",
    "impressions": 18250,
    "reach": 12400,
    "clicks": 312,
    "shares": 41,
}
METRIC_REPORT_OUT = {
    **METRIC_REPORT_IN,
    "created": True,
    "updated_at": "2026-12-03T06:10:44.120000Z",
}
METRIC_EXAMPLES = [
    OpenApiExample("One day's figures", value=METRIC_REPORT_IN, request_only=True),
    OpenApiExample("Stored", value=METRIC_REPORT_OUT, status_codes=["201"], response_only=True),
    OpenApiExample(
        "Replaced an earlier report",
        value={**METRIC_REPORT_OUT, "created": False},
        status_codes=["200"],
        response_only=True,
    ),
]
METRIC_BATCH_EXAMPLES = [
    OpenApiExample(
        "Two days",
        value={"reports": [METRIC_REPORT_IN, {**METRIC_REPORT_IN, "day": "2026-12-03"}]},
        request_only=True,
    ),
    OpenApiExample(
        "Stored",
        value={
            "results": [
                METRIC_REPORT_OUT,
                {**METRIC_REPORT_OUT, "day": "2026-12-03", "created": False},
            ]
        },
        status_codes=["200"],
        response_only=True,
    ),
]

# --- The webhook test event -----------------------------------------------------------------

WEBHOOK_TEST_OUT = {
    "id": "whd_t4k6m2p5r7s3v6w2x4y7z3b5",
    "event": "ping",
    "status": "pending",
    "created_at": "2026-12-04T10:31:07.415000Z",
}
WEBHOOK_TEST_EXAMPLES = [
    OpenApiExample(
        "Queued",
        value=WEBHOOK_TEST_OUT,
        status_codes=["202"],
        response_only=True,
        description="The ping is sent in a moment with X-CMS-Delivery: whd_t4k6m2p5r7s3v6w2x4y7z3b5 "
        'and the body {"id": "whd_t4k6m2p5r7s3v6w2x4y7z3b5", "created_at": "…", "event": '
        '"ping", "data": {}}, signed as every event is.',
    ),
]
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
    415: problem(
        415,
        "A body was sent, and not as JSON.",
        (
            "Form body",
            _problem(
                415,
                "unsupported_media_type",
                "Unsupported media type",
                "Send the body as JSON, with Content-Type: application/json.",
            ),
        ),
    ),
    429: RATE_LIMITED,
    503: UNAVAILABLE,
}
