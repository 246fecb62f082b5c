"""Issue 14, partner API half: crafted input is a 4xx problem, never a 500; one error shape;
HEAD checked like GET; tombstones only for what a partner could see; strict metrics."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from campaigns.models import Message
from partners import selectors
from partners.models import MetricReport
from tests.api.conftest import make_message, metric_report

pytestmark = pytest.mark.django_db


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


# --- 8: no 500 from crafted input -----------------------------------------------------------


@pytest.mark.parametrize("size", ["²", "٣", "１０", "+5", " 5"])
def test_page_size_takes_ascii_digits_only(world, make_key, api, size):
    response = api.get("/api/v1/messages/", {"page_size": size}, key=make_key())
    assert response.status_code == 400
    assert "page_size" in response.json()["errors"]


@pytest.mark.parametrize(
    "cursor",
    [
        "zzz",
        _b64("p=zzz"),
        _b64("p=9999-12-31 23:59:59 00:00"),
        _b64("o=5&p=9999-12-31 23:59:59 00:00"),
        _b64("hello"),
        "aGVsbG8=",
        _b64("o=99999999999&r=1"),
    ],
)
def test_forged_list_cursors_are_400(world, make_key, api, cursor):
    response = api.get("/api/v1/messages/", {"cursor": cursor}, key=make_key())
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "invalid_parameter"
    assert "cursor" in response.json()["errors"]


def test_a_cursor_works_only_where_and_in_the_order_it_was_issued(world, make_key, api):
    key = make_key()
    first = api.get("/api/v1/narratives/?page_size=2&ordering=title", key=key).json()
    cursor = first["next_cursor"]
    again = api.get("/api/v1/narratives/", {"ordering": "title", "cursor": cursor}, key=key)
    assert again.status_code == 200
    for path, query in (
        ("/api/v1/narratives/", {"ordering": "-changed_at", "cursor": cursor}),
        ("/api/v1/excerpts/", {"cursor": cursor}),
    ):
        assert api.get(path, query, key=key).status_code == 400


@pytest.mark.parametrize(
    "cursor",
    [
        "[" * 3000,
        _b64("[" * 3000),
        _b64('["9999-12-31T23:59:59+00:00", "message", "x"]'),
        "aGVsbG8=",
        "x" * 5000,
    ],
)
def test_forged_feed_cursors_are_400(world, make_key, api, cursor):
    response = api.get("/api/v1/changes/", {"cursor": cursor}, key=make_key())
    assert response.status_code == 400, response.content
    assert "cursor" in response.json()["errors"]


def test_an_issued_feed_cursor_still_works(world, make_key, api, settings):
    settings.API_CHANGES_SETTLE_SECONDS = 0
    key = make_key()
    page = api.get("/api/v1/changes/?page_size=2", key=key).json()
    following = api.get("/api/v1/changes/", {"cursor": page["next_cursor"]}, key=key)
    assert following.status_code == 200
    assert following.json()["results"][0]["id"] not in {r["id"] for r in page["results"]}


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 20_000 + "1" + "}" * 20_000,
        '{"message": NaN}',
        '{"impressions": 1, "impressions": 2}',
        b"\xff\xfe{}",
    ],
)
def test_hostile_json_bodies_are_400(world, make_key, api, body):
    response = api.post(
        "/api/v1/metrics/",
        body,
        content_type="application/json",
        headers={"Authorization": f"Api-Key {make_key(['write:metrics'])}"},
    )
    assert response.status_code == 400, response.content[:200]
    assert response.json()["code"] == "malformed_body"


def test_an_oversized_body_is_413(world, make_key, api, settings):
    settings.API_MAX_BODY_BYTES = 1000
    response = api.post(
        "/api/v1/metrics/",
        json.dumps({"pad": "x" * 2000}),
        content_type="application/json",
        headers={"Authorization": f"Api-Key {make_key(['write:metrics'])}"},
    )
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"


@pytest.mark.parametrize(
    ("query", "leak"),
    [
        ("john_smith_kunya=1", "john_smith_kunya"),
        ("reason=abu_secretname", "abu_secretname"),
        ("fields=headline,abu_secretname", "abu_secretname"),
    ],
)
def test_400s_never_echo_what_the_caller_sent(world, make_key, api, query, leak):
    response = api.get(f"/api/v1/messages/?{query}", key=make_key())
    assert response.status_code == 400
    assert leak not in response.content.decode()


def test_metrics_400s_never_echo_what_the_caller_sent(world, make_key, api):
    response = api.post_json(
        "/api/v1/metrics/",
        metric_report(world, abu_secretname=1, day="abu_secretday"),
        key=make_key(["write:metrics"]),
    )
    assert response.status_code == 400
    assert "abu_secret" not in response.content.decode()


def test_no_use_one_of_with_an_empty_list(world, make_key, api):
    response = api.post(
        "/api/v1/metrics/?x=1",
        json.dumps(metric_report(world)),
        content_type="application/json",
        headers={"Authorization": f"Api-Key {make_key(['write:metrics'])}"},
    )
    assert response.status_code == 400
    assert "one of ." not in response.content.decode()
    assert "no query parameters" in response.json()["detail"]


# --- 10: one error shape ----------------------------------------------------------------------


def _is_problem(response, status: int, code: str) -> None:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["code"] == code
    assert body["title"] and body["detail"]
    assert body["request_id"] == response["X-Request-ID"]


@pytest.mark.parametrize(
    "path", ["/api/", "/api/v1/", "/api/v9/", "/api/v9/messages/", "/api/v1/nope", "/api/x/y/"]
)
def test_unknown_api_paths_are_json_404s(world, make_key, api, path):
    _is_problem(api.get(path, key=make_key()), 404, "not_found")


def test_post_without_the_slash_is_served_not_redirected(world, make_key, api):
    response = api.post_json(
        "/api/v1/metrics", metric_report(world), key=make_key(["write:metrics"])
    )
    assert response.status_code == 201
    assert MetricReport.objects.count() == 1


def test_undeclared_method_is_405_before_any_parameter_check(world, make_key, api):
    key = make_key()
    response = api.put(
        "/api/v1/messages/?bogus=1&page_size=abc", headers={"Authorization": f"Api-Key {key}"}
    )
    _is_problem(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]
    assert "PUT" not in response.content.decode()


@pytest.mark.parametrize(
    ("call", "status", "code"),
    [
        (lambda api, key: api.get("/api/v1/messages/"), 401, "unauthenticated"),
        (lambda api, key: api.get("/api/v1/messages/?x=1", key=key), 400, "invalid_parameter"),
        (lambda api, key: api.get("/api/v1/messages/msg_nope/", key=key), 404, "not_found"),
        (lambda api, key: api.get("/api/v1/metrics/", key=key), 405, "method_not_allowed"),
        (
            lambda api, key: api.get("/api/v1/messages/", key=key, HTTP_ACCEPT="text/xml"),
            406,
            "not_acceptable",
        ),
        (
            lambda api, key: api.post(
                "/api/v1/metrics/",
                "a=b",
                content_type="text/plain",
                headers={"Authorization": f"Api-Key {key}"},
            ),
            415,
            "unsupported_media_type",
        ),
    ],
)
def test_every_error_is_a_problem_document(world, make_key, api, call, status, code):
    _is_problem(call(api, make_key()), status, code)


def test_missing_scope_is_a_403_problem(world, make_key, api):
    _is_problem(api.get("/api/v1/messages/", key=make_key(["read:reasons"])), 403, "forbidden")


def test_throttled_is_a_429_problem_with_rate_limit_headers(world, make_key, api, settings):
    settings.API_RATE = "2/min"
    key = make_key()
    for _ in range(2):
        ok = api.get("/api/v1/reasons/", key=key)
        assert ok["RateLimit-Limit"] == "2"
    response = api.get("/api/v1/reasons/", key=key)
    _is_problem(response, 429, "rate_limited")
    assert response["RateLimit-Remaining"] == "0"
    assert int(response["RateLimit-Reset"]) >= 1
    assert "Retry-After" in response


def test_every_response_has_a_request_id(world, make_key, api):
    key = make_key()
    ok = api.get("/api/v1/reasons/", key=key)
    not_modified = api.get("/api/v1/reasons/", key=key, HTTP_IF_NONE_MATCH=ok["ETag"])
    assert not_modified.status_code == 304
    ids = {ok["X-Request-ID"], not_modified["X-Request-ID"], api.get("/api/nope")["X-Request-ID"]}
    assert len(ids) == 3 and all(len(i) == 32 for i in ids)


# --- 7: HEAD is checked like GET --------------------------------------------------------------


def test_head_needs_the_scope_get_needs(world, make_key, api):
    metrics_only = make_key(["write:metrics"])
    headers = {"Authorization": f"Api-Key {metrics_only}"}
    assert api.head("/api/v1/messages/", headers=headers).status_code == 403
    real = api.head(f"/api/v1/narratives/{world.narratives[0].public_id}/", headers=headers)
    fake = api.head("/api/v1/narratives/nar_aaaaaaaaaaaaaaaaaaaaaaaa/", headers=headers)
    assert real.status_code == fake.status_code == 403
    assert "ETag" not in real


def test_head_sees_what_get_sees(world, make_key, api):
    fr_only = make_key(languages=["fr"])
    headers = {"Authorization": f"Api-Key {fr_only}"}
    english = f"/api/v1/narratives/{world.narratives[0].public_id}/"
    assert api.head(english, headers=headers).status_code == 404
    assert api.get(english, key=fr_only).status_code == 404
    full = make_key()
    get = api.get("/api/v1/messages/", key=full)
    head = api.head("/api/v1/messages/", headers={"Authorization": f"Api-Key {full}"})
    assert head.status_code == 200 and head["ETag"] == get["ETag"]


# --- 11: tombstones only for what the partner could see -------------------------------------


def _feed(api, key) -> dict[str, bool]:
    found, cursor = {}, None
    while True:
        query = {"page_size": 3, **({"cursor": cursor} if cursor else {})}
        page = api.get("/api/v1/changes/", query, key=key).json()
        found.update({item["id"]: item["deleted"] for item in page["results"]})
        if not page["has_more"]:
            return found
        cursor = page["next_cursor"]


def test_a_language_restricted_partner_gets_no_ids_it_could_never_see(
    world, make_key, api, settings
):
    settings.API_CHANGES_SETTLE_SECONDS = 0
    fr_only = make_key(languages=["fr"])
    assert _feed(api, fr_only) == {
        world.live_fr.public_id: False,
        world.narratives[6].public_id: False,
    }
    # What it could see and then lost is still a tombstone.
    world.live_fr.status = Message.Status.WITHDRAWN
    world.live_fr.withdrawn_at = timezone.now()
    world.live_fr.save()
    assert _feed(api, fr_only)[world.live_fr.public_id] is True


def test_a_region_restricted_partner_gets_no_ids_from_other_regions(world, make_key, api, settings):
    settings.API_CHANGES_SETTLE_SECONDS = 0
    europe = make_key(["read:messages"], regions=["Western Europe"])
    feed = _feed(api, europe)
    assert world.live_fr.public_id not in feed
    assert feed == {world.live.public_id: False, world.withdrawn.public_id: True}


def test_a_draft_whose_publish_time_passed_is_no_tombstone(world, make_key, api, settings):
    settings.API_CHANGES_SETTLE_SECONDS = 0
    draft = make_message(
        world.campaign,
        world.excerpts[:1],
        status=Message.Status.DRAFT,
        publish_at=timezone.now() - timedelta(hours=2),
    )
    assert draft.public_id not in _feed(api, make_key(["read:messages"]))


# --- 12: metrics: plausible, strict, idempotent, in batches ---------------------------------


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"reach": 1001}, "reach"),
        ({"clicks": 1001}, "clicks"),
        ({"impressions": "1000"}, "impressions"),
        ({"clicks": True}, "clicks"),
        ({"shares": 4.0}, "shares"),
        ({"message": 12345}, "message"),
        ({"day": "20260105"}, "day"),
        ({"unknown_extra": 1}, "body"),
    ],
)
def test_implausible_coerced_or_unknown_metrics_are_400(world, make_key, api, overrides, field):
    response = api.post_json(
        "/api/v1/metrics/", metric_report(world, **overrides), key=make_key(["write:metrics"])
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert response.json()["code"] == "invalid_body"
    assert MetricReport.objects.count() == 0


def test_idempotency_key_replays_the_first_answer(world, make_key, api):
    key = make_key(["write:metrics"])
    headers = {"Idempotency-Key": "d5f6a0b2-3c4e-4a9b-8f1e-2b7c9d0e1f23"}
    first = api.post_json("/api/v1/metrics/", metric_report(world), key=key, headers=headers)
    assert first.status_code == 201
    again = api.post_json("/api/v1/metrics/", metric_report(world), key=key, headers=headers)
    assert again.status_code == 201  # not 200 "replaced": the same answer, not a second write
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    other = api.post_json(
        "/api/v1/metrics/", metric_report(world, impressions=5000), key=key, headers=headers
    )
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert MetricReport.objects.get().impressions == 1000


def test_a_bad_idempotency_key_is_400(world, make_key, api):
    response = api.post_json(
        "/api/v1/metrics/",
        metric_report(world),
        key=make_key(["write:metrics"]),
        headers={"Idempotency-Key": "x" * 300},
    )
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["errors"]


def test_batch_stores_all_or_nothing(world, make_key, api):
    key = make_key(["write:metrics"])
    yesterday = (timezone.now() - timedelta(days=1)).date().isoformat()
    good = [
        metric_report(world),
        metric_report(world, message=world.live_fr.public_id, day=yesterday),
    ]
    response = api.post_json("/api/v1/metrics/batch/", {"reports": good}, key=key)
    assert response.status_code == 200, response.content
    assert [r["created"] for r in response.json()["results"]] == [True, True]
    assert MetricReport.objects.count() == 2
    bad = [metric_report(world, impressions=7), metric_report(world, day=yesterday, reach=10**6)]
    response = api.post_json("/api/v1/metrics/batch/", {"reports": bad}, key=key)
    assert response.status_code == 400
    assert "reports.1.reach" in response.json()["errors"]
    assert MetricReport.objects.get(day=timezone.now().date()).impressions == 1000


@pytest.mark.parametrize(
    "body",
    [
        {"reports": []},
        {"reports": "x"},
        {"reports": [{}], "more": 1},
        {"reports": [{"message": "msg_aaaaaaaaaaaaaaaaaaaaaaaa"}] * 101},
    ],
)
def test_bad_batches_are_400(world, make_key, api, body):
    response = api.post_json("/api/v1/metrics/batch/", body, key=make_key(["write:metrics"]))
    assert response.status_code == 400


def test_a_batch_with_one_pair_twice_is_400(world, make_key, api):
    response = api.post_json(
        "/api/v1/metrics/batch/",
        {"reports": [metric_report(world), metric_report(world, clicks=1)]},
        key=make_key(["write:metrics"]),
    )
    assert response.status_code == 400
    assert "reports.1" in response.json()["errors"]
    assert MetricReport.objects.count() == 0


def test_narrowing_a_partner_later_still_sends_tombstones_for_what_it_saw(
    world, make_key, api, settings
):
    settings.API_CHANGES_SETTLE_SECONDS = 0
    key = make_key(["read:messages"])
    assert _feed(api, key)[world.live.public_id] is False
    partner = make_key.last.partner
    partner.languages = ["fr"]
    partner.save()
    feed = _feed(api, key)
    assert feed[world.live.public_id] is True  # seen before: now a tombstone
    assert world.withdrawn.public_id not in feed  # never shown to it alive


def test_an_unexpected_error_under_api_is_a_500_problem(world, make_key, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "reasons", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/reasons/", headers={"Authorization": f"Api-Key {make_key()}"})
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "internal_error"
    assert "boom" not in response.content.decode()
    assert response.json()["request_id"] == response["X-Request-ID"]


def test_a_query_with_too_many_fields_is_a_400_problem(world, make_key):
    client = Client(raise_request_exception=False)
    query = "&".join(f"f{n}=1" for n in range(1500))
    response = client.get(
        f"/api/v1/messages/?{query}", headers={"Authorization": f"Api-Key {make_key()}"}
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] in {"bad_request", "invalid_parameter"}
