"""The gate knows the whole vault, raw text included, and a vault match is never dismissed."""

from __future__ import annotations

import contextlib
import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from core.models import AuditEntry
from narratives import services
from narratives.models import FindingDismissal, Narrative, Reason, SourceRecord
from narratives.selectors import finding_fingerprint, open_findings, vault_identifiers
from narratives.services import NarrativeError
from tests.factories import NarrativeFactory, SourceRecordFactory

pytestmark = pytest.mark.django_db

# The guest house (named after its owner) and the street appear only in the raw testimony.
RAW_TEXT = (
    "Interview, second session. He slept at the guest house of Ahmed Kassar, on Abu Sayyaf "
    "Street, for two weeks before crossing."
)
DRAFT = "We slept in the Kassar guest house on Sayyaf Street for two weeks before crossing."


@pytest.fixture
def reasons():
    return Reason.objects.get(code="qol_menial"), Reason.objects.get(code="corruption_leaders")


def in_review(author, reasons, text: str, **vault) -> Narrative:
    narrative = NarrativeFactory(text=text, author=author, status="in_review")
    SourceRecordFactory(
        narrative=narrative,
        real_name="Zaid Haddad",
        kunya="Abu Zaid",
        home_town="Qx",
        contacts="",
        **vault,
    )
    services.tag_narrative(user=author, narrative=narrative, reasons=reasons, primary=reasons[0])
    return narrative


def _dismiss_all(narrative, user) -> None:
    for finding in open_findings(narrative):
        with contextlib.suppress(NarrativeError):
            services.dismiss_finding(
                user=user,
                narrative=narrative,
                start=finding.start,
                end=finding.end,
                reason="Checked: identifies nobody.",
            )


def _raw_column(pk: int, column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM narratives_sourcerecord WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


# --- Leak 1: identifiers only in raw text -------------------------------------------------------


def test_names_only_in_raw_text_repeated_in_a_draft_block_its_approval(analyst, analyst2, reasons):
    narrative = in_review(analyst, reasons, DRAFT, raw_text=RAW_TEXT)
    # "Kassar" is inside the finding of the named guest house ("Kassar guest house")
    found = {f.text for f in open_findings(narrative)}
    assert {"Kassar guest house", "Sayyaf Street"} <= found
    _dismiss_all(narrative, analyst)  # refused for both: they are vault values
    assert {"Kassar guest house", "Sayyaf Street"} <= {f.text for f in open_findings(narrative)}
    with pytest.raises(NarrativeError, match="still open"):
        services.approve_narrative(user=analyst2, narrative=narrative)
    assert Narrative.objects.get(pk=narrative.pk).status == "in_review"


def test_names_only_in_consent_notes_are_vault_values_too(analyst, analyst2, reasons):
    narrative = in_review(
        analyst,
        reasons,
        "The Kassar family took us in.",
        consent_notes="Consent witnessed by his uncle Ahmed Kassar.",
    )
    assert [f.text for f in open_findings(narrative)] == ["Kassar"]
    _dismiss_all(narrative, analyst)
    with pytest.raises(NarrativeError, match="still open"):
        services.approve_narrative(user=analyst2, narrative=narrative)


def test_what_the_detectors_find_in_raw_text_is_kept_encrypted_with_the_record(custodian):
    record = services.save_source_record(
        user=custodian,
        source_record=SourceRecord(narrative=NarrativeFactory(), raw_text=RAW_TEXT),
    )
    stored = SourceRecord.objects.get(pk=record.pk).derived_identifiers
    values = {value for _category, value in stored["identifiers"]}
    assert {"Ahmed Kassar", "Abu Sayyaf Street"} <= values
    raw = _raw_column(record.pk, "derived_identifiers")
    assert raw.startswith("gAAAA") and "Kassar" not in raw
    assert {"Ahmed Kassar", "Abu Sayyaf Street"} <= {i.value for i in vault_identifiers()}


def test_key_rotation_reencrypts_the_derived_identifiers(settings, custodian):
    old_key = settings.FIELD_ENCRYPTION_KEY[0]
    record = services.save_source_record(
        user=custodian,
        source_record=SourceRecord(narrative=NarrativeFactory(), raw_text=RAW_TEXT),
    )
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = [new_key, old_key]
    call_command("rotate_vault_keys", stdout=io.StringIO())
    settings.FIELD_ENCRYPTION_KEY = [new_key]  # the old key is gone now
    stored = SourceRecord.objects.get(pk=record.pk).derived_identifiers
    assert ["person", "Ahmed Kassar"] in stored["identifiers"]


# --- Leak 6: no vault match is dismissable -------------------------------------------------------


def test_a_vault_match_on_a_narrative_cannot_be_dismissed(analyst, reasons):
    narrative = in_review(analyst, reasons, "Zaid Haddad was my guide.")
    finding = open_findings(narrative)[0]
    with pytest.raises(NarrativeError, match="cannot be dismissed: redact it, or rewrite"):
        services.dismiss_finding(
            user=analyst,
            narrative=narrative,
            start=finding.start,
            end=finding.end,
            reason="A common name.",
        )
    assert not FindingDismissal.objects.exists()


def test_a_dismissal_from_before_does_not_cover_a_vault_match(analyst, analyst2, reasons):
    narrative = in_review(analyst, reasons, "Abu Qatada al-Britani told me to guard the depot.")
    finding = open_findings(narrative)[0]
    services.dismiss_finding(
        user=analyst,
        narrative=narrative,
        start=finding.start,
        end=finding.end,
        reason="A public figure's kunya.",
    )
    assert open_findings(narrative) == []
    # Then the vault learns it is someone's kunya.
    SourceRecordFactory(kunya="Abu Qatada al-Britani")
    assert [f.fingerprint for f in FindingDismissal.objects.all()] == [finding_fingerprint(finding)]
    assert len(open_findings(narrative)) == 1
    with pytest.raises(NarrativeError, match="still open"):
        services.approve_narrative(user=analyst2, narrative=narrative)


def test_a_title_matching_the_vault_is_refused_at_approval(analyst, analyst2, reasons):
    narrative = in_review(analyst, reasons, "I guarded empty buildings for months.")
    Narrative.objects.filter(pk=narrative.pk).update(title="The story of Zaid Haddad")
    with pytest.raises(NarrativeError, match="title matches a vault record"):
        services.approve_narrative(user=analyst2, narrative=narrative)


# --- Leak 8 (audit half): other records' values are audited, custodians alerted ----------------


def test_a_draft_matching_another_records_vault_values_is_audited_without_the_value(
    analyst, reasons
):
    SourceRecordFactory(kunya="Abu Muthanna al-Qx")
    narrative = in_review(analyst, reasons, "I guarded empty buildings for months.")
    # Its own record's values: the scanner doing its job, not a probe.
    services.edit_narrative(user=analyst, narrative=narrative, text="Abu Zaid guarded the depot.")
    assert not AuditEntry.objects.filter(action="vault.foreign_match").exists()
    services.edit_narrative(
        user=analyst, narrative=narrative, text="Abu Zaid and Abu Muthanna guarded the depot."
    )
    entry = AuditEntry.objects.get(action="vault.foreign_match")
    assert entry.actor_username == analyst.username
    assert (entry.target_type, entry.target_id) == ("narrative", narrative.public_id)
    assert entry.detail == {"matches": 1}
    assert "Muthanna" not in str(entry.detail)


def test_custodians_are_alerted_when_an_analyst_keeps_hitting_other_records(
    client, analyst, custodian, reasons, settings
):
    settings.VAULT_MATCH_ALERT_THRESHOLD = 3
    SourceRecordFactory(real_name="Yusuf Benali")
    narrative = in_review(analyst, reasons, "I guarded empty buildings for months.")
    client.force_login(custodian)
    for n, guess in enumerate(["Yusuf Benali", "Youssef Benali", "Yusuf Ben Ali"]):
        page = client.get("/admin/narratives/sourcerecord/").content.decode()
        assert "matched other records&#x27; vault values" not in page, n
        services.edit_narrative(user=analyst, narrative=narrative, text=f"{guess} was there.")
    assert AuditEntry.objects.filter(action="vault.foreign_match").count() == 3
    page = client.get("/admin/narratives/sourcerecord/").content.decode()
    alert = f"{analyst.username}&#x27;s drafts matched other records&#x27; vault values 3 times"
    assert alert in page
    assert "Benali" not in page


def test_the_head_words_of_a_derived_street_or_employer_are_not_vault_values_on_their_own():
    """Parts of a multi-word vault value match alone ("Sayyaf"), but not its generic head
    words: otherwise every "street" or "Ltd" in any draft would be an undismissable match."""
    from narratives.anonymize import KnownIdentifier, LeakScanner

    scanner = LeakScanner(
        [KnownIdentifier("Abu Sayyaf Street", "place"), KnownIdentifier("Hadid Motors Ltd")]
    )
    assert scanner.scan_known("We walked down the street to the motors garage, Ltd.") == []
    assert [f.text for f in scanner.scan_known("The Sayyaf family and Hadid.")] == [
        "Sayyaf",
        "Hadid",
    ]


def test_a_vault_value_split_over_two_outbound_texts_is_a_vault_finding_on_each_part():
    """Half the vault phone in one text, the rest in the next: each part is a vault match,
    with offsets into its own text; texts that hold no vault value together add nothing."""
    from dataclasses import dataclass

    from narratives.egress import gate_findings

    @dataclass
    class Text:
        field: str
        label: str
        text: str

    SourceRecordFactory(real_name="Zaid Haddad", contacts="+33 6 98 76 54 32")
    split = [Text("headline", "Headline", "Call 06 98 76"), Text("body", "Body", "54 32, now.")]
    found = [f for f in gate_findings(split) if f.vault]
    assert [(f.field, f.finding.text) for f in found] == [
        ("headline", "06 98 76"),
        ("body", "54 32"),
    ]
    for f in found:
        text = next(t.text for t in split if t.field == f.field)
        assert text[f.finding.start : f.finding.end] == f.finding.text

    apart = [Text("headline", "Headline", "Call 06 98 76"), Text("body", "Body", "11 22, now.")]
    assert not [f for f in gate_findings(apart) if f.vault]
    whole = [Text("headline", "Headline", "Zaid Haddad"), Text("body", "Body", "spoke.")]
    assert [f.field for f in gate_findings(whole) if f.vault] == ["headline"]
