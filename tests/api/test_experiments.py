"""Partners and experiments: which are running, which variant a unit gets, and the counts
they report per variant and day."""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from campaigns.experiments import services as experiments
from campaigns.experiments.analysis import sample_ratio_check
from campaigns.experiments.models import Experiment, ExperimentCount
from campaigns.experiments.selectors import analyse_experiment
from campaigns.models import Message
from campaigns.services import withdraw_message
from core.egress import Kind, registry
from partners import services
from partners.models import WebhookDelivery
from tests.api.conftest import make_message
from tests.core.test_egress import key_paths, registered, unregistered

pytestmark = pytest.mark.django_db

QUESTION = "ZQXQUESTION: does a former member's story bring more help-line contacts?"


def unit(n: int) -> str:
    return hashlib.sha256(f"partner-user-{n}".encode()).hexdigest()


@pytest.fixture
def second(world):
    return make_message(world.campaign, world.excerpts[:1])


@pytest.fixture
def experiment(world, second, editor, analyst):
    """A running experiment: the world's live message (control, weight 1) against a second
    live message of the same campaign (weight 3), started five days ago."""
    found = experiments.create_experiment(
        user=editor,
        campaign=world.campaign,
        question=QUESTION,
        hypothesis="ZQXHYPOTHESIS",
        primary_outcome="helpline_contacts",
        secondary_outcomes=["cta_clicks"],
        baseline_rate=0.1,
        min_effect=0.5,
    )
    experiments.add_variant(user=editor, experiment=found, message=world.live)
    experiments.add_variant(user=editor, experiment=found, message=second, weight=3)
    experiments.submit_experiment_for_approval(user=editor, experiment=found)
    experiments.approve_experiment(user=analyst, experiment=found)
    experiments.start_experiment(user=editor, experiment=found)
    Experiment.objects.filter(pk=found.pk).update(started_at=timezone.now() - timedelta(days=5))
    found.refresh_from_db()
    return found


def keys(experiment):
    return [v.key for v in experiment.variants.order_by("position")]


def counts_body(experiment, **overrides):
    control, treated = keys(experiment)
    day = (timezone.now() - timedelta(days=1)).date().isoformat()
    rows = [
        {"variant": control, "day": day, "impressions": 1000, "reach": 900, "cta_clicks": 20},
        {"variant": treated, "day": day, "impressions": 3000, "reach": 2500, "cta_clicks": 90},
    ]
    rows[1].update(overrides)
    return {"counts": rows}


def url(experiment, tail=""):
    return f"/api/v1/experiments/{experiment.public_id}/{tail}"


# --- Reading ---------------------------------------------------------------------------------


def test_the_list_names_variants_weights_and_the_control_and_no_words(
    experiment, world, second, make_key, api
):
    response = api.get("/api/v1/experiments/", key=make_key())
    assert response.status_code == 200, response.content
    page = response.json()
    assert set(page) == {"results", "next_cursor", "has_more"}
    (item,) = page["results"]
    assert item["id"] == experiment.public_id
    assert item["campaign"] == world.campaign.public_id
    assert (item["status"], item["allocation"]) == ("running", "ours")
    assert item["primary_outcome"] == "helpline_contacts"
    assert [(v["message"], v["weight"], v["control"]) for v in item["variants"]] == [
        (world.live.public_id, 1, True),
        (second.public_id, 3, False),
    ]
    # The question and hypothesis are editors' words: they never go out.
    assert b"ZQXQUESTION" not in response.content and b"ZQXHYPOTHESIS" not in response.content
    detail = api.get(url(experiment), key=make_key())
    assert detail.status_code == 200
    assert detail.json() == item


def test_a_draft_or_an_experiment_with_a_variant_hidden_from_the_partner_is_not_listed(
    experiment, world, editor, make_key, api
):
    draft = experiments.create_experiment(
        user=editor, campaign=world.campaign, question="Q", primary_outcome="cta_clicks"
    )
    # A partner restricted to French sees neither English variant: not its experiment.
    french = make_key(languages=["fr"])
    assert api.get("/api/v1/experiments/", key=french).json()["results"] == []
    assert api.get(url(experiment), key=french).status_code == 404
    everything = make_key()
    assert [e["id"] for e in api.get("/api/v1/experiments/", key=everything).json()["results"]] == [
        experiment.public_id
    ]
    assert api.get(url(draft), key=everything).status_code == 404
    assert api.get("/api/v1/experiments/exp_nothing/", key=everything).status_code == 404


def test_reading_needs_read_messages(experiment, make_key, api):
    response = api.get("/api/v1/experiments/", key=make_key(["read:reasons"]))
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


# --- Assignment ------------------------------------------------------------------------------


def test_a_unit_always_gets_the_same_variant_and_units_split_by_the_weights(
    experiment, make_key, api
):
    key = make_key()
    control, treated = keys(experiment)
    first = api.get(url(experiment, "assignment/"), {"unit": unit(1)}, key=key).json()
    again = api.get(url(experiment, "assignment/"), {"unit": unit(1)}, key=make_key()).json()
    assert first == again
    assert first["experiment"] == experiment.public_id
    assert first["variant"] in (control, treated)
    got = Counter(
        api.get(url(experiment, "assignment/"), {"unit": unit(n)}, key=key).json()["variant"]
        for n in range(400)
    )
    # Weights 1:3, so about 100 and 300: the sample-ratio check finds nothing wrong.
    assert not sample_ratio_check([got[control], got[treated]], [1, 3]).mismatch
    assert 60 < got[control] < 140


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"unit": "short"},
        {"unit": "someone@example.org-aaaaaaaa"},
        {"unit": ["a" * 20, "b" * 20]},
    ],
)
def test_a_missing_or_personal_unit_is_a_400_that_does_not_repeat_it(
    experiment, make_key, api, query
):
    response = api.get(url(experiment, "assignment/"), query, key=make_key())
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid_parameter" and "unit" in body["errors"]
    assert b"someone@example.org" not in response.content


def test_assignment_is_refused_when_stopped_or_split_by_the_partner(
    experiment, world, second, editor, analyst, make_key, api
):
    key = make_key()
    experiments.stop_experiment(user=editor, experiment=experiment, reason="Enough data.")
    response = api.get(url(experiment, "assignment/"), {"unit": unit(1)}, key=key)
    assert response.status_code == 409
    assert response.json()["code"] == "experiment_not_running"
    # Still listed, stopped, so partners stop assigning.
    listed = api.get("/api/v1/experiments/", key=key).json()["results"]
    assert [(e["id"], e["status"]) for e in listed] == [(experiment.public_id, "stopped")]

    theirs = experiments.create_experiment(
        user=editor,
        campaign=world.campaign,
        question="Ad split test",
        primary_outcome="cta_clicks",
        baseline_rate=0.02,
        min_effect=0.3,
        allocation="partner",
    )
    experiments.add_variant(user=editor, experiment=theirs, message=world.live)
    experiments.add_variant(user=editor, experiment=theirs, message=second)
    experiments.submit_experiment_for_approval(user=editor, experiment=theirs)
    experiments.approve_experiment(user=analyst, experiment=theirs)
    experiments.start_experiment(user=editor, experiment=theirs)
    response = api.get(url(theirs, "assignment/"), {"unit": unit(1)}, key=key)
    assert response.status_code == 409
    assert response.json()["code"] == "partner_allocation"


# --- Counts ----------------------------------------------------------------------------------


def test_counts_are_stored_per_partner_and_a_repeat_replaces_them(experiment, make_key, api):
    key = make_key(["write:metrics"])
    first = api.post_json(url(experiment, "metrics/"), counts_body(experiment), key=key)
    assert first.status_code == 200, first.content
    assert first.json() == {"created": 2, "replaced": 0, "unchanged": 0}
    again = api.post_json(
        url(experiment, "metrics/"), counts_body(experiment, cta_clicks=95), key=key
    )
    assert again.json() == {"created": 0, "replaced": 1, "unchanged": 1}
    other = api.post_json(
        url(experiment, "metrics/"), counts_body(experiment), key=make_key(["write:metrics"])
    )
    assert other.json()["created"] == 2
    assert ExperimentCount.objects.count() == 4
    assert sorted(ExperimentCount.objects.values_list("cta_clicks", flat=True)) == [20, 20, 90, 95]


def test_an_idempotency_key_replays_within_one_experiment_only(
    experiment, world, second, editor, analyst, make_key, api
):
    key = make_key(["write:metrics"])
    token = str(uuid.uuid4())
    body = counts_body(experiment)
    first = api.post_json(
        url(experiment, "metrics/"), body, key=key, headers={"Idempotency-Key": token}
    )
    replay = api.post_json(
        url(experiment, "metrics/"), body, key=key, headers={"Idempotency-Key": token}
    )
    assert replay.json() == first.json() and replay["Idempotent-Replayed"] == "true"
    assert ExperimentCount.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"reach": 4000}, "counts"),  # reach above impressions
        ({"cta_clicks": 3001}, "counts"),  # an outcome above impressions
        ({"variant": "v_nothing"}, "counts"),
        ({"day": "2001-01-01"}, "counts"),  # before the start
        ({"day": (timezone.now() + timedelta(days=3)).date().isoformat()}, "counts"),
        ({"impressions": -1}, "counts.1.impressions"),
        ({"impressions": "many"}, "counts.1.impressions"),
        ({"day": "2026-02-30"}, "counts.1.day"),
        ({"colour": "red"}, "counts.1"),
    ],
)
def test_a_bad_row_is_a_400_and_nothing_is_stored(experiment, make_key, api, overrides, field):
    response = api.post_json(
        url(experiment, "metrics/"),
        counts_body(experiment, **overrides),
        key=make_key(["write:metrics"]),
    )
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert field in errors, errors
    assert ExperimentCount.objects.count() == 0


@pytest.mark.parametrize("body", [{}, {"counts": []}, {"counts": "x"}, [], {"counts": [None]}])
def test_a_malformed_body_is_a_400(experiment, make_key, api, body):
    response = api.post_json(url(experiment, "metrics/"), body, key=make_key(["write:metrics"]))
    assert response.status_code == 400, response.content
    assert ExperimentCount.objects.count() == 0


def test_reporting_needs_write_metrics_and_a_visible_started_experiment(
    experiment, world, editor, make_key, api
):
    body = counts_body(experiment)
    reader = make_key(["read:messages"])
    assert api.post_json(url(experiment, "metrics/"), body, key=reader).status_code == 403
    french = make_key(["write:metrics"], languages=["fr"])
    assert api.post_json(url(experiment, "metrics/"), body, key=french).status_code == 404
    draft = experiments.create_experiment(
        user=editor, campaign=world.campaign, question="Q", primary_outcome="cta_clicks"
    )
    writer = make_key(["write:metrics"])
    assert api.post_json(url(draft, "metrics/"), body, key=writer).status_code == 404
    assert ExperimentCount.objects.count() == 0


def test_counts_reported_through_the_api_reach_the_analysis(experiment, make_key, api):
    key = make_key(["write:metrics"])
    response = api.post_json(url(experiment, "metrics/"), counts_body(experiment), key=key)
    assert response.status_code == 200
    analysis = analyse_experiment(experiment)
    assert analysis.units == 4000
    assert analysis.planned_units == experiment.planned_units < 4000
    # The primary outcome (help-line contacts) was 0 in both: the plan's sample is reached
    # and nothing tells the variants apart.
    assert analysis.verdict.code == "no_difference"


def test_every_key_the_experiment_endpoints_send_is_registered(experiment, make_key, api):
    key = make_key()
    sent = set()
    page = api.get("/api/v1/experiments/", key=key).json()
    sent |= {f"page.{k}" for k in page}
    sent |= {f"experiment.{p}" for p in key_paths(page["results"])}
    sent |= {f"experiment.{p}" for p in key_paths(api.get(url(experiment), key=key).json())}
    assigned = api.get(url(experiment, "assignment/"), {"unit": unit(7)}, key=key).json()
    sent |= {f"assignment.{p}" for p in key_paths(assigned)}
    stored = api.post_json(url(experiment, "metrics/"), counts_body(experiment), key=key).json()
    sent |= {f"experiment_counts.{p}" for p in key_paths(stored)}
    assert registry.names(Kind.API_FIELD)
    assert unregistered(sent, registered(Kind.API_FIELD, "api:")) == set()


# --- Webhooks --------------------------------------------------------------------------------


def _hooked(make_key, **kwargs):
    make_key(["read:messages"], **kwargs)
    services.set_webhook(partner=make_key.last.partner, url="http://127.0.0.1:9/hook")
    return make_key.last.partner


def test_starting_and_stopping_tell_the_partners_that_serve_the_variants(
    world, second, editor, analyst, make_key
):
    serving = _hooked(make_key)
    french_only = _hooked(make_key, languages=["fr"])
    found = experiments.create_experiment(
        user=editor,
        campaign=world.campaign,
        question=QUESTION,
        primary_outcome="cta_clicks",
        baseline_rate=0.05,
        min_effect=0.4,
    )
    experiments.add_variant(user=editor, experiment=found, message=world.live)
    experiments.add_variant(user=editor, experiment=found, message=second)
    experiments.submit_experiment_for_approval(user=editor, experiment=found)
    experiments.approve_experiment(user=analyst, experiment=found)
    assert not WebhookDelivery.objects.filter(event__startswith="experiment.").exists()
    experiments.start_experiment(user=editor, experiment=found)
    experiments.stop_experiment(user=editor, experiment=found, reason="Enough.")
    deliveries = WebhookDelivery.objects.filter(event__startswith="experiment.").order_by("pk")
    assert [(d.partner_id, d.event) for d in deliveries] == [
        (serving.pk, "experiment.started"),
        (serving.pk, "experiment.stopped"),
    ]
    assert french_only.pk not in {d.partner_id for d in deliveries}
    payloads = [services.webhook_payload(d, now=timezone.now()) for d in deliveries]
    assert [p["data"]["status"] for p in payloads] == ["stopped", "stopped"]  # built at send time
    assert payloads[0]["data"]["id"] == found.public_id
    assert all(QUESTION not in str(p) for p in payloads)
    sent = set().union(*(key_paths(p) for p in payloads))
    assert unregistered(sent, registered(Kind.WEBHOOK_FIELD, "webhook:")) == set()
    # Nothing in them is free text a leak check would have to read.
    assert all(services.payload_texts(p) == [] for p in payloads)


# --- The changes feed ------------------------------------------------------------------------


@override_settings(API_CHANGES_SETTLE_SECONDS=0)
def test_the_feed_carries_experiments_only_when_asked_and_tombstones_what_it_showed(
    experiment, world, editor, make_key, api
):
    key = make_key()
    unasked = api.get("/api/v1/changes/", key=key).json()["results"]
    assert "experiment" not in {item["type"] for item in unasked}
    asked = api.get("/api/v1/changes/", {"type": "experiment"}, key=key).json()
    (item,) = asked["results"]
    assert (item["type"], item["id"], item["deleted"]) == (
        "experiment",
        experiment.public_id,
        False,
    )
    assert item["data"] == api.get(url(experiment), key=key).json()
    both = api.get("/api/v1/changes/", {"type": "experiment,message"}, key=key).json()["results"]
    assert {i["type"] for i in both} == {"experiment", "message"}
    # A partner that could never run it never learns its id.
    french = make_key(languages=["fr"])
    assert api.get("/api/v1/changes/", {"type": "experiment"}, key=french).json()["results"] == []
    # A variant taken down: the partner that was shown the experiment gets a tombstone.
    Message.objects.filter(pk=world.live.pk).update(status=Message.Status.WITHDRAWN)
    Experiment.objects.filter(pk=experiment.pk).update(updated_at=timezone.now())
    after = api.get(
        "/api/v1/changes/", {"type": "experiment", "cursor": asked["next_cursor"]}, key=key
    ).json()["results"]
    assert [(i["id"], i["deleted"], "data" in i) for i in after] == [
        (experiment.public_id, True, False)
    ]


def test_an_unknown_feed_type_names_the_ones_there_are(make_key, api):
    response = api.get("/api/v1/changes/", {"type": "experiments"}, key=make_key())
    assert response.status_code == 400
    assert "experiment" in response.json()["errors"]["type"][0]


def test_fields_narrow_the_list_and_the_detail_like_every_other_endpoint(experiment, make_key, api):
    key = make_key()
    page = api.get("/api/v1/experiments/", {"fields": "status"}, key=key).json()
    assert page["results"] == [{"id": experiment.public_id, "status": "running"}]
    detail = api.get(url(experiment), {"fields": "variants"}, key=key).json()
    assert set(detail) == {"id", "variants"}
    assert api.get(url(experiment), {"fields": "question"}, key=key).status_code == 400


def test_a_variant_that_comes_down_stops_the_experiment_and_tells_the_partners(
    experiment, world, editor, make_key, api
):
    serving = _hooked(make_key)
    withdraw_message(user=editor, message=world.live, reason="Taken down.")
    experiment.refresh_from_db()
    assert experiment.status == Experiment.Status.STOPPED
    assert experiment.stop_reason == experiments.VARIANT_CAME_DOWN
    assert experiment.changes.filter(action="stopped", actor__isnull=True).exists()
    assert WebhookDelivery.objects.filter(
        partner=serving, event="experiment.stopped", object_id=experiment.public_id
    ).exists()
    key = make_key()
    response = api.get(url(experiment, "assignment/"), {"unit": unit(3)}, key=key)
    assert response.status_code == 409
