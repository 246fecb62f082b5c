"""The changes feed: live items and tombstones, time-driven changes, and a cursor that never
misses or repeats."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test.utils import override_settings
from django.utils import timezone

from campaigns.models import Message
from narratives.models import Narrative
from tests.api.conftest import add_renditions, make_message

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("settled")]


@pytest.fixture
def settled():
    with override_settings(API_CHANGES_SETTLE_SECONDS=0):
        yield


def _feed(api, key, **query):
    """Walk the feed from the start (or ``cursor``) to its end; return items and the cursor."""
    items = []
    while True:
        response = api.get("/api/v1/changes/", query, key=key)
        assert response.status_code == 200, response.content
        body = response.json()
        items += body["results"]
        query = {k: v for k, v in query.items() if k in ("type", "page_size")}
        query["cursor"] = body["next_cursor"]
        if not body["has_more"]:
            return items, body["next_cursor"]


def _state(items) -> dict[str, bool]:
    """What a partner holds after applying the items in order: id -> present."""
    held = {}
    for item in items:
        held[item["id"]] = not item["deleted"]
    return {k: v for k, v in held.items() if v}


def test_feed_lists_live_items_and_tombstones(world, make_key, api):
    items, _ = _feed(api, make_key(), page_size=3)
    by_id = {item["id"]: item for item in items}
    assert by_id[world.live.public_id]["deleted"] is False
    assert by_id[world.live.public_id]["data"]["headline"] == world.live.headline
    assert by_id[world.withdrawn.public_id] == {
        "id": world.withdrawn.public_id,
        "type": "message",
        "deleted": True,
        "changed_at": by_id[world.withdrawn.public_id]["changed_at"],
    }
    assert world.future.public_id not in by_id  # never live yet: nothing to say
    types = {item["type"] for item in items}
    assert types == {"message", "narrative", "excerpt"}
    order = [(i["changed_at"], i["type"], i["id"]) for i in items]
    assert order == sorted(order)
    assert len(order) == len(set(order))


def test_going_live_and_coming_down_show_up_without_any_row_change(
    world, make_key, api, time_machine
):
    key = make_key(["read:messages"])
    start = timezone.now()
    time_machine.move_to(start)
    world.live.unpublish_at = start + timedelta(hours=2)
    world.live.save()
    items, cursor = _feed(api, key)
    assert _state(items) == {world.live.public_id: True, world.live_fr.public_id: True}

    # publish_at of `future` passes (in two days), and unpublish_at of `live` (in two hours).
    time_machine.move_to(start + timedelta(days=3))
    newer, cursor = _feed(api, key, cursor=cursor)
    changes = {item["id"]: item for item in newer}
    assert changes[world.future.public_id]["deleted"] is False
    assert changes[world.future.public_id][
        "changed_at"
    ] == world.future.publish_at.isoformat().replace("+00:00", "Z")
    assert changes[world.live.public_id]["deleted"] is True
    assert changes[world.live.public_id]["changed_at"].startswith(
        world.live.unpublish_at.isoformat()[:19]
    )
    # Nothing changed since: the same cursor brings nothing back.
    assert _feed(api, key, cursor=cursor)[0] == []


def test_polling_with_the_cursor_converges_to_the_live_set(world, make_key, api, time_machine):
    key = make_key(["read:messages"])
    start = timezone.now()
    time_machine.move_to(start)
    held: dict[str, bool] = {}
    cursor = None
    for step in range(6):
        time_machine.move_to(start + timedelta(hours=step * 13))
        # Every step: one new message live now, one that goes live later, one withdrawn.
        new = make_message(world.campaign, world.excerpts[:1])
        add_renditions(new, ["square"])
        make_message(
            world.campaign, world.excerpts[:1], publish_at=timezone.now() + timedelta(hours=20)
        )
        victim = Message.objects.live(timezone.now()).order_by("?").first()
        victim.status = Message.Status.WITHDRAWN
        victim.save()
        query = {"page_size": 2, **({"cursor": cursor} if cursor else {})}
        items, cursor = _feed(api, key, **query)
        for item in items:
            held[item["id"]] = not item["deleted"]
        expected = set(Message.objects.live(timezone.now()).values_list("public_id", flat=True))
        assert {k for k, v in held.items() if v} == expected


def test_many_items_with_the_same_time_never_loop(world, make_key, api, time_machine):
    key = make_key(["read:messages"])
    moment = timezone.now() - timedelta(minutes=1)
    time_machine.move_to(moment, tick=False)
    made = {make_message(world.campaign, []).public_id for _ in range(7)}
    time_machine.move_to(moment + timedelta(minutes=2))
    items, _ = _feed(api, key, page_size=2, type="message")
    ids = [item["id"] for item in items]
    assert made <= set(ids)
    assert len(ids) == len(set(ids))


def test_retired_narrative_and_its_excerpts_become_tombstones(world, make_key, api, time_machine):
    key = make_key(["read:narratives", "read:excerpts", "read:messages"])
    _, cursor = _feed(api, key)
    time_machine.move_to(timezone.now() + timedelta(minutes=1))
    # What narratives.services.retire_narrative does (that service's select_for_update with
    # DISTINCT fails on PostgreSQL at the time of writing, so the steps are spelled out).
    now = timezone.now()
    narrative = world.narratives[0]
    narrative.status, narrative.retired_at = Narrative.Status.RETIRED, now
    narrative.save()
    narrative.excerpts.update(status="retired", updated_at=now)
    for message in Message.objects.filter(excerpt_links__excerpt__narrative=narrative):
        message.status, message.withdrawn_at = Message.Status.WITHDRAWN, now
        message.save()
    newer, _ = _feed(api, key, cursor=cursor)
    gone = {item["id"] for item in newer if item["deleted"]}
    assert world.narratives[0].public_id in gone
    assert world.excerpts[0].public_id in gone
    assert world.live.public_id in gone  # it quoted the narrative: withdrawn with it


def test_updated_since_is_inclusive(world, make_key, api):
    key = make_key(["read:messages"])
    items, _ = _feed(api, key)
    last = items[-1]
    again, _ = _feed(api, key, updated_since=last["changed_at"])
    assert last["id"] in [item["id"] for item in again]


def test_settle_window_holds_back_fresh_changes(world, make_key, api):
    key = make_key(["read:messages"])
    with override_settings(API_CHANGES_SETTLE_SECONDS=60):
        items, _ = _feed(api, key)
    assert items == []


def test_restricted_partner_gets_tombstones_for_what_left_its_view(
    world, make_key, api, time_machine
):
    key = make_key(["read:messages"], languages=["en"])
    items, cursor = _feed(api, key)
    assert world.live.public_id in _state(items)
    time_machine.move_to(timezone.now() + timedelta(minutes=1))
    world.live.language = "fr"
    world.live.save()
    newer, _ = _feed(api, key, cursor=cursor)
    assert [(i["id"], i["deleted"]) for i in newer] == [(world.live.public_id, True)]
