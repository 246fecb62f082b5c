"""ETag / Last-Modified with 304, throttling with 429 and Retry-After, and the query count."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from campaigns.models import Rendition
from narratives.selectors import forget_disclosure_index
from partners.authentication import forget_keys
from partners.models import ApiKey
from tests.api.conftest import add_renditions, make_message, make_narrative
from tests.factories import ExcerptFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/api/v1/messages/", "/api/v1/messages/{id}/", "/api/v1/reasons/", "/api/v1/changes/"]
)
def test_etag_and_last_modified_answer_304(world, make_key, api, path):
    key = make_key()
    url = path.format(id=world.live.public_id)
    first = api.get(url, key=key)
    assert first.status_code == 200
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and last_modified

    again = api.get(url, key=key, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert api.get(url, key=key, headers={"If-None-Match": f'W/{etag}, "x"'}).status_code == 304
    assert api.get(url, key=key, headers={"If-Modified-Since": last_modified}).status_code == 304
    assert api.get(url, key=key, headers={"If-None-Match": '"other"'}).status_code == 200


def test_a_change_invalidates_etag_and_moves_last_modified(world, make_key, api, time_machine):
    key = make_key()
    url = f"/api/v1/messages/{world.live.public_id}/"
    first = api.get(url, key=key)
    time_machine.move_to(timezone.now() + timedelta(minutes=5))
    # A rendition re-rendered: no change on the message row, but a new image URL.
    Rendition.objects.filter(message=world.live, format="square").update(
        file="renditions/new-square.png", input_hash="f" * 64
    )
    changed = api.get(url, key=key, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    ims = api.get(url, key=key, headers={"If-Modified-Since": first["Last-Modified"]})
    assert ims.status_code == 200
    assert (
        api.get(url, key=key, headers={"If-Modified-Since": changed["Last-Modified"]}).status_code
        == 304
    )


def test_a_removed_item_is_a_change_for_the_list(world, make_key, api, time_machine):
    key = make_key()
    first = api.get("/api/v1/messages/", key=key)
    time_machine.move_to(timezone.now() + timedelta(minutes=5))
    world.live_fr.status = "withdrawn"
    world.live_fr.save()
    after = api.get(
        "/api/v1/messages/", key=key, headers={"If-Modified-Since": first["Last-Modified"]}
    )
    assert after.status_code == 200
    assert after["Last-Modified"] != first["Last-Modified"]


def test_throttled_per_key_with_retry_after(world, make_key, api):
    key, other = make_key(), make_key()
    with override_settings(API_RATE="3/min"):
        statuses = [api.get("/api/v1/reasons/", key=key).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        response = api.get("/api/v1/reasons/", key=key)
        assert response.status_code == 429
        assert 1 <= int(response["Retry-After"]) <= 60
        assert "throttled" in response.json()["detail"]
        # Another key has its own budget.
        assert api.get("/api/v1/reasons/", key=other).status_code == 200


def test_last_used_is_written_at_most_once_a_minute(world, make_key, api, time_machine):
    key = make_key()
    prefix = key.split("_")[1]
    start = timezone.now()
    time_machine.move_to(start)
    api.get("/api/v1/reasons/", key=key)
    first = ApiKey.objects.get(prefix=prefix).last_used_at
    assert first is not None
    time_machine.move_to(start + timedelta(seconds=30))
    with CaptureQueriesContext(connection) as queries:
        api.get("/api/v1/reasons/", key=key)
    assert not [q for q in queries if q["sql"].startswith("UPDATE")]
    assert ApiKey.objects.get(prefix=prefix).last_used_at == first
    time_machine.move_to(start + timedelta(seconds=61))
    api.get("/api/v1/reasons/", key=key)
    assert ApiKey.objects.get(prefix=prefix).last_used_at > first


@override_settings(API_CHANGES_SETTLE_SECONDS=0)
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/messages/",
        "/api/v1/excerpts/",
        "/api/v1/narratives/",
        "/api/v1/changes/?type=message",
        "/api/v1/changes/?type=excerpt",
    ],
)
def test_query_count_does_not_grow_with_page_size(world, make_key, api, path):
    key = make_key()

    def count(n: int) -> int:
        # The key record and the disclosure index's version are read at most once a second:
        # read by both counts, whatever the time between them.
        forget_keys()
        forget_disclosure_index()
        with CaptureQueriesContext(connection) as queries:
            separator = "&" if "?" in path else "?"
            response = api.get(f"{path}{separator}page_size={n}", key=key)
        assert response.status_code == 200
        assert len(response.json()["results"]) == n
        return len(queries)

    reason = world.narratives[0].reason_links.get().reason
    for n in range(100, 150):
        narrative = make_narrative(n, country="FR", reason=reason)
        excerpt = ExcerptFactory(narrative=narrative, start=0, end=7)
        excerpt.reasons.add(reason)
    # After the vault records: a message checked before the vault last changed is not live.
    for _ in range(50):
        message = make_message(world.campaign, world.excerpts)
        add_renditions(message)
    count(1)  # warm up: the key's last-used time and the disclosure index are written once
    assert count(5) == count(50)
