"""The workflow engine: each app's table names only real statuses and events, and drives the
refusals and the buttons."""

from __future__ import annotations

import pytest

from campaigns.experiments.services import EXPERIMENT_WORKFLOW
from campaigns.models import Experiment, ExperimentChange, Message, MessageEvent
from campaigns.services import MESSAGE_WORKFLOW, MessageError
from core.workflow import Workflow
from narratives.models import Narrative, NarrativeEvent
from narratives.services import WORKFLOW, NarrativeError

TABLES = [
    pytest.param(WORKFLOW, Narrative, NarrativeEvent, id="narrative"),
    pytest.param(MESSAGE_WORKFLOW, Message, MessageEvent, id="message"),
    pytest.param(EXPERIMENT_WORKFLOW, Experiment, ExperimentChange, id="experiment"),
]


@pytest.mark.parametrize(("workflow", "model", "event_model"), TABLES)
def test_every_step_names_statuses_and_an_event_its_models_know(
    workflow: Workflow, model, event_model
):
    statuses = set(model.Status.values)
    actions = set(event_model.Action.values)
    for step in workflow.steps:
        assert step.sources <= statuses, step.name
        assert step.target in statuses, step.name
        assert not step.event or step.event in actions, step.name


def test_the_buttons_each_status_shows_come_from_the_table():
    def names(workflow, status, among=None):
        return [step.name for step in workflow.steps_from(status, among)]

    assert names(WORKFLOW, Narrative.Status.DRAFT) == ["submit"]
    assert names(WORKFLOW, Narrative.Status.IN_REVIEW) == ["approve", "request_changes"]
    assert names(WORKFLOW, Narrative.Status.RETIRED) == []
    admin = {"submit", "schedule", "unschedule"}
    assert names(MESSAGE_WORKFLOW, Message.Status.DRAFT, admin) == ["submit"]
    assert names(MESSAGE_WORKFLOW, Message.Status.APPROVED, admin) == ["schedule"]
    assert names(MESSAGE_WORKFLOW, Message.Status.SCHEDULED, admin) == ["unschedule"]
    assert MESSAGE_WORKFLOW.allows(Message.Status.PUBLISHED, "withdraw")
    assert not MESSAGE_WORKFLOW.allows(Message.Status.EXPIRED, "withdraw")


def test_a_refusal_says_what_the_status_is_and_what_cannot_be_done():
    with pytest.raises(NarrativeError, match=r"A narrative that is approved cannot be approved\."):
        WORKFLOW.check(Narrative(status=Narrative.Status.APPROVED), "approve")
    with pytest.raises(MessageError, match=r"A message that is draft cannot be scheduled\."):
        MESSAGE_WORKFLOW.check(Message(status=Message.Status.DRAFT), "schedule")
    assert WORKFLOW.check(Narrative(status=Narrative.Status.DRAFT), "submit") == "in_review"
