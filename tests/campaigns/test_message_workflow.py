"""The message workflow: four eyes, the leak check on every outbound text, scheduling."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from campaigns import services
from campaigns.models import MessageExcerpt, PublishEvent
from campaigns.services import MessageError
from tests.factories import (
    ExcerptFactory,
    MessageFactory,
    NarrativeFactory,
    SourceRecordFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor2(db):
    return UserFactory(username="t_editor2", role="Editor", is_staff=True)


def in_review(author, **fields):
    message = MessageFactory(author=author, status="in_review", **fields)
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    return message


def test_the_author_cannot_approve_their_own_message(editor):
    editor.groups.add(*UserFactory(username="x_analyst", role="Analyst").groups.all())
    message = in_review(editor)
    with pytest.raises(MessageError, match="another person must approve"):
        services.approve_message(user=editor, message=message)


def test_an_analyst_approves_a_clean_message(editor, analyst):
    message = in_review(editor, headline="The promises were empty.")
    services.approve_message(user=analyst, message=message)
    message.refresh_from_db()
    assert (message.status, message.approved_by) == ("approved", analyst)
    assert message.leak_checked_at is not None
    assert message.events.filter(action="approved").exists()


def test_editors_cannot_approve(editor, editor2):
    message = in_review(editor)
    with pytest.raises(PermissionDenied):
        services.approve_message(user=editor2, message=message)


@pytest.mark.parametrize("field", ["headline", "body", "cta_text", "alt_text"])
def test_a_vault_identifier_in_any_outbound_text_blocks_approval(editor, analyst, field):
    SourceRecordFactory(narrative=NarrativeFactory(), real_name="Karim Belkacem")
    message = in_review(editor, **{field: "Ask Kareem Belkacem about it."})
    with pytest.raises(MessageError, match="1 matching the vault"):
        services.approve_message(user=analyst, message=message)


def test_vault_matches_cannot_be_dismissed_but_generic_ones_can(editor, analyst):
    from campaigns.selectors import message_findings

    SourceRecordFactory(narrative=NarrativeFactory(), home_town="Ouled Haffouz")
    message = in_review(
        editor, headline="Abu Suhaib al-Masri lied.", body="Nobody in Ouled Haffouz believed him."
    )
    findings = {(f.field, f.category, f.vault) for f in message_findings(message)}
    assert ("body", "place", True) in findings
    generic = next(f for f in message_findings(message) if not f.vault)
    vault = next(f for f in message_findings(message) if f.vault)
    with pytest.raises(MessageError, match="cannot be dismissed"):
        services.dismiss_message_finding(
            user=analyst,
            message=message,
            field=vault.field,
            start=vault.start,
            end=vault.end,
            reason="fine",
        )
    services.dismiss_message_finding(
        user=analyst,
        message=message,
        field=generic.field,
        start=generic.start,
        end=generic.end,
        reason="A kunya quoted from a news report.",
    )
    assert [f.vault for f in message_findings(message)] == [True]


def test_attribution_lines_and_quotes_are_checked_too(editor, analyst):
    narrative = NarrativeFactory(approved=True, text="Abu Hafs al-Almani ran the depot badly.")
    message = in_review(editor)
    MessageExcerpt.objects.all().delete()
    MessageExcerpt.objects.create(
        message=message, excerpt=ExcerptFactory(narrative=narrative, start=0, end=25)
    )
    with pytest.raises(MessageError, match="quoted excerpt"):
        services.approve_message(user=analyst, message=message)


def test_any_edit_after_approval_returns_the_message_to_review(editor, analyst):
    message = in_review(editor)
    services.approve_message(user=analyst, message=message)
    message.headline = "Changed after approval"
    services.save_message(user=editor, message=message, changed_fields=["headline"])
    message.refresh_from_db()
    assert message.status == "in_review"
    assert message.approved_by is None
    assert message.events.filter(action="returned_to_review").exists()


def test_scheduling_needs_approval_and_a_sane_window(editor, analyst):
    message = in_review(editor)
    soon = timezone.now() + timedelta(hours=1)
    with pytest.raises(MessageError, match="cannot be scheduled"):
        services.schedule_message(user=editor, message=message, publish_at=soon)
    services.approve_message(user=analyst, message=message)
    with pytest.raises(MessageError, match="come down after"):
        services.schedule_message(user=editor, message=message, publish_at=soon, unpublish_at=soon)
    with pytest.raises(PermissionDenied):
        services.schedule_message(user=analyst, message=message, publish_at=soon)
    services.schedule_message(
        user=editor, message=message, publish_at=soon, unpublish_at=soon + timedelta(days=1)
    )
    message.refresh_from_db()
    assert message.status == "scheduled"


def test_withdrawal_takes_a_message_down_at_once_and_records_why(editor, analyst):
    message = in_review(editor)
    services.approve_message(user=analyst, message=message)
    services.schedule_message(
        user=editor, message=message, publish_at=timezone.now() - timedelta(minutes=1)
    )
    from campaigns.models import Message

    assert Message.objects.live(timezone.now()).filter(pk=message.pk).exists()
    with pytest.raises(MessageError, match="Say why"):
        services.withdraw_message(user=editor, message=message, reason="")
    services.withdraw_message(user=editor, message=message, reason="A partner flagged a risk.")
    assert not Message.objects.live(timezone.now()).filter(pk=message.pk).exists()
    event = PublishEvent.objects.get(message=message)
    assert (event.kind, event.reason, event.actor) == (
        "withdraw",
        "A partner flagged a risk.",
        editor,
    )


def test_transition_table_refuses_impossible_steps(editor):
    message = MessageFactory(status="draft", author=editor)
    with pytest.raises(MessageError, match="draft cannot be unscheduled"):
        services.unschedule_message(user=editor, message=message)
    services.submit_message(user=editor, message=message)
    with pytest.raises(MessageError, match="in review cannot be submitted"):
        services.submit_message(user=editor, message=message)


def test_a_new_vault_record_withdraws_live_messages_that_use_it(editor, analyst):
    # An alias the generic detectors cannot know: only the vault makes it identifying.
    message = in_review(editor, body="Ask shadowfox99 what he saw.")
    approved = in_review(editor, headline="shadowfox99 knows.")
    clean = in_review(editor)
    for m in (message, approved, clean):
        services.approve_message(user=analyst, message=m)
    services.schedule_message(
        user=editor, message=message, publish_at=timezone.now() - timedelta(minutes=1)
    )
    SourceRecordFactory(narrative=NarrativeFactory(), aliases="shadowfox99")
    assert services.recheck_messages_against_vault() == 2
    message.refresh_from_db()
    approved.refresh_from_db()
    clean.refresh_from_db()
    assert message.status == "withdrawn"
    assert "vault" in message.withdrawal_reason
    assert approved.status == "in_review"
    assert clean.status == "approved"


def test_a_changed_translation_sends_quoting_messages_back_to_review(editor, analyst):
    from narratives.models import ExcerptTranslation

    # A French message quotes the English excerpt through its approved French translation.
    message = in_review(editor, language="fr")
    excerpt = message.excerpt_links.get().excerpt
    translation = ExcerptTranslation.objects.create(
        excerpt=excerpt, language="fr", text="Une traduction.", status="approved"
    )
    services.approve_message(user=analyst, message=message)
    translation.text = "Une autre traduction."
    translation.save()
    message.refresh_from_db()
    assert message.status == "in_review"


def test_a_redaction_inside_a_quoted_excerpt_sends_the_message_back(editor, analyst):
    from narratives import services as narrative_services
    from narratives.selectors import open_findings

    other = UserFactory(username="t_analyst3", role="Analyst")
    narrative = NarrativeFactory(
        approved=True, author=other, text="We met Abu Musab al-Shamali there, he said."
    )
    message = MessageFactory(author=editor, status="in_review")
    MessageExcerpt.objects.create(
        message=message, excerpt=ExcerptFactory(narrative=narrative, start=0, end=35)
    )
    message.excerpt_links.get().excerpt.narrative.dismissals.all().delete()
    finding = open_findings(narrative)[0]
    narrative_services.redact_finding(
        user=other, narrative=narrative, start=finding.start, end=finding.end
    )
    message.refresh_from_db()
    assert message.status == "in_review"  # was in review already: nothing to undo
    assert message.excerpt_links.get().excerpt.text.startswith("We met [kunya]")


@pytest.mark.parametrize("how", ["edit", "submit"])
def test_whoever_shaped_the_current_revision_cannot_approve_it(editor, how):
    # Issue 14 #5: a reviewer who also edits (or submits) a message is not a second pair of eyes.
    reviewer = UserFactory(username="t_hybrid", role="Analyst", is_staff=True)
    reviewer.groups.add(*UserFactory(username="x_editor", role="Editor").groups.all())
    message = MessageFactory(author=editor, status="draft")
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    if how == "edit":
        message.headline = "Tweaked by the reviewer"
        services.save_message(user=reviewer, message=message, changed_fields=["headline"])
        services.submit_message(user=editor, message=message)
    else:
        services.submit_message(user=reviewer, message=message)
    with pytest.raises(MessageError, match="ask another analyst"):
        services.approve_message(user=reviewer, message=reviewer_fresh(message))


def reviewer_fresh(message):
    message.refresh_from_db()
    return message


def test_an_earlier_revisions_editor_may_approve_a_later_one(editor, analyst):
    hybrid = UserFactory(username="t_hybrid2", role="Analyst", is_staff=True)
    hybrid.groups.add(*UserFactory(username="x_editor2", role="Editor").groups.all())
    message = in_review(editor)
    message.headline = "Edited by the hybrid"
    services.save_message(user=hybrid, message=message, changed_fields=["headline"])
    services.approve_message(user=analyst, message=reviewer_fresh(message))
    message.headline = "Changed after approval"
    services.save_message(user=editor, message=message, changed_fields=["headline"])
    # The hybrid's edit was reviewed by the analyst; this revision is the author's alone.
    services.approve_message(user=hybrid, message=reviewer_fresh(message))
