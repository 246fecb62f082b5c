"""Filters, ordering, cursor pagination, sparse fields; bad input is a 400 naming it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from campaigns.models import Message
from tests.api.conftest import add_renditions, make_message

pytestmark = pytest.mark.django_db


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_reason_filter_top_level_includes_sub_reasons(world, make_key, api):
    key = make_key()
    # live quotes a brutality_civilians and a corruption excerpt; live_fr a brutality one? no:
    by_reason = {
        code: set(_ids(api.get(f"/api/v1/messages/?reason={code}", key=key)))
        for code in ("brutality", "brutality_civilians", "corruption", "quality_of_life")
    }
    assert by_reason["brutality"] == by_reason["brutality_civilians"] == {world.live.public_id}
    assert by_reason["corruption"] == {world.live.public_id, world.live_fr.public_id}
    assert by_reason["quality_of_life"] == set()


def test_several_reasons_repeated_or_comma_separated(world, make_key, api):
    key = make_key()
    repeated = _ids(api.get("/api/v1/narratives/?reason=brutality&reason=corruption", key=key))
    comma = _ids(api.get("/api/v1/narratives/?reason=brutality,corruption", key=key))
    assert sorted(repeated) == sorted(comma)
    assert len(repeated) == len(world.narratives)
    only = _ids(api.get("/api/v1/excerpts/?reason=brutality", key=key))
    assert only == [world.excerpts[1].public_id]


def test_language_and_campaign_filters(world, make_key, api):
    key = make_key()
    assert _ids(api.get("/api/v1/messages/?language=fr", key=key)) == [world.live_fr.public_id]
    assert set(_ids(api.get("/api/v1/messages/?language=en,fr", key=key))) == {
        world.live.public_id,
        world.live_fr.public_id,
    }
    assert _ids(api.get(f"/api/v1/messages/?campaign={world.campaign.public_id}", key=key)) == [
        world.live.public_id
    ]
    assert _ids(api.get("/api/v1/narratives/?language=fr", key=key)) == [
        world.narratives[6].public_id
    ]


def test_updated_since(world, make_key, api, time_machine):
    key = make_key()
    later = timezone.now() + timedelta(hours=1)
    time_machine.move_to(later)
    world.live.headline = "Changed"
    world.live.save()
    since = (later - timedelta(minutes=1)).isoformat().replace("+00:00", "Z")
    assert _ids(api.get("/api/v1/messages/", {"updated_since": since}, key=key)) == [
        world.live.public_id
    ]


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        # ISO 8601 allows offsets up to 23:59; PostgreSQL refuses more than 15:59 (a 500).
        ("0034-11-11T16:51:00.09-20:41", "all"),
        ("2000-01-01T00:00:00+23:59", "all"),
        # Before or after what a datetime holds, in UTC: the first or last instant.
        ("0001-01-01T00:00:00+05:00", "all"),
        ("9999-12-31T23:59:59-05:00", "none"),
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/messages/", "/api/v1/changes/"])
def test_updated_since_any_valid_offset_is_a_filter_not_an_error(
    world, make_key, api, settings, path, since, expected
):
    settings.API_CHANGES_SETTLE_SECONDS = 0
    response = api.get(path, {"updated_since": since}, key=make_key())
    assert response.status_code == 200, response.content
    assert bool(response.json()["results"]) == (expected == "all")


def test_cursor_pagination_walks_everything_once(world, make_key, api):
    for _ in range(7):
        add_renditions(make_message(world.campaign, world.excerpts[:1]), ["square"])
    key = make_key()
    expected = set(Message.objects.live(timezone.now()).values_list("public_id", flat=True))
    seen, query, pages = [], {"page_size": 3, "ordering": "publish_at"}, []
    while True:
        response = api.get("/api/v1/messages/", query, key=key)
        seen += _ids(response)
        page = response.json()
        pages.append(page["has_more"])
        if not page["has_more"]:
            assert page["next_cursor"] is None
            break
        query["cursor"] = page["next_cursor"]
    assert pages == [True, True, False]
    assert len(seen) == len(expected) == 9
    assert set(seen) == expected


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        # Unknown names are not repeated back (they may be anything): reported as "query".
        ("bogus=1", "query"),
        ("format=xml", "query"),
        ("reason=nope", "reason"),
        ("reason=", "reason"),
        ("reason=a%00b", "reason"),
        ("language=xx", "language"),
        ("campaign=123", "campaign"),
        ("updated_since=yesterday", "updated_since"),
        ("updated_since=2026-13-45", "updated_since"),
        ("updated_since=2026-01-01&updated_since=2026-01-02", "updated_since"),
        ("ordering=id", "ordering"),
        ("ordering=-headline", "ordering"),
        ("page_size=0", "page_size"),
        ("page_size=1000", "page_size"),
        ("page_size=ten", "page_size"),
        ("cursor=%%%", "cursor"),
        ("fields=headline,secret", "fields"),
    ],
)
def test_bad_query_is_a_400_naming_the_parameter(world, make_key, api, query, parameter):
    response = api.get(f"/api/v1/messages/?{query}", key=make_key())
    assert response.status_code == 400, response.content
    body = response.json()
    assert parameter in body["errors"]
    assert body["detail"].startswith(parameter)


def test_changes_feed_bad_values(world, make_key, api):
    key = make_key()
    for query, parameter in (
        ("type=nonsense", "type"),
        ("cursor=abc", "cursor"),
        ("ordering=changed_at", "query"),
        ("page_size=501", "page_size"),
    ):
        response = api.get(f"/api/v1/changes/?{query}", key=key)
        assert response.status_code == 400
        assert parameter in response.json()["errors"]


def test_sparse_fields(world, make_key, api):
    response = api.get("/api/v1/messages/?fields=headline,renditions", key=make_key())
    for item in response.json()["results"]:
        assert set(item) == {"id", "headline", "renditions"}
    detail = api.get(
        f"/api/v1/narratives/{world.narratives[0].public_id}/?fields=title", key=make_key()
    )
    assert detail.json() == {"id": world.narratives[0].public_id, "title": "Story 0"}


def test_ordering(world, make_key, api):
    key = make_key()
    oldest_first = _ids(api.get("/api/v1/messages/?ordering=publish_at", key=key))
    newest_first = _ids(api.get("/api/v1/messages/?ordering=-publish_at", key=key))
    assert oldest_first == list(reversed(newest_first))
    titles = [
        item["title"]
        for item in api.get("/api/v1/narratives/?ordering=title", key=key).json()["results"]
    ]
    assert titles == sorted(titles)
