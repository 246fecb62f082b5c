"""An example of every success body of the partner API, realistic (ids of the right shape,
cursors as the API signs them): documentation only, read by no view."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample

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
            "slide": 0,
            "url": "https://cms.example.org/media/r/msg_q3v7k2m5x4z6b7c2d3f4g5h6/square.png",
            "mime_type": "image/png",
            "width": 1080,
            "height": 1080,
            "alt_text": "A quote card: a former member on the leaders' privileges.",
        }
    ],
}


def _page(item: dict[str, Any]) -> list[OpenApiExample]:
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


def _one(item: dict[str, Any]) -> list[OpenApiExample]:
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

# --- Experiments ----------------------------------------------------------------------------

EXPERIMENT = {
    "id": "exp_k3m5p7r2s4t6v3w5x7y2z4b6",
    "campaign": CAMPAIGN["id"],
    "status": "running",
    "allocation": "ours",
    "primary_outcome": "cta_clicks",
    "secondary_outcomes": ["helpline_contacts"],
    "started_at": "2026-12-01T09:00:00Z",
    "stopped_at": None,
    "variants": [
        {"key": "v_3f9a1c7e2b", "message": MESSAGE["id"], "weight": 1, "control": True},
        {
            "key": "v_8d2e6b4a1f",
            "message": "msg_q4r6s2t5v7w3x6y2z5b3c7d4",
            "weight": 1,
            "control": False,
        },
    ],
}
EXPERIMENT_EXAMPLES = [
    OpenApiExample("Running", value=EXPERIMENT, status_codes=["200"], response_only=True)
]
EXPERIMENT_LIST_EXAMPLES = [
    OpenApiExample(
        "A page",
        value={"results": [EXPERIMENT], "next_cursor": LIST_CURSOR, "has_more": True},
        status_codes=["200"],
        response_only=True,
    )
]
ASSIGNMENT_EXAMPLES = [
    OpenApiExample(
        "Assigned",
        value={
            "experiment": EXPERIMENT["id"],
            "variant": "v_8d2e6b4a1f",
            "message": "msg_q4r6s2t5v7w3x6y2z5b3c7d4",
        },
        status_codes=["200"],
        response_only=True,
    )
]
EXPERIMENT_COUNTS_EXAMPLES = [
    OpenApiExample(
        "Two variants, one day",
        value={
            "counts": [
                {
                    "variant": "v_3f9a1c7e2b",
                    "day": "2026-12-02",
                    "impressions": 5200,
                    "reach": 4100,
                    "cta_clicks": 61,
                    "helpline_contacts": 3,
                },
                {
                    "variant": "v_8d2e6b4a1f",
                    "day": "2026-12-02",
                    "impressions": 5150,
                    "reach": 4080,
                    "cta_clicks": 79,
                    "helpline_contacts": 5,
                },
            ]
        },
        request_only=True,
    ),
    OpenApiExample(
        "Stored",
        value={"created": 2, "replaced": 0, "unchanged": 0},
        status_codes=["200"],
        response_only=True,
    ),
]
