"""Notices and assignment: who hears what, four eyes for reviewers, e-mails with ids and
links only, in the recipient's language, through the gate; the consent sweep once per window."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from campaigns import publishing
from campaigns import services as message_services
from campaigns.models import Message, MessageExcerpt
from campaigns.services import MessageError
from core import notices
from core.egress import gate_texts
from core.models import Notice
from narratives import services
from narratives.models import Reason
from narratives.services import NarrativeError
from tests.factories import (
    CampaignFactory,
    ExcerptFactory,
    MessageFactory,
    NarrativeFactory,
    SourceRecordFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CANARY = "Zubayr Qarawi-Canary"


def kinds(user) -> list[tuple[str, str]]:
    return sorted(Notice.objects.filter(recipient=user).values_list("kind", "object_ref"))


@pytest.fixture
def analyst3(db):
    return UserFactory(username="t_analyst3", role="Analyst")


@pytest.fixture
def reasons():
    return Reason.objects.get(code="qol_menial"), Reason.objects.get(code="corruption_leaders")


def draft_narrative(author):
    narrative = NarrativeFactory(
        title=f"The story of {CANARY}",
        text=f"I guarded empty buildings for months with {CANARY}.",
        author=author,
        status="draft",
    )
    return narrative


def message_in_review(author, **fields):
    message = MessageFactory(author=author, status="in_review", **fields)
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    return message


# --- Who hears what ----------------------------------------------------------------------


def test_a_submitted_narrative_tells_every_other_analyst(analyst, analyst2, analyst3, editor):
    narrative = draft_narrative(analyst)
    services.submit_narrative(user=analyst, narrative=narrative)
    ref = narrative.public_id
    assert kinds(analyst2) == kinds(analyst3) == [("submitted", ref)]
    assert kinds(analyst) == [] and kinds(editor) == []
    notice = Notice.objects.get(recipient=analyst2)
    assert notice.url == f"/review/narratives/{ref}/"
    assert notice.email == Notice.Email.PENDING  # the factory gives every user an address


def test_a_resubmitted_narrative_tells_only_its_assignee(analyst, analyst2, analyst3):
    narrative = draft_narrative(analyst)
    services.submit_narrative(user=analyst, narrative=narrative)
    services.claim_narrative(user=analyst2, narrative=narrative)
    services.request_changes(user=analyst2, narrative=narrative, comment="Say less.")
    Notice.objects.all().delete()
    services.submit_narrative(user=analyst, narrative=narrative)
    assert kinds(analyst2) == [("submitted", narrative.public_id)]
    assert kinds(analyst3) == []


def test_the_author_hears_of_approval_and_of_changes_requested(analyst, analyst2, reasons):
    narrative = NarrativeFactory(author=analyst, status="in_review")
    services.request_changes(user=analyst2, narrative=narrative, comment="Shorter, please.")
    assert kinds(analyst) == [("changes_requested", narrative.public_id)]
    services.submit_narrative(user=analyst, narrative=narrative)
    services.tag_narrative(user=analyst2, narrative=narrative, reasons=reasons, primary=reasons[0])
    services.approve_narrative(user=analyst2, narrative=narrative)
    assert ("approved", narrative.public_id) in kinds(analyst)
    assert ("approved", narrative.public_id) not in kinds(analyst2)


def test_a_submitted_message_tells_the_analysts_and_its_review_goes_back_to_the_editor(
    editor, analyst, analyst2
):
    message = MessageFactory(author=editor, status="draft")
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    message_services.submit_message(user=editor, message=message)
    assert kinds(analyst) == kinds(analyst2) == [("submitted", message.public_id)]
    assert Notice.objects.get(recipient=analyst).url == f"/review/messages/{message.public_id}/"
    message_services.request_message_changes(user=analyst, message=message, comment="Shorter.")
    assert kinds(editor) == [("changes_requested", message.public_id)]
    assert Notice.objects.get(recipient=editor).url == (
        f"/admin/campaigns/message/{message.pk}/change/"
    )
    message_services.submit_message(user=editor, message=message)
    message_services.approve_message(user=analyst2, message=message)
    assert ("approved", message.public_id) in kinds(editor)


def test_publication_and_withdrawal_tell_the_author_and_the_campaign_owner(editor):
    owner = UserFactory(username="t_owner", role="Editor", is_staff=True)
    message = MessageFactory(
        author=editor, campaign=CampaignFactory(owner=owner), status="approved"
    )
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    Message.objects.filter(pk=message.pk).update(
        status="scheduled", publish_at=timezone.now() - timedelta(seconds=1)
    )
    assert publishing.sweep().published == 1
    assert kinds(editor) == kinds(owner) == [("published", message.public_id)]
    message_services.withdraw_message(user=editor, message=message, reason="Out of date.")
    assert ("withdrawn", message.public_id) in kinds(owner)
    assert ("withdrawn", message.public_id) not in kinds(editor)  # the one who did it


# --- Assignment ------------------------------------------------------------------------------


def test_only_analysts_assign_and_only_analysts_are_assigned(analyst, analyst2, editor):
    narrative = NarrativeFactory(author=analyst, status="in_review")
    with pytest.raises(PermissionDenied):
        services.assign_narrative(user=editor, narrative=narrative, assignee=analyst2)
    with pytest.raises(NarrativeError, match="Only analysts can be assigned"):
        services.assign_narrative(user=analyst2, narrative=narrative, assignee=editor)
    services.assign_narrative(user=analyst, narrative=narrative, assignee=analyst2)
    narrative.refresh_from_db()
    assert narrative.assignee == analyst2
    assert kinds(analyst2)[-1] == ("assigned", narrative.public_id)
    assert narrative.events.filter(action="assigned", actor=analyst).exists()
    services.assign_narrative(user=analyst2, narrative=narrative, assignee=None)
    narrative.refresh_from_db()
    assert narrative.assignee is None
    assert narrative.events.filter(action="unassigned").exists()


def test_four_eyes_the_author_or_an_editor_of_the_text_is_never_assigned(analyst, analyst2):
    narrative = NarrativeFactory(author=analyst, status="in_review")
    with pytest.raises(NarrativeError, match="may not approve it"):
        services.claim_narrative(user=analyst, narrative=narrative)
    services.edit_narrative(user=analyst2, narrative=narrative, text="A new anonymized text.")
    with pytest.raises(NarrativeError, match="may not approve it"):
        services.assign_narrative(user=analyst, narrative=narrative, assignee=analyst2)
    assert narrative.__class__.objects.get(pk=narrative.pk).assignee is None


def test_a_message_editor_is_not_assignable_and_an_analyst_claims_it(editor, analyst):
    message = message_in_review(editor)
    with pytest.raises(MessageError, match="Only analysts can be assigned"):
        message_services.assign_message(user=analyst, message=message, assignee=editor)
    message_services.claim_message(user=analyst, message=message)
    message.refresh_from_db()
    assert message.assignee == analyst
    assert [w.ref for w in notices.waiting_for(analyst)] == [message.public_id]


def test_an_analyst_who_submitted_a_message_cannot_be_assigned_it(editor, analyst, analyst2):
    message = MessageFactory(author=editor, status="draft")
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    analyst.groups.add(*editor.groups.all())  # an analyst who also edits
    message_services.submit_message(user=analyst, message=message)
    with pytest.raises(MessageError, match="may not approve it"):
        message_services.assign_message(user=analyst2, message=message, assignee=analyst)


def test_only_items_in_review_are_assigned(analyst, analyst2, editor):
    with pytest.raises(NarrativeError, match="in review"):
        services.assign_narrative(
            user=analyst, narrative=NarrativeFactory(status="draft"), assignee=analyst2
        )
    with pytest.raises(MessageError, match="in review"):
        message_services.assign_message(
            user=analyst, message=MessageFactory(author=editor, status="draft"), assignee=analyst2
        )


def test_waiting_for_an_editor_are_their_messages_sent_back_or_approved(editor, analyst):
    sent_back = MessageFactory(author=editor, status="changes_requested")
    approved = MessageFactory(author=editor, status="approved", approved_at=timezone.now())
    MessageFactory(author=editor, status="draft")
    MessageFactory(status="approved", approved_at=timezone.now())  # someone else's
    waiting = {w.ref: w.why for w in notices.waiting_for(editor)}
    assert set(waiting) == {sent_back.public_id, approved.public_id}
    assert notices.waiting_for(analyst) == []


# --- Nothing identifying in an e-mail --------------------------------------------------------


def test_an_email_holds_ids_and_links_only_never_words_of_the_narrative_or_message(
    analyst, analyst2, editor
):
    narrative = draft_narrative(analyst)
    services.submit_narrative(user=analyst, narrative=narrative)
    message = MessageFactory(
        author=editor, status="draft", headline=f"Ask {CANARY}", body=f"{CANARY} knows."
    )
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    message_services.submit_message(user=editor, message=message)
    message_services.request_message_changes(user=analyst2, message=message, comment=CANARY)
    mail.outbox.clear()
    for notice in Notice.objects.all():
        assert notices.deliver_email(notice_id=notice.pk)
    assert len(mail.outbox) == Notice.objects.count() >= 4
    for sent in mail.outbox:
        text = f"{sent.subject}\n{sent.body}"
        for forbidden in (
            "Canary",
            narrative.title,
            message.headline,
            message.campaign.name,
            analyst.username,
            editor.username,
        ):
            assert forbidden not in text
        assert narrative.public_id in text or message.public_id in text
        assert "http://127.0.0.1:8000/" in sent.body
    assert set(Notice.objects.values_list("email", flat=True)) == {"sent"}
    # Sent once: a second delivery of the same notice sends nothing.
    assert not notices.deliver_email(notice_id=Notice.objects.first().pk)


@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", "a été soumis"), ("ar", "للمراجعة"), ("en", "was submitted for review")],
)
def test_an_email_speaks_the_recipients_language(analyst, language, words):
    reader = UserFactory(username=f"t_reader_{language}", role="Analyst")
    reader.interface_language = language
    reader.save()
    services.submit_narrative(user=analyst, narrative=draft_narrative(analyst))
    mail.outbox.clear()
    notices.deliver_email(notice_id=Notice.objects.get(recipient=reader).pk)
    (sent,) = mail.outbox
    assert words in sent.subject and words in sent.body


def test_the_gate_stops_an_email_that_would_carry_a_vault_value(analyst, analyst2):
    SourceRecordFactory(narrative=NarrativeFactory(), real_name="Karim Belkacem")
    assert gate_texts({"subject": "Narrative nar_x", "body": "Ask Karim Belkacem."}) == ["body"]
    narrative = draft_narrative(analyst)
    services.submit_narrative(user=analyst, narrative=narrative)
    notice = Notice.objects.get(recipient=analyst2)
    Notice.objects.filter(pk=notice.pk).update(object_ref="Karim Belkacem")
    mail.outbox.clear()
    with pytest.raises(notices.EmailRefused):
        notices.deliver_email(notice_id=notice.pk)
    assert mail.outbox == []
    assert Notice.objects.get(pk=notice.pk).email == Notice.Email.NONE


def test_emails_are_queued_after_commit_only(analyst, analyst2, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submit_narrative(user=analyst, narrative=draft_narrative(analyst))
    assert Notice.objects.filter(email="pending").count() == 1
    assert any(getattr(c, "__qualname__", "").startswith("notify") for c in callbacks)


def test_a_pending_email_left_behind_is_found_again(analyst, analyst2):
    services.submit_narrative(user=analyst, narrative=draft_narrative(analyst))
    notice = Notice.objects.get(recipient=analyst2)
    assert notices.pending_emails() == []
    later = timezone.now() + notices.RESEND_PENDING_AFTER + timedelta(seconds=1)
    assert notices.pending_emails(later) == [notice.pk]
    notices.deliver_email(notice_id=notice.pk)
    assert notices.pending_emails(later) == []


# --- Consent expiring: the beat task, once per record per window ------------------------------


def test_custodians_hear_of_consents_ending_within_30_days_once_each(custodian, analyst):
    today = date(2026, 6, 1)
    soon = SourceRecordFactory(consent_expires_on=today + timedelta(days=30))
    SourceRecordFactory(consent_expires_on=today + timedelta(days=60))  # not yet
    SourceRecordFactory(consent_expires_on=today - timedelta(days=1))  # already expired
    withdrawn = SourceRecordFactory(consent_expires_on=today + timedelta(days=3))
    withdrawn.consent_withdrawn_at = timezone.now()
    withdrawn.save()
    assert services.notify_expiring_consents(today=today) == 1
    assert services.notify_expiring_consents(today=today) == 0
    assert services.notify_expiring_consents(today=today + timedelta(days=5)) == 0
    (notice,) = Notice.objects.all()
    assert (notice.recipient, notice.kind) == (custodian, "consent_expiring")
    assert notice.object_ref == soon.narrative.public_id
    assert notice.url == f"/admin/narratives/sourcerecord/{soon.pk}/change/"
    assert notices.sentence(notice).endswith("expires on 2026-07-01.")
    assert kinds(analyst) == []
    # A new expiry date is a new window: the custodians hear again.
    soon.consent_expires_on = today + timedelta(days=20)
    soon.save()
    assert services.notify_expiring_consents(today=today) == 1


def test_the_consent_task_runs_the_sweep(custodian):
    from narratives.tasks import notify_expiring_consents

    SourceRecordFactory(consent_expires_on=timezone.localdate() + timedelta(days=2))
    assert notify_expiring_consents() == 1
    assert notify_expiring_consents() == 0


# --- The pages -------------------------------------------------------------------------------


def test_the_notices_page_shows_counts_and_marks_read(analyst, analyst2):
    narrative = draft_narrative(analyst)
    services.submit_narrative(user=analyst, narrative=narrative)
    services.claim_narrative(user=analyst2, narrative=narrative)
    client = Client()
    client.force_login(analyst2)
    page = client.get("/notices/").content.decode()
    assert 'data-testid="unread-notices">1<' in page  # submitted (claimed by themself)
    assert 'data-testid="waiting-for-me">1<' in page
    assert narrative.public_id in page and CANARY not in page
    notice = Notice.objects.filter(recipient=analyst2).first()
    response = client.post(f"/notices/{notice.pk}/read/", {"open": "1"})
    assert response.status_code == 302 and response["Location"] == notice.url
    assert Notice.objects.get(pk=notice.pk).read
    client.post("/notices/read-all/")
    assert not Notice.objects.filter(recipient=analyst2, read=False).exists()
    # Someone else's notice is not found, never marked.
    other = Notice.objects.create(
        recipient=analyst, kind="approved", noun="narrative", object_ref="nar_x", url="/"
    )
    assert client.post(f"/notices/{other.pk}/read/").status_code == 404


def test_the_queue_assigns_and_filters_what_is_mine(analyst, analyst2):
    narrative = NarrativeFactory(author=analyst, status="in_review")
    other = NarrativeFactory(author=analyst, status="in_review")
    client = Client()
    client.force_login(analyst2)
    response = client.post(
        f"/review/narratives/{narrative.public_id}/assign/", {"claim": "1", "next": "/review/"}
    )
    assert response.status_code == 302 and response["Location"] == "/review/"
    page = client.get("/review/?mine=on").content.decode()
    assert narrative.public_id in page and other.public_id not in page
    # A refusal is said on the page, never a server error.
    client.force_login(analyst)
    response = client.post(
        f"/review/narratives/{other.public_id}/assign/", {"assignee": analyst.pk}, follow=True
    )
    assert "may not approve it" in response.content.decode()
    assert client.post(f"/review/narratives/{other.public_id}/assign/", {"assignee": "x"})[
        "Location"
    ].startswith("/review/")
