"""A small approved population with known figures, shared by the dashboard's tests.

18 approved narratives (k = 5):

=====  ======  =======  ========  ===========  ==================  =========================
count  gender  country  language  left         reason              reusable excerpts
=====  ======  =======  ========  ===========  ==================  =========================
12     male    FR       fr        2015-02      brutality_civilians one each, brutality_civilians
4      unknown DE       en        2015-02      qol_promises        one each, qol_promises
2      female  TN       ar        2014-08      corruption_favour.  none
=====  ======  =======  ========  ===========  ==================  =========================

Plus one narrative in review (never counted) and one live message quoting a French excerpt.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from campaigns.models import Message, MessageExcerpt
from narratives.models import Excerpt, Narrative, NarrativeReason, Reason
from tests.factories import CampaignFactory, MessageFactory, SourceRecordFactory

GROUPS = [
    # (count, gender, country, language, left_on, made_public_on, reason code, excerpts)
    (12, "male", "FR", "fr", date(2015, 2, 1), date(2015, 11, 1), "brutality_civilians", True),
    (4, "unknown", "DE", "en", date(2015, 2, 1), date(2016, 2, 1), "qol_promises", True),
    (2, "female", "TN", "ar", date(2014, 8, 1), date(2015, 11, 1), "corruption_favouritism", False),
]
TEXT = "I left because the promises were empty and the leaders were corrupt."


def make_narratives(
    count: int,
    *,
    gender: str = "male",
    country: str = "FR",
    language: str = "en",
    left_on: date | None = date(2015, 2, 1),
    made_public_on: date | None = date(2015, 11, 1),
    reason: str = "brutality_civilians",
    excerpts: bool = False,
    status: str = Narrative.Status.APPROVED,
    source_kind: str = Narrative.SourceKind.INTERVIEW,
) -> list[Narrative]:
    """Bulk-create ``count`` narratives tagged with ``reason`` (and, optionally, an excerpt)."""
    approved = status == Narrative.Status.APPROVED
    narratives = Narrative.objects.bulk_create(
        Narrative(
            title=f"Sample account {i}",
            text=TEXT,
            language=language,
            source_kind=source_kind,
            gender=gender,
            country=country,
            left_on=left_on,
            made_public_on=made_public_on,
            status=status,
            approved_at=timezone.now() if approved else None,
            is_sample=True,
        )
        for i in range(count)
    )
    tag = Reason.objects.get(code=reason)
    NarrativeReason.objects.bulk_create(
        NarrativeReason(narrative=n, reason=tag, is_primary=True) for n in narratives
    )
    if excerpts:
        made = Excerpt.objects.bulk_create(
            Excerpt(narrative=n, start=0, end=8, text=TEXT[:8], status=Excerpt.Status.APPROVED)
            for n in narratives
        )
        through = Excerpt.reasons.through
        through.objects.bulk_create(through(excerpt=e, reason=tag) for e in made)
    return narratives


def seed_known_population() -> dict:
    """Create the population described above; return a few of its objects."""
    made = {}
    for count, gender, country, language, left, public, reason, with_excerpts in GROUPS:
        made[country] = make_narratives(
            count,
            gender=gender,
            country=country,
            language=language,
            left_on=left,
            made_public_on=public,
            reason=reason,
            excerpts=with_excerpts,
        )
    # Never counted: not approved.
    make_narratives(6, country="SY", status=Narrative.Status.IN_REVIEW)
    # Vault records with canary identifiers for the French narratives.
    for narrative in made["FR"][:3]:
        SourceRecordFactory(narrative=narrative)
    campaign = CampaignFactory(name="Leaving is possible")
    message = MessageFactory(
        campaign=campaign,
        language="fr",
        headline="Ils ont tué des civils",
        status=Message.Status.PUBLISHED,
        publish_at=timezone.now() - timedelta(days=1),
    )
    excerpt = Excerpt.objects.filter(narrative=made["FR"][0]).get()
    excerpt.reasons.add(Reason.objects.get(code="brutality"))
    MessageExcerpt.objects.create(message=message, excerpt=excerpt)
    # A draft message is not live and draws on nothing.
    draft = MessageFactory(campaign=campaign, language="en", headline="Draft")
    MessageExcerpt.objects.create(
        message=draft, excerpt=Excerpt.objects.filter(narrative=made["DE"][0]).get()
    )
    return {"campaign": campaign, "message": message, "narratives": made}
