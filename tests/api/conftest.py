"""A small published world for the API tests, with vault canaries in every source field."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from campaigns.models import Message, MessageExcerpt, Rendition
from narratives.models import ExcerptTranslation, Narrative, NarrativeReason, Reason
from partners import services
from partners.scopes import SCOPES
from tests.factories import (
    CampaignFactory,
    ExcerptFactory,
    MessageFactory,
    NarrativeFactory,
    SourceRecordFactory,
)

ALL_SCOPES = list(SCOPES)
VAULT_FIELDS = (
    "external_ref",
    "raw_text",
    "real_name",
    "aliases",
    "kunya",
    "home_town",
    "contacts",
    "consent_scope",
    "consent_notes",
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@dataclass
class World:
    narratives: list[Narrative]
    excerpts: list
    campaign: object
    other_campaign: object
    live: Message
    live_fr: Message
    future: Message
    withdrawn: Message
    canaries: list[str] = field(default_factory=list)


def _canary(n: int, name: str) -> str:
    return f"ZQXCANARY{n}{name.upper().replace('_', '')}"


def make_narrative(n: int, *, country: str, reason: Reason, language: str = "en") -> Narrative:
    narrative = NarrativeFactory(
        approved=True,
        language=language,
        country=country,
        title=f"Story {n}",
        text=f"Account number {n}: the promises were empty and the leaders were corrupt.",
        left_on=date(2015, 3 + n % 3, 1),
    )
    NarrativeReason.objects.create(narrative=narrative, reason=reason, is_primary=True)
    SourceRecordFactory(narrative=narrative, **{name: _canary(n, name) for name in VAULT_FIELDS})
    return narrative


def add_renditions(message: Message, formats=("square", "landscape", "story")) -> None:
    sizes = {"square": (1080, 1080), "landscape": (1200, 675), "story": (1080, 1920)}
    for fmt in formats:
        width, height = sizes[fmt]
        Rendition.objects.create(
            message=message,
            format=fmt,
            input_hash=f"{message.pk}-{fmt}",
            status=Rendition.Status.READY,
            file=f"renditions/{message.public_id}/{fmt}.png",
            mime_type="image/png",
            width=width,
            height=height,
            size_bytes=1000,
        )


def make_message(campaign, excerpts, *, language="en", status=Message.Status.PUBLISHED, **kw):
    now = timezone.now()
    defaults = {"publish_at": now - timedelta(days=1), "alt_text": "A quote card."}
    defaults.update(kw)
    message = MessageFactory(campaign=campaign, language=language, status=status, **defaults)
    for position, excerpt in enumerate(excerpts):
        MessageExcerpt.objects.create(message=message, excerpt=excerpt, position=position)
    return message


def metric_report(world, **overrides) -> dict:
    """A plausible metric report for the live message, today; ``overrides`` change fields."""
    body = {
        "message": world.live.public_id,
        "day": timezone.now().date().isoformat(),
        "impressions": 1000,
        "reach": 800,
        "clicks": 30,
        "shares": 4,
    }
    body.update(overrides)
    return body


@pytest.fixture
def world(db) -> World:
    brutality = Reason.objects.get(code="brutality_civilians")
    corruption = Reason.objects.get(code="corruption")
    narratives = [
        make_narrative(n, country=c, reason=brutality if n % 2 else corruption)
        for n, c in enumerate(["FR", "FR", "DE", "BE", "NL", "FR"])
    ]
    narratives.append(make_narrative(6, country="MA", reason=corruption, language="fr"))
    excerpts = []
    for narrative in narratives[:3]:
        excerpt = ExcerptFactory(narrative=narrative, start=0, end=14)
        excerpt.reasons.add(narrative.reason_links.get().reason)
        excerpts.append(excerpt)
    # bulk_create: no post_save, so campaigns' "send quoting messages back to review" handler
    # (whose SELECT ... DISTINCT ... FOR UPDATE PostgreSQL refuses) stays out of the setup.
    ExcerptTranslation.objects.bulk_create(
        ExcerptTranslation(excerpt=e, language="fr", text="Récit numéro", status="approved")
        for e in excerpts
    )
    campaign = CampaignFactory(
        audience_regions=["Western Europe"], audience_languages=["en", "fr"], cta_text="Call us"
    )
    other = CampaignFactory(audience_regions=["Northern Africa"], audience_languages=["ar"])
    now = timezone.now()
    live = make_message(campaign, excerpts[:2])
    add_renditions(live)
    live_fr = make_message(other, excerpts[2:], language="fr")
    add_renditions(live_fr, ["square"])
    future = make_message(campaign, excerpts[:1], publish_at=now + timedelta(days=2))
    withdrawn = make_message(
        campaign,
        excerpts[:1],
        status=Message.Status.WITHDRAWN,
        publish_at=now - timedelta(days=3),
        withdrawn_at=now - timedelta(hours=1),
    )
    canaries = [_canary(n, name) for n in range(len(narratives)) for name in VAULT_FIELDS]
    return World(narratives, excerpts, campaign, other, live, live_fr, future, withdrawn, canaries)


@pytest.fixture
def make_key(db):
    """Make a partner and a key; return the key in clear."""
    counter = {"n": 0}

    def make(scopes=None, *, languages=None, regions=None, expires_at=None, revoked=False):
        counter["n"] += 1
        partner = services.create_partner(
            name=f"Partner {counter['n']}", languages=languages, regions=regions
        )
        created = services.create_api_key(
            partner=partner, scopes=ALL_SCOPES if scopes is None else scopes, expires_at=expires_at
        )
        if revoked:
            services.revoke_api_key(api_key=created.api_key)
        make.last = created.api_key
        return created.key

    return make


@pytest.fixture
def api(db):
    """A test client that can carry an API key: ``api.get(url, key=...)``."""

    class ApiClient(Client):
        def get(self, path, data=None, *, key=None, headers=None, **extra):
            headers = dict(headers or {})
            if key:
                headers["Authorization"] = f"Api-Key {key}"
            return super().get(path, data, headers=headers, **extra)

        def post_json(self, path, payload, *, key=None, headers=None):
            headers = dict(headers or {})
            if key:
                headers["Authorization"] = f"Api-Key {key}"
            return self.post(path, payload, content_type="application/json", headers=headers)

    return ApiClient()
