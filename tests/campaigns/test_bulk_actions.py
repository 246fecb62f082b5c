"""Bulk actions on the message changelist: each message through its service, each result
reported, refusals beside successes; no Delete where deleting is always refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from campaigns.models import Message
from tests.factories import MessageFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/campaigns/message/"


def post_action(client, action, messages, **extra):
    data = {"action": action, "_selected_action": [m.pk for m in messages], "index": 0, **extra}
    return client.post(CHANGELIST, data, follow=True)


def reported(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def status_of(message) -> str:
    return Message.objects.get(pk=message.pk).status


def test_the_changelist_offers_the_four_actions_and_no_delete(client, editor):
    MessageFactory()
    client.force_login(editor)
    page = client.get(CHANGELIST).content.decode()
    for action in ("submit_selected", "schedule_selected", "unschedule_selected"):
        assert f'value="{action}"' in page
    assert 'value="withdraw_selected"' in page
    assert "delete_selected" not in page


def test_a_message_has_no_delete_page(client, superuser):
    message = MessageFactory()
    client.force_login(superuser)
    assert client.get(f"{CHANGELIST}{message.pk}/delete/").status_code == 403


def test_submit_a_mixed_batch_reports_each_message(client, editor):
    drafts = [MessageFactory(status="draft", author=editor) for _ in range(2)]
    live = MessageFactory(status="published", publish_at=timezone.now())
    client.force_login(editor)
    response = post_action(client, "submit_selected", [*drafts, live])
    assert response.status_code == 200
    assert [status_of(m) for m in drafts] == ["in_review", "in_review"]
    assert status_of(live) == "published"
    lines = reported(response)
    assert len(lines) == 3
    for draft in drafts:
        assert any(line.startswith(draft.public_id) and "now in review" in line for line in lines)
    refusal = next(line for line in lines if line.startswith(live.public_id))
    assert "now" not in refusal.split(":", 1)[1][:5]


def test_schedule_asks_for_the_time_first_then_schedules_each(client, editor):
    approved = [MessageFactory(status="approved") for _ in range(2)]
    draft = MessageFactory(status="draft")
    batch = [*approved, draft]
    client.force_login(editor)
    ask = post_action(client, "schedule_selected", batch)
    page = ask.content.decode()
    assert 'type="datetime-local"' in page and 'name="publish_at"' in page
    assert all(status_of(m) == m.status for m in batch)  # nothing changed yet

    # An invalid window is refused by the form, still nothing done.
    bad = post_action(client, "schedule_selected", batch, apply="1", publish_at="not a date")
    assert "Enter a valid date/time" in bad.content.decode()
    assert status_of(approved[0]) == "approved"

    when = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    done = post_action(client, "schedule_selected", batch, apply="1", publish_at=when)
    assert [status_of(m) for m in approved] == ["scheduled", "scheduled"]
    assert status_of(draft) == "draft"
    lines = reported(done)
    assert sum("now scheduled" in line for line in lines) == 2
    refusal = next(line for line in lines if line.startswith(draft.public_id))
    assert "now scheduled" not in refusal
    assert Message.objects.get(pk=approved[0].pk).publish_at is not None


def test_schedule_passes_the_services_refusal_of_a_bad_window(client, editor):
    message = MessageFactory(status="approved")
    client.force_login(editor)
    start = timezone.localtime() + timedelta(days=2)
    response = post_action(
        client,
        "schedule_selected",
        [message],
        apply="1",
        publish_at=start.strftime("%Y-%m-%dT%H:%M"),
        unpublish_at=(start - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    )
    assert status_of(message) == "approved"
    assert reported(response) == [
        f"{message.public_id} “{message.headline}”: The message must come down after it goes live."
    ]


def test_unschedule_a_mixed_batch(client, editor):
    waiting = MessageFactory(status="scheduled", publish_at=timezone.now() + timedelta(days=1))
    already_live = MessageFactory(
        status="scheduled", publish_at=timezone.now() - timedelta(hours=1)
    )
    client.force_login(editor)
    response = post_action(client, "unschedule_selected", [waiting, already_live])
    assert status_of(waiting) == "approved"
    assert status_of(already_live) == "scheduled"
    lines = reported(response)
    assert any(line.startswith(waiting.public_id) and "now approved" in line for line in lines)
    assert any(
        line.startswith(already_live.public_id) and "withdraw it instead" in line for line in lines
    )


def test_withdraw_needs_a_reason_and_refuses_what_is_already_final(client, editor):
    live = MessageFactory(status="published", publish_at=timezone.now())
    draft = MessageFactory(status="draft")
    gone = MessageFactory(status="withdrawn")
    batch = [live, draft, gone]
    client.force_login(editor)
    ask = post_action(client, "withdraw_selected", batch)
    assert 'name="reason"' in ask.content.decode()
    empty = post_action(client, "withdraw_selected", batch, apply="1", reason="")
    assert "This field is required" in empty.content.decode()
    assert status_of(live) == "published"

    response = post_action(client, "withdraw_selected", batch, apply="1", reason="Out of date")
    assert status_of(live) == status_of(draft) == "withdrawn"
    assert Message.objects.get(pk=live.pk).withdrawal_reason == "Out of date"
    lines = reported(response)
    assert sum("now withdrawn" in line for line in lines) == 2
    assert any(line.startswith(gone.public_id) and "now" not in line for line in lines)


def test_actions_are_offered_only_to_whom_the_workflow_permits_them(client, analyst):
    analyst.is_staff = True
    analyst.save()
    message = MessageFactory(status="approved")
    client.force_login(analyst)
    page = client.get(CHANGELIST).content.decode()
    assert "schedule_selected" not in page and "withdraw_selected" not in page
    when = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    post_action(client, "schedule_selected", [message], apply="1", publish_at=when)
    assert status_of(message) == "approved"
