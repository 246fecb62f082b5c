"""Experiments: the plan, four-eyes approval, the frozen plan once started, amendments and
the counts partners report, read back by the analysis."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from campaigns.experiments import selectors
from campaigns.experiments import services as experiments
from campaigns.experiments.analysis import planned_sample_size
from campaigns.experiments.models import Experiment, ExperimentChange, ExperimentCount, Variant
from campaigns.experiments.services import EXPERIMENT_WORKFLOW, ExperimentError
from core.models import AuditEntry
from tests.factories import CampaignFactory, MessageFactory

pytestmark = pytest.mark.django_db

Status = Experiment.Status
Action = ExperimentChange.Action


@pytest.fixture
def campaign():
    return CampaignFactory()


@pytest.fixture
def messages(campaign):
    return [MessageFactory(campaign=campaign, status="approved") for _ in range(4)]


def plan(user, campaign, **overrides):
    values = {
        "question": "Does the former member's story bring more help-line contacts?",
        "hypothesis": "A former member is more credible than a statistic.",
        "primary_outcome": "helpline_contacts",
        "secondary_outcomes": ["cta_clicks"],
        "baseline_rate": 0.1,
        "min_effect": 0.5,
    }
    values.update(overrides)
    return experiments.create_experiment(user=user, campaign=campaign, **values)


@pytest.fixture
def planned(editor, campaign, messages):
    experiment = plan(editor, campaign)
    experiments.add_variant(user=editor, experiment=experiment, message=messages[0])
    experiments.add_variant(user=editor, experiment=experiment, message=messages[1])
    experiment.refresh_from_db()
    return experiment


@pytest.fixture
def running(planned, editor, analyst):
    experiments.submit_experiment_for_approval(user=editor, experiment=planned)
    experiments.approve_experiment(user=analyst, experiment=planned)
    experiment = experiments.start_experiment(user=editor, experiment=planned)
    # Started ten days ago, so that days of counts can be reported.
    Experiment.objects.filter(pk=experiment.pk).update(
        started_at=timezone.now() - timedelta(days=10)
    )
    experiment.refresh_from_db()
    return experiment


def actions(experiment):
    return list(experiment.changes.order_by("at", "pk").values_list("action", flat=True))


def refusal(exc_info) -> str:
    return " ".join(exc_info.value.messages)


# --- The plan ------------------------------------------------------------------------------


def test_the_plan_computes_its_sample_size_from_baseline_effect_and_weights(planned, editor):
    assert planned.status == Status.DRAFT
    assert planned.public_id.startswith("exp_")
    assert planned.planned_units == planned_sample_size(0.1, 0.5, weights=[1, 1])
    control = planned.variants.get(position=0)
    experiments.change_variant(user=editor, variant=control, weight=3)
    planned.refresh_from_db()
    assert planned.planned_units == planned_sample_size(0.1, 0.5, weights=[3, 1])
    experiments.update_experiment_plan(user=editor, experiment=planned, changes={"min_effect": 1.0})
    planned.refresh_from_db()
    assert planned.planned_units == planned_sample_size(0.1, 1.0, weights=[3, 1])
    assert actions(planned) == [
        Action.CREATED,
        Action.VARIANT_ADDED,
        Action.VARIANT_ADDED,
        Action.VARIANT_CHANGED,
        Action.EDITED,
    ]


def test_expected_days_come_from_the_campaigns_past_impressions(running, editor, campaign):
    v0, v1 = running.variants.order_by("position")
    day = timezone.localdate() - timedelta(days=1)
    experiments.record_experiment_counts(
        experiment=running,
        source="ptn_a",
        rows=[
            {"variant": v0.key, "day": day.isoformat(), "impressions": 500},
            {"variant": v1.key, "day": day.isoformat(), "impressions": 500},
        ],
    )
    later = plan(editor, campaign)
    assert later.expected_days is None  # no variants yet: no plan
    for message in running.variants.values_list("message", flat=True):
        experiments.add_variant(
            user=editor, experiment=later, message=running.variants.get(message=message).message
        )
    later.refresh_from_db()
    assert later.expected_days == -(-later.planned_units // 1000)


def test_without_past_impressions_the_duration_is_unknown(planned):
    assert planned.expected_days is None


def test_a_variant_shows_an_approved_message_of_the_same_campaign(planned, editor, campaign):
    with pytest.raises(ExperimentError) as exc:
        experiments.add_variant(
            user=editor, experiment=planned, message=MessageFactory(campaign=campaign)
        )
    assert "approved" in refusal(exc)
    with pytest.raises(ExperimentError) as exc:
        experiments.add_variant(
            user=editor, experiment=planned, message=MessageFactory(status="approved")
        )
    assert "another campaign" in refusal(exc)


def test_an_experiment_has_at_most_four_variants(planned, editor, messages, campaign):
    experiments.add_variant(user=editor, experiment=planned, message=messages[2])
    experiments.add_variant(user=editor, experiment=planned, message=messages[3])
    with pytest.raises(ExperimentError, match="at most 4"):
        experiments.add_variant(
            user=editor,
            experiment=planned,
            message=MessageFactory(campaign=campaign, status="approved"),
        )


def test_removing_the_control_makes_the_next_variant_the_control(planned, editor, messages):
    experiments.add_variant(user=editor, experiment=planned, message=messages[2])
    control = planned.variants.get(position=0)
    experiments.remove_variant(user=editor, variant=control)
    assert list(planned.variants.order_by("position").values_list("position", "message")) == [
        (0, messages[1].pk),
        (1, messages[2].pk),
    ]
    assert actions(planned)[-1] == Action.VARIANT_REMOVED


def test_weights_must_be_positive(planned, editor):
    with pytest.raises(ExperimentError, match="weight"):
        experiments.change_variant(user=editor, variant=planned.variants.first(), weight=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Variant.objects.filter(pk=planned.variants.first().pk).update(weight=0)


def test_a_plan_with_an_impossible_effect_is_refused(editor, campaign):
    with pytest.raises(ExperimentError, match="100 %"):
        plan(editor, campaign, baseline_rate=0.8, min_effect=0.5)
    with pytest.raises(ExperimentError, match="between 0 and 1"):
        plan(editor, campaign, baseline_rate=1.5)


def test_only_editors_plan_experiments(analyst, campaign):
    with pytest.raises(PermissionDenied):
        plan(analyst, campaign)


# --- Review and four eyes ------------------------------------------------------------------


def test_submit_needs_a_complete_plan(editor, campaign, messages):
    experiment = plan(editor, campaign)
    experiments.add_variant(user=editor, experiment=experiment, message=messages[0])
    with pytest.raises(ExperimentError, match="2 to 4 variants"):
        experiments.submit_experiment_for_approval(user=editor, experiment=experiment)
    experiments.add_variant(user=editor, experiment=experiment, message=messages[1])
    experiments.update_experiment_plan(
        user=editor, experiment=experiment, changes={"baseline_rate": None}
    )
    with pytest.raises(ExperimentError, match="not computed"):
        experiments.submit_experiment_for_approval(user=editor, experiment=experiment)


def test_the_author_cannot_approve_their_own_plan(planned, superuser):
    planned.author = superuser
    planned.save(update_fields=["author"])
    experiments.submit_experiment_for_approval(user=superuser, experiment=planned)
    with pytest.raises(ExperimentError, match="another person must approve"):
        experiments.approve_experiment(user=superuser, experiment=planned)
    planned.refresh_from_db()
    assert planned.status == Status.IN_REVIEW


def test_whoever_submitted_this_version_cannot_approve_it(planned, superuser, analyst):
    experiments.submit_experiment_for_approval(user=superuser, experiment=planned)
    with pytest.raises(ExperimentError, match="submitted this version"):
        experiments.approve_experiment(user=superuser, experiment=planned)
    experiments.approve_experiment(user=analyst, experiment=planned)


def test_editors_cannot_approve(planned, editor):
    experiments.submit_experiment_for_approval(user=editor, experiment=planned)
    with pytest.raises(PermissionDenied):
        experiments.approve_experiment(user=editor, experiment=planned)


def test_every_transition_is_recorded_and_audited(planned, editor, analyst, analyst2):
    experiments.submit_experiment_for_approval(user=editor, experiment=planned)
    with pytest.raises(ExperimentError, match="Say what needs to change"):
        experiments.send_back_experiment(user=analyst, experiment=planned, comment="  ")
    experiments.send_back_experiment(
        user=analyst, experiment=planned, comment="A baseline from last year's campaign."
    )
    planned.refresh_from_db()
    assert planned.status == Status.CHANGES_REQUESTED
    experiments.update_experiment_plan(
        user=editor, experiment=planned, changes={"baseline_rate": 0.12}
    )
    experiments.submit_experiment_for_approval(user=editor, experiment=planned)
    experiments.approve_experiment(user=analyst2, experiment=planned)
    planned.refresh_from_db()
    assert (planned.status, planned.approved_by) == (Status.APPROVED, analyst2)
    experiments.start_experiment(user=editor, experiment=planned)
    experiments.stop_experiment(user=editor, experiment=planned, reason="The campaign ended.")
    planned.refresh_from_db()
    assert planned.status == Status.STOPPED
    assert planned.stop_reason == "The campaign ended."
    assert planned.stopped_at is not None
    assert actions(planned)[3:] == [
        Action.SUBMITTED,
        Action.CHANGES_REQUESTED,
        Action.EDITED,
        Action.SUBMITTED,
        Action.APPROVED,
        Action.STARTED,
        Action.STOPPED,
    ]
    sent_back = planned.changes.get(action=Action.CHANGES_REQUESTED)
    assert (sent_back.from_status, sent_back.to_status) == ("in_review", "changes_requested")
    audited = set(
        AuditEntry.objects.filter(target_id=planned.public_id).values_list("action", flat=True)
    )
    assert audited == {"experiment.approved", "experiment.started", "experiment.stopped"}


def test_a_step_from_the_wrong_status_is_refused_in_words(planned, editor):
    with pytest.raises(ExperimentError, match="An experiment that is draft cannot be started"):
        experiments.start_experiment(user=editor, experiment=planned)
    with pytest.raises(ExperimentError, match="cannot be stopped"):
        experiments.stop_experiment(user=editor, experiment=planned, reason="Why not.")


def test_the_plan_in_review_cannot_change(planned, editor):
    experiments.submit_experiment_for_approval(user=editor, experiment=planned)
    with pytest.raises(ExperimentError, match="in review"):
        experiments.update_experiment_plan(
            user=editor, experiment=planned, changes={"min_effect": 0.3}
        )


def test_changing_an_approved_plan_sends_it_back_to_review(planned, editor, analyst):
    experiments.submit_experiment_for_approval(user=editor, experiment=planned)
    experiments.approve_experiment(user=analyst, experiment=planned)
    experiments.change_variant(user=editor, variant=planned.variants.first(), weight=2)
    planned.refresh_from_db()
    assert planned.status == Status.IN_REVIEW
    assert planned.approved_by is None
    assert actions(planned)[-1] == Action.RETURNED_TO_REVIEW


# --- Started: read-only, amendments recorded -----------------------------------------------


def test_starting_freezes_the_plan(running):
    frozen = running.plan_at_start
    assert frozen["planned_units"] == running.planned_units
    assert frozen["primary_outcome"] == "helpline_contacts"
    assert [v["key"] for v in frozen["variants"]] == list(
        running.variants.order_by("position").values_list("key", flat=True)
    )
    assert running.started_at is not None


def test_the_plan_and_weights_are_read_only_once_started(running, editor, messages):
    with pytest.raises(ExperimentError, match="read-only"):
        experiments.update_experiment_plan(
            user=editor, experiment=running, changes={"min_effect": 0.3}
        )
    with pytest.raises(ExperimentError, match="read-only"):
        experiments.change_variant(user=editor, variant=running.variants.first(), weight=5)
    with pytest.raises(ExperimentError, match="read-only"):
        experiments.add_variant(user=editor, experiment=running, message=messages[2])
    with pytest.raises(ExperimentError, match="read-only"):
        experiments.remove_variant(user=editor, variant=running.variants.first())
    assert list(running.variants.values_list("weight", flat=True)) == [1, 1]


def test_an_amendment_is_recorded_with_its_reason(running, editor):
    new_end = timezone.localdate() + timedelta(days=30)
    experiments.amend_running_experiment(
        user=editor,
        experiment=running,
        reason="The partner extended the flight.",
        changes={"planned_end": new_end},
    )
    running.refresh_from_db()
    assert running.planned_end == new_end
    amended = running.changes.get(action=Action.AMENDED)
    assert amended.comment == "The partner extended the flight."
    assert amended.detail == {"fields": ["planned_end"]}
    assert running.plan_at_start["planned_end"] is None  # the pre-registered plan stays
    assert AuditEntry.objects.filter(action="experiment.amended").exists()


def test_an_amendment_never_touches_weights_or_outcomes(running, editor):
    for changes in ({"primary_outcome": "cta_clicks"}, {"min_effect": 0.1}, {"weight": 2}):
        with pytest.raises(ExperimentError, match="cannot change"):
            experiments.amend_running_experiment(
                user=editor, experiment=running, reason="Because.", changes=changes
            )
    with pytest.raises(ExperimentError, match="Say why"):
        experiments.amend_running_experiment(
            user=editor, experiment=running, reason=" ", changes={"question": "Other words?"}
        )


def test_stop_needs_a_reason(running, editor):
    with pytest.raises(ExperimentError, match="Say why the experiment stops"):
        experiments.stop_experiment(user=editor, experiment=running, reason="")


# --- Counts --------------------------------------------------------------------------------


def rows_for(experiment, day, control=(1000, 800, 100), variant=(1000, 800, 100)):
    v0, v1 = experiment.variants.order_by("position")
    return [
        {
            "variant": key,
            "day": day.isoformat(),
            "impressions": imp,
            "reach": reach,
            "helpline_contacts": contacts,
            "cta_clicks": contacts,
        }
        for key, (imp, reach, contacts) in ((v0.key, control), (v1.key, variant))
    ]


def test_counts_sent_again_replace_rather_than_add(running):
    day = timezone.localdate() - timedelta(days=2)
    first = experiments.record_experiment_counts(
        experiment=running, source="ptn_a", rows=rows_for(running, day)
    )
    assert (first.created, first.replaced, first.unchanged) == (2, 0, 0)
    again = experiments.record_experiment_counts(
        experiment=running, source="ptn_a", rows=rows_for(running, day)
    )
    assert (again.created, again.replaced, again.unchanged) == (0, 0, 2)
    corrected = experiments.record_experiment_counts(
        experiment=running, source="ptn_a", rows=rows_for(running, day, control=(1200, 900, 90))
    )
    assert (corrected.created, corrected.replaced) == (0, 1)
    assert ExperimentCount.objects.count() == 2
    control = ExperimentCount.objects.get(variant__position=0)
    assert (control.impressions, control.helpline_contacts) == (1200, 90)
    # Another source's report of the same day is its own row, summed by the selector.
    experiments.record_experiment_counts(
        experiment=running, source="ptn_b", rows=rows_for(running, day)
    )
    data = selectors.experiment_data(running)
    assert data.units[0][8] == 2200  # day 8 of the experiment, both sources


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"variant": "v_nosuchkey"}, "no variant of this experiment has that key"),
        ({"day": "2001-01-01"}, "before the experiment started"),
        ({"day": "later"}, "YYYY-MM-DD"),
        ("future", "after"),
        ({"impressions": -1}, "cannot be negative"),
        ({"cta_clicks": 2000}, "cta_clicks is larger than impressions"),
        ({"reach": 2000}, "reach is larger than impressions"),
        ({"helpline_contacts": 1.5}, "whole number"),
        ({"clicks": 3}, "remove the other fields"),
    ],
)
def test_a_bad_row_rejects_the_whole_batch_and_says_which(running, change, words):
    day = timezone.localdate() - timedelta(days=1)
    rows = rows_for(running, day) + rows_for(running, day - timedelta(days=1))
    if change == "future":
        change = {"day": (timezone.localdate() + timedelta(days=1)).isoformat()}
    rows[3] = {**rows[3], **change}
    with pytest.raises(ExperimentError) as exc:
        experiments.record_experiment_counts(experiment=running, source="ptn_a", rows=rows)
    text = refusal(exc)
    assert "Row 4:" in text and words in text
    assert "Nothing in this batch was recorded" in text
    assert "v_nosuchkey" not in text and "later" not in text  # never repeats what was sent
    assert ExperimentCount.objects.count() == 0
    assert not running.changes.filter(action=Action.COUNTS_RECORDED).exists()


def test_the_database_refuses_more_clicks_than_impressions(running):
    day = timezone.localdate()
    experiments.record_experiment_counts(
        experiment=running, source="ptn_a", rows=rows_for(running, day)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ExperimentCount.objects.update(cta_clicks=5000)


def test_counts_wait_for_the_start(planned):
    with pytest.raises(ExperimentError, match="not started"):
        experiments.record_experiment_counts(
            experiment=planned,
            source="ptn_a",
            rows=[{"variant": "x", "day": timezone.localdate().isoformat()}],
        )


# --- Selector and analysis -----------------------------------------------------------------


def test_the_analysis_collects_until_the_planned_sample_then_gives_a_verdict(running):
    assert selectors.analyse_experiment(running).verdict.code == "no_data"
    start = timezone.localdate(running.started_at)
    experiments.record_experiment_counts(
        experiment=running,
        source="ptn_a",
        rows=rows_for(running, start, control=(500, 400, 50), variant=(500, 400, 80)),
    )
    result = selectors.analyse_experiment(running)
    assert result.verdict.code == "collecting"
    assert 0 < result.verdict.progress < 1
    assert [o.name for o in result.outcomes] == ["helpline_contacts", "cta_clicks"]
    assert result.outcomes[0].primary
    # Enough impressions for the plan, with the variant's rate far above the control's.
    per_day = running.planned_units // 2 // 4 + 1
    rows = []
    for n in range(1, 5):
        rows += rows_for(
            running,
            start + timedelta(days=n),
            control=(per_day, per_day, per_day // 10),
            variant=(per_day, per_day, per_day // 5),
        )
    experiments.record_experiment_counts(experiment=running, source="ptn_a", rows=rows)
    result = selectors.analyse_experiment(running)
    assert result.enough_data
    treated = running.variants.get(position=1).key
    assert (result.verdict.code, result.verdict.variants) == ("better", (treated,))


def test_the_workflow_table_names_the_models_statuses_and_events():
    statuses, actions_ = set(Status.values), set(Action.values)
    for step in EXPERIMENT_WORKFLOW.steps:
        assert step.target in statuses and step.sources <= statuses
        assert not step.event or step.event in actions_
    assert EXPERIMENT_WORKFLOW.by_name["approve"].permission == "campaigns.approve_experiment"
