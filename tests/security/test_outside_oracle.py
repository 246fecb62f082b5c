"""Outside check of issue 11: the message review is a vault-membership oracle nobody audits.

"Every scan that matches another record's vault values is written to the audit trail, and
custodians see an alert when an analyst's drafts hit other records' vault values
repeatedly." Narrative edits are audited; a message is scanned too, and its review page
marks each vault hit ("matches the vault"), but nothing reaches the audit trail.
"""

from __future__ import annotations

import pytest
from django.test import Client

from campaigns import services as campaign_services
from campaigns.models import MessageExcerpt
from core.audit import Action
from core.models import AuditEntry
from tests.factories import (
    CampaignFactory,
    ExcerptFactory,
    MessageFactory,
    NarrativeFactory,
    SourceRecordFactory,
)

pytestmark = pytest.mark.django_db

GUESSES = ("Talvik Ormesund", "Priam Kessaroud", "Ilsabet Quorne", "Nobody Ever Filed")


def test_vault_values_guessed_in_a_message_reach_the_audit_trail(editor, analyst):
    """Leak (oracle): an editor types guessed names into a message headline and body; the
    analysts' page ``/review/messages/<id>/`` marks each one that is in the vault with
    "matches the vault" (the guess that is not gets only a generic finding, or none), and
    approval refuses with "(N matching the vault)". Three vault records were probed; no
    ``vault.foreign_match`` entry is written, so custodians never see an alert."""
    for name in GUESSES[:3]:
        SourceRecordFactory(narrative=NarrativeFactory(), real_name=name)
    message = MessageFactory(
        author=editor,
        campaign=CampaignFactory(),
        headline=f"Where are {GUESSES[0]} and {GUESSES[1]}?",
        body=f"Ask {GUESSES[2]}, or {GUESSES[3]}.",
        status="draft",
    )
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    campaign_services.submit_message(user=editor, message=message)

    reviewer = Client()
    reviewer.force_login(analyst)
    page = reviewer.get(f"/review/messages/{message.public_id}/").content.decode()
    assert page.count("matches the vault") >= 3  # the oracle answers
    assert AuditEntry.objects.filter(action=Action.VAULT_FOREIGN_MATCH).exists()
