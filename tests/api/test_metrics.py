"""Partners report impressions, reach, clicks and shares per message and day."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from partners.models import MetricReport
from tests.api.conftest import metric_report

pytestmark = pytest.mark.django_db


def test_a_repeat_replaces_the_values(world, make_key, api):
    key = make_key(["write:metrics"])
    first = api.post_json("/api/v1/metrics/", metric_report(world), key=key)
    assert first.status_code == 201
    assert first.json()["created"] is True
    again = api.post_json("/api/v1/metrics/", metric_report(world, impressions=1500), key=key)
    assert again.status_code == 200
    assert again.json()["created"] is False
    report = MetricReport.objects.get()
    assert (report.impressions, report.reach, report.partner.api_keys.count()) == (1500, 800, 1)


def test_partners_report_separately(world, make_key, api):
    for _ in range(2):
        assert (
            api.post_json(
                "/api/v1/metrics/", metric_report(world), key=make_key(["write:metrics"])
            ).status_code
            == 201
        )
    assert MetricReport.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"impressions": -1}, "impressions"),
        ({"clicks": 1.5}, "clicks"),
        ({"shares": "many"}, "shares"),
        ({"reach": 10**16}, "reach"),
        ({"day": "2026-02-30"}, "day"),
        ({"day": (timezone.now() + timedelta(days=2)).date().isoformat()}, "day"),
        ({"message": "msg_aaaaaaaaaaaaaaaaaaaaaaaa"}, "message"),
        ({"message": "1"}, "message"),
        ({"impressions": None}, "impressions"),
    ],
)
def test_bad_reports_are_400(world, make_key, api, overrides, field):
    response = api.post_json(
        "/api/v1/metrics/", metric_report(world, **overrides), key=make_key(["write:metrics"])
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert MetricReport.objects.count() == 0


def test_only_messages_the_partner_could_see(world, make_key, api):
    fr_only = make_key(["write:metrics"], languages=["fr"])
    for message in (world.live, world.future):
        response = api.post_json(
            "/api/v1/metrics/", metric_report(world, message=message.public_id), key=fr_only
        )
        assert response.status_code == 400
    # A withdrawn message was seen before it came down: its figures are welcome.
    anyone = make_key(["write:metrics"])
    yesterday = (timezone.now() - timedelta(days=1)).date().isoformat()
    response = api.post_json(
        "/api/v1/metrics/",
        metric_report(world, message=world.withdrawn.public_id, day=yesterday),
        key=anyone,
    )
    assert response.status_code == 201


def test_missing_body_and_broken_json(world, make_key, api):
    key = make_key(["write:metrics"])
    assert api.post_json("/api/v1/metrics/", {}, key=key).status_code == 400
    response = api.post(
        "/api/v1/metrics/",
        "{nope",
        content_type="application/json",
        headers={"Authorization": f"Api-Key {key}"},
    )
    assert response.status_code == 400
    form = api.post("/api/v1/metrics/", {"a": "b"}, headers={"Authorization": f"Api-Key {key}"})
    assert form.status_code == 415


def test_metrics_shown_in_admin_to_editors(world, make_key, api, client, editor, custodian):
    api.post_json("/api/v1/metrics/", metric_report(world), key=make_key(["write:metrics"]))
    client.force_login(editor)
    page = client.get("/admin/partners/metricreport/")
    assert page.status_code == 200
    assert world.live.headline in page.content.decode()
    assert client.get("/admin/partners/apikey/").status_code == 403
    client.force_login(custodian)
    assert client.get("/admin/partners/metricreport/").status_code == 403
