"""The narrative workflow: the anonymization gate, four eyes, edits after approval, retirement."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from campaigns.models import Message, MessageExcerpt
from narratives import services
from narratives.models import Excerpt, Narrative, NarrativeEvent, Reason
from narratives.selectors import open_findings
from narratives.services import NarrativeError
from tests.factories import MessageFactory, NarrativeFactory, SourceRecordFactory

pytestmark = pytest.mark.django_db

LEAKY = "Abu Qatada al-Britani told me to guard the depot."


@pytest.fixture
def reasons():
    return Reason.objects.get(code="qol_menial"), Reason.objects.get(code="corruption_leaders")


def in_review(author, text="I guarded empty buildings for months.", **kwargs) -> Narrative:
    narrative = NarrativeFactory(text=text, author=author, status="in_review", **kwargs)
    SourceRecordFactory(narrative=narrative, real_name="Zaid Haddad", kunya="Abu Zaid")
    return narrative


def tagged(narrative, analyst, reasons):
    return services.tag_narrative(
        user=analyst, narrative=narrative, reasons=reasons, primary=reasons[0]
    )


def test_the_author_cannot_approve_their_own_narrative(analyst, reasons):
    narrative = tagged(in_review(analyst), analyst, reasons)
    with pytest.raises(NarrativeError, match="another analyst must approve"):
        services.approve_narrative(user=analyst, narrative=narrative)


def test_someone_who_edited_the_text_cannot_approve_it(analyst, analyst2, reasons):
    narrative = tagged(in_review(analyst), analyst, reasons)
    services.edit_narrative(user=analyst2, narrative=narrative, text="I guarded empty depots.")
    with pytest.raises(NarrativeError, match="You edited"):
        services.approve_narrative(user=analyst2, narrative=narrative)


def test_a_second_analyst_approves_and_the_excerpts_with_it(analyst, analyst2, reasons):
    narrative = tagged(in_review(analyst), analyst, reasons)
    excerpt = services.mark_excerpt(user=analyst, narrative=narrative, start=2, end=20)
    assert excerpt.status == "proposed"
    services.approve_narrative(user=analyst2, narrative=narrative)
    narrative.refresh_from_db()
    excerpt.refresh_from_db()
    assert (narrative.status, narrative.approved_by) == ("approved", analyst2)
    assert excerpt.status == "approved"
    assert excerpt.text == narrative.text[excerpt.start : excerpt.end] == "guarded empty buil"
    actions = list(narrative.events.values_list("action", flat=True))
    assert actions[0] == "approved"


def test_approval_is_refused_while_a_finding_is_open(analyst, analyst2, reasons):
    narrative = tagged(in_review(analyst, text=LEAKY), analyst, reasons)
    findings = open_findings(narrative)
    assert [(f.category, f.text) for f in findings] == [("kunya", "Abu Qatada al-Britani")]
    with pytest.raises(NarrativeError, match="1 scanner finding still open"):
        services.approve_narrative(user=analyst2, narrative=narrative)
    assert Narrative.objects.get(pk=narrative.pk).status == "in_review"


def test_redacting_a_finding_replaces_it_with_its_category(analyst, analyst2, reasons):
    narrative = tagged(in_review(analyst, text=LEAKY), analyst, reasons)
    finding = open_findings(narrative)[0]
    services.redact_finding(user=analyst, narrative=narrative, start=finding.start, end=finding.end)
    narrative.refresh_from_db()
    assert narrative.text == "[kunya] told me to guard the depot."
    event = narrative.events.get(action="redacted")
    assert event.detail == {"category": "kunya", "start": 0, "length": 21}
    assert "Qatada" not in str(event.detail) + event.comment
    services.approve_narrative(user=analyst2, narrative=narrative)


@pytest.mark.parametrize(
    ("language", "text", "redacted"),
    [
        (
            "ar",
            "قال لي أبو قتادة البريطاني أن أحرس المستودع.",
            "قال لي [كنية] أن أحرس المستودع.",
        ),
        (
            "fr",
            "Abu Qatada al-Britani m'a dit de garder le dépôt.",
            "[kunya] m'a dit de garder le dépôt.",
        ),
    ],
)
def test_a_redaction_names_the_category_in_the_narratives_language(
    analyst, analyst2, reasons, language, text, redacted
):
    narrative = tagged(in_review(analyst, text=text, language=language), analyst, reasons)
    finding = next(f for f in open_findings(narrative) if f.category == "kunya")
    services.redact_finding(user=analyst, narrative=narrative, start=finding.start, end=finding.end)
    narrative.refresh_from_db()
    assert narrative.text == redacted
    # The placeholder is never a finding itself: nothing is left open, approval goes ahead.
    assert open_findings(narrative) == []
    services.approve_narrative(user=analyst2, narrative=narrative)


def test_dismissing_needs_a_reason_and_survives_edits(analyst, analyst2, reasons):
    narrative = tagged(in_review(analyst, text=LEAKY), analyst, reasons)
    finding = open_findings(narrative)[0]
    with pytest.raises(NarrativeError, match="Say why"):
        services.dismiss_finding(
            user=analyst, narrative=narrative, start=finding.start, end=finding.end, reason=" "
        )
    services.dismiss_finding(
        user=analyst,
        narrative=narrative,
        start=finding.start,
        end=finding.end,
        reason="A public figure's kunya, quoted from the news.",
    )
    assert open_findings(narrative) == []
    services.edit_narrative(user=analyst, narrative=narrative, text="Later, " + LEAKY)
    assert open_findings(Narrative.objects.get(pk=narrative.pk)) == []
    services.approve_narrative(user=analyst2, narrative=narrative)


def test_vault_identifiers_of_any_record_are_findings(analyst, analyst2, reasons):
    other = NarrativeFactory()
    SourceRecordFactory(narrative=other, real_name="Yusuf Benali", home_town="Tataouine")
    narrative = tagged(
        in_review(analyst, text="My friend Youssef Benali came too."), analyst, reasons
    )
    assert [f.text for f in open_findings(narrative)] == ["Youssef Benali"]
    with pytest.raises(NarrativeError):
        services.approve_narrative(user=analyst2, narrative=narrative)


def test_stale_finding_offsets_are_refused(analyst, reasons):
    narrative = tagged(in_review(analyst, text=LEAKY), analyst, reasons)
    with pytest.raises(NarrativeError, match="no longer in the text"):
        services.redact_finding(user=analyst, narrative=narrative, start=1, end=5)


def test_approval_needs_a_primary_reason(analyst, analyst2):
    narrative = in_review(analyst)
    with pytest.raises(NarrativeError, match="primary"):
        services.approve_narrative(user=analyst2, narrative=narrative)


def test_only_analysts_with_the_permission_approve(analyst, editor, reasons):
    narrative = tagged(in_review(analyst), analyst, reasons)
    with pytest.raises(PermissionDenied):
        services.approve_narrative(user=editor, narrative=narrative)
    with pytest.raises(PermissionDenied):
        services.edit_narrative(user=editor, narrative=narrative, text="x y z")


def test_any_edit_after_approval_sends_it_back_to_review(analyst, analyst2, reasons):
    narrative = tagged(in_review(analyst), analyst, reasons)
    services.approve_narrative(user=analyst2, narrative=narrative)
    services.edit_narrative(user=analyst, narrative=narrative, title="A new title")
    narrative.refresh_from_db()
    assert narrative.status == "in_review"
    assert narrative.approved_at is None
    assert narrative.events.filter(action="returned_to_review").exists()


def test_editing_the_text_keeps_excerpt_offsets_true(analyst, analyst2, reasons):
    narrative = tagged(in_review(analyst, text="First part. Second part here."), analyst, reasons)
    excerpt = services.mark_excerpt(user=analyst, narrative=narrative, start=12, end=29)
    services.approve_narrative(user=analyst2, narrative=narrative)
    services.edit_narrative(
        user=analyst, narrative=narrative, text="A new opening. First part. Second part here."
    )
    excerpt.refresh_from_db()
    narrative.refresh_from_db()
    assert narrative.text[excerpt.start : excerpt.end] == "Second part here."
    services.edit_narrative(user=analyst, narrative=narrative, text="Entirely rewritten.")
    excerpt.refresh_from_db()
    assert excerpt.status == "retired"


def test_request_changes_needs_a_comment_and_state(analyst, analyst2):
    narrative = in_review(analyst)
    with pytest.raises(NarrativeError, match="Say what"):
        services.request_changes(user=analyst2, narrative=narrative, comment="")
    services.request_changes(user=analyst2, narrative=narrative, comment="Too specific.")
    narrative.refresh_from_db()
    assert narrative.status == "changes_requested"
    with pytest.raises(NarrativeError, match="cannot be approved"):
        services.approve_narrative(user=analyst2, narrative=narrative)
    services.submit_narrative(user=analyst, narrative=narrative)
    assert Narrative.objects.get(pk=narrative.pk).status == "in_review"


def test_mark_excerpt_validates_the_span(analyst):
    narrative = in_review(analyst)
    with pytest.raises(NarrativeError):
        services.mark_excerpt(user=analyst, narrative=narrative, start=5, end=500)
    with pytest.raises(NarrativeError):
        services.mark_excerpt(user=analyst, narrative=narrative, start=4, end=4)
    excerpt = services.mark_excerpt(user=analyst, narrative=narrative, start=1, end=10)
    assert (excerpt.start, excerpt.text) == (2, "guarded")  # trimmed to the words
    with pytest.raises(NarrativeError, match="already marked"):
        services.mark_excerpt(user=analyst, narrative=narrative, start=2, end=9)


def test_withdrawing_consent_retires_the_narrative_its_excerpts_and_messages(
    analyst, analyst2, custodian, reasons
):
    narrative = tagged(in_review(analyst), analyst, reasons)
    excerpt = services.mark_excerpt(user=analyst, narrative=narrative, start=2, end=20)
    services.approve_narrative(user=analyst2, narrative=narrative)
    message = MessageFactory(status="scheduled", publish_at="2030-01-01T00:00Z")
    MessageExcerpt.objects.create(message=message, excerpt=excerpt)
    untouched = MessageFactory(status="scheduled", publish_at="2030-01-01T00:00Z")

    services.withdraw_consent(user=custodian, source_record=narrative.source_record)

    narrative.refresh_from_db()
    assert narrative.status == "retired"
    assert narrative.retired_reason == "consent_withdrawn"
    assert Excerpt.objects.get(pk=excerpt.pk).status == "retired"
    message.refresh_from_db()
    assert message.status == "withdrawn"
    assert "retired" in message.withdrawal_reason
    assert Message.objects.get(pk=untouched.pk).status == "scheduled"
    assert narrative.source_record.consent_withdrawn_at is not None
    assert not Excerpt.objects.reusable().filter(pk=excerpt.pk).exists()


def test_only_custodians_record_consent_withdrawal(analyst):
    narrative = in_review(analyst)
    with pytest.raises(PermissionDenied):
        services.withdraw_consent(user=analyst, source_record=narrative.source_record)


def test_expired_consent_retires_narratives(analyst):
    expired = in_review(analyst)
    expired.source_record.consent_expires_on = timezone.localdate() - timedelta(days=1)
    expired.source_record.save()
    current = in_review(analyst)
    current.source_record.consent_expires_on = timezone.localdate() + timedelta(days=30)
    current.source_record.save()
    assert services.retire_expired_consents() == 1
    assert Narrative.objects.get(pk=expired.pk).retired_reason == "consent_expired"
    assert Narrative.objects.get(pk=current.pk).status == "in_review"
    assert services.retire_expired_consents() == 0
    event = NarrativeEvent.objects.get(narrative=expired, action="retired")
    assert event.actor is None


def test_retired_narratives_cannot_be_edited(analyst, custodian):
    narrative = in_review(analyst)
    services.withdraw_consent(user=custodian, source_record=narrative.source_record)
    with pytest.raises(NarrativeError, match="retired"):
        services.edit_narrative(user=analyst, narrative=narrative, text="new words here")
