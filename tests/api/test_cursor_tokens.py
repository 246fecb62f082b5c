"""A pagination cursor is the same every time it is issued: with a time stamp in it, a paged
answer's body (and its ETag) changed every second, so a partner's If-None-Match on a paged
list never matched (seen as a flaky ETag test under load)."""

import pytest
from django.core import signing

from partners import cursors


def test_the_same_cursor_a_minute_later(monkeypatch):
    first = cursors.sign([0, False, "2026-12-07 16:19:44+00:00"], scope="messages")
    monkeypatch.setattr(signing.time, "time", lambda: 4_000_000_000.0)
    assert cursors.sign([0, False, "2026-12-07 16:19:44+00:00"], scope="messages") == first
    assert cursors.unsign(first, scope="messages") == [0, False, "2026-12-07 16:19:44+00:00"]


def test_a_cursor_issued_with_a_time_stamp_still_reads():
    old = signing.dumps([3, True, "x"], salt="partners.cursor:messages")
    assert cursors.unsign(old, scope="messages") == [3, True, "x"]


@pytest.mark.parametrize("scope", ["messages", "feed"])
def test_a_cursor_of_another_endpoint_or_altered_is_refused(scope):
    token = cursors.sign([1], scope="experiments")
    with pytest.raises(cursors.BadCursor):
        cursors.unsign(token, scope=scope)
    with pytest.raises(cursors.BadCursor):
        cursors.unsign(token[:-2] + ("AA" if token[-2:] != "AA" else "BB"), scope="experiments")


def test_a_paged_answer_keeps_its_etag_across_seconds(api, make_key, world, monkeypatch):
    key = make_key(["read:messages"])
    first = api.get("/api/v1/messages/?page_size=1", key=key)
    monkeypatch.setattr(signing.time, "time", lambda: 4_000_000_000.0)
    again = api.get("/api/v1/messages/?page_size=1", key=key)
    assert first.json()["next_cursor"] and again["ETag"] == first["ETag"]
