"""Nothing from the vault ever leaves through the API: not in a body, a header, an error or a
log line. Every source field of every narrative quoted in a live message holds a canary."""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from narratives.models import SourceRecord
from partners import services

PATHS = [
    "/api/v1/reasons/",
    "/api/v1/reasons/brutality/",
    "/api/v1/narratives/",
    "/api/v1/narratives/?fields=attributes,text",
    "/api/v1/excerpts/",
    "/api/v1/campaigns/",
    "/api/v1/messages/",
    "/api/v1/messages/?reason=corruption&language=en,fr",
    "/api/v1/changes/",
    "/api/v1/changes/?updated_since=2000-01-01T00:00:00Z",
    # errors
    "/api/v1/narratives/?nonsense=1",
    "/api/v1/messages/?reason=no_such_reason",
    "/api/v1/messages/?fields=real_name,kunya",
    "/api/v1/messages/?updated_since=yesterday",
    "/api/v1/messages/?cursor=garbage",
    "/api/v1/narratives/nar_aaaaaaaaaaaaaaaaaaaaaaaa/",
    "/api/v1/messages/not-an-id/",
    "/api/v1/changes/?cursor=garbage",
]


def _everything(response) -> str:
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    return headers + "\n" + response.content.decode("utf-8", errors="replace")


@pytest.mark.django_db
@override_settings(API_CHANGES_SETTLE_SECONDS=0)
def test_no_vault_canary_in_any_response_or_log(world, make_key, api, editor, caplog):
    caplog.set_level(logging.DEBUG)
    # The canaries really are in the vault, in every field, for narratives in live messages.
    record = SourceRecord.objects.get(narrative=world.narratives[0])
    assert record.real_name.startswith("ZQXCANARY0") and record.consent_notes
    assert world.live.excerpts.filter(narrative=world.narratives[0]).exists()

    key = make_key()
    staff = Client()
    staff.force_login(editor)
    seen = []
    for path in PATHS:
        seen.append(api.get(path, key=key))
        seen.append(staff.get(path))
    seen.append(api.get(PATHS[0]))  # 401
    seen.append(api.get(PATHS[0], key=key + "x"))  # 401
    seen.append(api.get(PATHS[0], key=make_key(["write:metrics"])))  # 403
    seen.append(
        api.post_json(
            "/api/v1/metrics/",
            {"message": world.live.public_id, "day": "2999-01-01", "impressions": -1},
            key=key,
        )
    )
    seen.append(
        api.post(
            "/api/v1/metrics/",
            "{broken",
            content_type="application/json",
            headers={"Authorization": f"Api-Key {key}"},
        )
    )
    statuses = {r.status_code for r in seen}
    assert {200, 400, 401, 403, 404} <= statuses
    # And the webhook payloads.
    make_key(["read:messages"])
    partner = make_key.last.partner
    services.set_webhook(partner=partner, url="http://127.0.0.1:9/hook")
    payloads = [  # the bodies as they would be sent now
        services.webhook_payload(d, now=timezone.now())
        for event in ("message.published", "message.withdrawn")
        for d in services.enqueue_message_event(message=world.live, event=event)
    ]
    assert payloads

    haystack = "\n".join(_everything(r) for r in seen) + repr(payloads) + caplog.text
    leaked = [canary for canary in world.canaries if canary in haystack]
    assert leaked == []
    # Spot check that the haystack does contain the public content it should.
    assert world.live.headline in haystack
    assert world.narratives[0].public_id in haystack
