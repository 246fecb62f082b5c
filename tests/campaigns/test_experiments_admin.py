"""The experiments' admin: editors plan and run experiments, each step a page and a service
call; the plan is read-only once submitted; refusals are 403s or messages, never 500s."""

from __future__ import annotations

import pytest
from django.urls import reverse

from campaigns.experiments import services as experiments
from campaigns.experiments.models import Experiment, ExperimentChange, Variant
from tests.factories import CampaignFactory, MessageFactory

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/campaigns/experiment/add/"


@pytest.fixture
def campaign():
    return CampaignFactory()


@pytest.fixture
def approved_messages(campaign):
    return [MessageFactory(campaign=campaign, status="approved") for _ in range(2)]


def step_url(experiment, step):
    return reverse("admin:campaigns_experiment_step", args=[experiment.pk, step])


def change_url(experiment):
    return reverse("admin:campaigns_experiment_change", args=[experiment.pk])


def form_data(campaign, messages, **overrides):
    data = {
        "campaign": campaign.pk,
        "question": "Which story brings more help-line contacts?",
        "hypothesis": "",
        "primary_outcome": "helpline_contacts",
        "secondary_outcomes": ["cta_clicks"],
        "baseline_rate": "0.1",
        "min_effect": "0.5",
        "allocation": "ours",
        "planned_end": "",
        "variants-TOTAL_FORMS": str(len(messages)),
        "variants-INITIAL_FORMS": "0",
        "variants-MIN_NUM_FORMS": "0",
        "variants-MAX_NUM_FORMS": "4",
    }
    for index, message in enumerate(messages):
        data[f"variants-{index}-message"] = message.pk
        data[f"variants-{index}-weight"] = "1"
        data[f"variants-{index}-position"] = "0"
    data.update(overrides)
    return data


@pytest.fixture
def planned(editor, campaign, approved_messages):
    experiment = experiments.create_experiment(
        user=editor,
        campaign=campaign,
        question="Which story?",
        primary_outcome="cta_clicks",
        baseline_rate=0.1,
        min_effect=0.5,
    )
    for message in approved_messages:
        experiments.add_variant(user=editor, experiment=experiment, message=message)
    return experiment


def test_an_editor_plans_an_experiment_with_its_variants(
    client, editor, campaign, approved_messages
):
    client.force_login(editor)
    assert client.get(ADD_URL).status_code == 200
    response = client.post(ADD_URL, form_data(campaign, approved_messages))
    assert response.status_code == 302, response.content.decode()[:2000]
    experiment = Experiment.objects.get()
    assert experiment.author == editor
    assert list(experiment.variants.order_by("position").values_list("message", flat=True)) == [
        m.pk for m in approved_messages
    ]
    assert experiment.planned_units and experiment.secondary_outcomes == ["cta_clicks"]
    assert ExperimentChange.objects.filter(experiment=experiment, action="created").exists()
    page = client.get(change_url(experiment)).content.decode()
    assert step_url(experiment, "submit") in page
    assert client.get("/admin/campaigns/experiment/").status_code == 200


def test_a_refused_variant_is_a_form_error_not_a_server_error(client, editor, campaign):
    client.force_login(editor)
    other = MessageFactory(status="approved")  # another campaign's
    mine = MessageFactory(campaign=campaign, status="approved")
    response = client.post(ADD_URL, form_data(campaign, [mine, other]))
    assert response.status_code == 200  # the form again, with what was typed
    page = response.content.decode()
    assert "belongs to another campaign" in page and "Which story brings more" in page
    assert not Experiment.objects.exists()


def test_an_impossible_plan_is_a_form_error(client, editor, campaign, approved_messages):
    client.force_login(editor)
    response = client.post(ADD_URL, form_data(campaign, approved_messages, baseline_rate="0.9"))
    assert response.status_code == 200
    assert "at or above 100 %" in response.content.decode()
    assert not Experiment.objects.exists()


def test_a_refusal_the_form_cannot_foresee_rolls_the_save_back_and_says_why(
    client, editor, campaign, approved_messages, monkeypatch
):
    def refuse(**kwargs):
        raise experiments.ExperimentError("Refused for a reason the form cannot see.")

    monkeypatch.setattr(experiments, "add_variant", refuse)
    client.force_login(editor)
    response = client.post(ADD_URL, form_data(campaign, approved_messages), follow=True)
    assert response.status_code == 200
    assert "Refused for a reason the form cannot see." in response.content.decode()
    assert not Experiment.objects.exists()  # the whole save rolled back


def test_the_editor_takes_it_through_submit_start_and_stop(client, editor, planned, superuser):
    client.force_login(editor)
    assert client.get(step_url(planned, "submit")).status_code == 200
    assert client.post(step_url(planned, "submit")).status_code == 302
    planned.refresh_from_db()
    assert planned.status == "in_review"
    # Read-only once submitted: the form shows no plan inputs, and offers no approval.
    page = client.get(change_url(planned)).content.decode()
    assert 'name="question"' not in page
    assert step_url(planned, "approve") not in page
    experiments.approve_experiment(user=superuser, experiment=planned)
    assert client.post(step_url(planned, "start")).status_code == 302
    planned.refresh_from_db()
    assert planned.status == "running" and planned.plan_at_start
    # Stopping asks for a reason; without one it says so and nothing changes.
    assert "Comment" in client.get(step_url(planned, "stop")).content.decode()
    response = client.post(step_url(planned, "stop"), {"comment": ""}, follow=True)
    assert "Say why the experiment stops." in response.content.decode()
    planned.refresh_from_db()
    assert planned.status == "running"
    client.post(step_url(planned, "stop"), {"comment": "Budget ran out."})
    planned.refresh_from_db()
    assert (planned.status, planned.stop_reason) == ("stopped", "Budget ran out.")
    assert "Budget ran out." in client.get(change_url(planned)).content.decode()


def test_an_amendment_asks_for_a_reason_and_is_shown(client, editor, planned, superuser):
    experiments.submit_experiment_for_approval(user=editor, experiment=planned)
    experiments.approve_experiment(user=superuser, experiment=planned)
    experiments.start_experiment(user=editor, experiment=planned)
    client.force_login(editor)
    assert client.get(step_url(planned, "amend")).status_code == 200
    client.post(
        step_url(planned, "amend"),
        {"question": "Which story, clearer?", "hypothesis": "", "comment": "Clearer wording."},
    )
    planned.refresh_from_db()
    assert planned.question == "Which story, clearer?"
    assert planned.plan_at_start["question"] == "Which story?"
    assert "Clearer wording." in client.get(change_url(planned)).content.decode()


def test_an_editor_may_not_approve_the_step_is_a_403(client, editor, planned):
    experiments.submit_experiment_for_approval(user=editor, experiment=planned)
    client.force_login(editor)
    assert client.get(step_url(planned, "approve")).status_code == 403
    assert client.post(step_url(planned, "approve")).status_code == 403
    assert client.post(step_url(planned, "request_changes"), {"comment": "x"}).status_code == 403
    assert client.get(step_url(planned, "nonsense")).status_code == 403
    planned.refresh_from_db()
    assert planned.status == "in_review"


def test_a_superuser_who_planned_it_cannot_approve_it(
    client, superuser, campaign, approved_messages
):
    client.force_login(superuser)
    client.post(ADD_URL, form_data(campaign, approved_messages))
    experiment = Experiment.objects.get()
    client.post(step_url(experiment, "submit"))
    response = client.post(step_url(experiment, "approve"), follow=True)
    assert "another person must approve it" in response.content.decode()
    experiment.refresh_from_db()
    assert experiment.status == "in_review"


def test_the_plan_cannot_be_changed_through_the_form_once_started(
    client, editor, planned, superuser
):
    experiments.submit_experiment_for_approval(user=editor, experiment=planned)
    experiments.approve_experiment(user=superuser, experiment=planned)
    experiments.start_experiment(user=editor, experiment=planned)
    client.force_login(editor)
    variant = planned.variants.first()
    data = form_data(planned.campaign, [], min_effect="0.1")
    data.update(
        {
            "variants-TOTAL_FORMS": "1",
            "variants-INITIAL_FORMS": "1",
            "variants-0-id": variant.pk,
            "variants-0-experiment": planned.pk,
            "variants-0-weight": "9",
        }
    )
    response = client.post(change_url(planned), data)
    assert response.status_code in {200, 302}
    planned.refresh_from_db()
    assert planned.min_effect == 0.5
    assert Variant.objects.get(pk=variant.pk).weight == 1


@pytest.mark.parametrize("role", ["analyst", "partner_user"])
def test_other_roles_are_kept_out_of_the_admin(client, request, planned, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(change_url(planned))
    assert response.status_code in {302, 403}
    assert client.post(step_url(planned, "submit")).status_code in {302, 403}
    planned.refresh_from_db()
    assert planned.status == "draft"


# --- The analysts' review pages (analysts do not use the admin) -----------------------------


def review_url(experiment, name="experiment"):
    return reverse(f"message_review:{name}", args=[experiment.public_id])


def test_an_analyst_reads_the_plan_and_approves_it(client, editor, analyst, planned):
    experiments.submit_experiment_for_approval(user=editor, experiment=planned)
    client.force_login(analyst)
    queue = client.get(reverse("message_review:experiments")).content.decode()
    assert planned.public_id in queue
    page = client.get(review_url(planned)).content.decode()
    assert "Which story?" in page and review_url(planned, "experiment_approve") in page
    response = client.post(review_url(planned, "experiment_approve"), follow=True)
    assert "Approved. The editor can now start the experiment." in response.content.decode()
    planned.refresh_from_db()
    assert (planned.status, planned.approved_by) == ("approved", analyst)


def test_an_analyst_sends_a_plan_back_with_a_comment(client, editor, analyst, planned):
    experiments.submit_experiment_for_approval(user=editor, experiment=planned)
    client.force_login(analyst)
    response = client.post(
        review_url(planned, "experiment_send_back"), {"comment": ""}, follow=True
    )
    assert response.status_code == 200
    planned.refresh_from_db()
    assert planned.status == "in_review"
    client.post(
        review_url(planned, "experiment_send_back"), {"comment": "Use the rate of last year."}
    )
    planned.refresh_from_db()
    assert planned.status == "changes_requested"
    assert "Use the rate of last year." in client.get(review_url(planned)).content.decode()


def test_approving_a_draft_is_refused_in_words(client, analyst, planned):
    client.force_login(analyst)
    response = client.post(review_url(planned, "experiment_approve"), follow=True)
    assert "An experiment that is draft cannot be approved." in response.content.decode()


@pytest.mark.parametrize("role", ["editor", "partner_user"])
def test_the_review_pages_are_refused_to_other_roles_with_a_403(client, request, planned, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(review_url(planned)).status_code == 403
    assert client.post(review_url(planned, "experiment_approve")).status_code == 403


def test_the_review_navigation_leads_analysts_to_the_experiments(client, analyst, planned):
    client.force_login(analyst)
    page = client.get(reverse("message_review:experiments")).content.decode()
    link = f'<a href="{reverse("message_review:experiments")}" aria-current="page">'
    assert link in page
    assert f'<a href="{reverse("message_review:queue")}" aria-current="page">' not in page
