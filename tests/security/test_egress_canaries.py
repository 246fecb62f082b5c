"""Canaries planted in every vault field never come out, whichever door they are pushed at.

Two kinds of canary:

- vault-only values (the API world's records: every field of every record holds one) are
  typed nowhere else; they must appear in no page, API response, media file, card input,
  webhook payload or log line, for any role;
- pushed values: for each route an editor or analyst could use (a message's headline, a new
  message's body, a campaign's call to action and help-line, a translation, a narrative's
  text), a record of its own holds canaries in every field, and the editor or analyst types
  them all into that route, then tries everything to get it out (dismissing every finding
  they can, approving, scheduling, publishing). Staff see what they typed; partners and
  anonymous visitors, the cards that are served, webhooks and logs must never carry it.

Then every page, media file and API path in the egress registry is fetched as each role.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from campaigns import inputs, publishing
from campaigns import services as campaign_services
from campaigns.models import Message, MessageExcerpt, Rendition
from campaigns.selectors import message_findings
from core.egress import Kind, registry
from narratives import services as narrative_services
from narratives.models import ExcerptTranslation, Narrative
from narratives.selectors import open_findings
from partners import services as partner_services
from partners.models import WebhookDelivery
from tests.factories import (
    CampaignFactory,
    MessageFactory,
    NarrativeFactory,
    SourceRecordFactory,
    UserFactory,
)

FIELDS = ("real_name", "aliases", "kunya", "home_town", "contacts", "consent_notes", "raw_text")
ROUTES = ("headline", "new_message", "campaign", "translation", "narrative")
# Each route is tried with a structured vault value; each vault field through a new message.
CASES = sorted({(route, "real_name") for route in ROUTES} | {("new_message", f) for f in FIELDS})


def case_canaries(tag: str) -> dict[str, str]:
    """The values of one case's vault record, each recognisable on its own."""
    return {
        "real_name": f"Zqxname {tag.title()}real",
        "aliases": f"Zqxalias {tag.title()}alias",
        "kunya": f"Abu Zqx{tag}kunya",
        "home_town": f"Zqxtown{tag}",
        "contacts": f"zqx.{tag}.contact@example.org",
        # Consent notes and raw testimony hold free text: the identifier inside is the canary.
        "consent_notes": f"zqx.{tag}.consent@example.org",
        "raw_text": f"zqx.{tag}.raw@example.org",
    }


def plant(tag: str) -> dict[str, str]:
    values = case_canaries(tag)
    SourceRecordFactory(
        narrative=NarrativeFactory(title=f"Vault of {tag}"),
        real_name=values["real_name"],
        aliases=values["aliases"],
        kunya=values["kunya"],
        home_town=values["home_town"],
        contacts=values["contacts"],
        consent_notes=f"Agreed by phone; her brother writes from {values['consent_notes']}.",
        raw_text=f"I stayed in the guest house; write to {values['raw_text']} for the rest.",
    )
    return values


# --- Pushing: what an editor or analyst could type, through each route -----------------------


def push_headline(world, editor, analyst, text):
    message = Message.objects.get(pk=world.live.pk)
    message.headline = f"They lied to {text}"
    campaign_services.save_message(user=editor, message=message, changed_fields=["headline"])


def push_new_message(world, editor, analyst, text):
    message = MessageFactory(
        author=editor, campaign=CampaignFactory(), body=f"Ask {text} why.", status="draft"
    )
    MessageExcerpt.objects.create(message=message, excerpt=world.excerpts[0])
    campaign_services.submit_message(user=editor, message=message)


def push_campaign(world, editor, analyst, text):
    campaign = type(world.campaign).objects.get(pk=world.campaign.pk)
    campaign.cta_helpline = text
    inputs.save_campaign(user=editor, campaign=campaign)


def push_translation(world, editor, analyst, text):
    # The French message quotes this excerpt in French: its translation is drawn and served.
    translation = ExcerptTranslation.objects.get(excerpt=world.excerpts[2], language="fr")
    translation.text = f"Demandez à {text}."
    translation.save()  # as the admin's inline does: the save announces the change


def push_narrative(world, editor, analyst, text):
    narrative = Narrative.objects.get(pk=world.narratives[5].pk)
    narrative_services.edit_narrative(
        user=analyst, narrative=narrative, text=f"{narrative.text} I met {text} there."
    )


PUSHES = {
    "headline": push_headline,
    "new_message": push_new_message,
    "campaign": push_campaign,
    "translation": push_translation,
    "narrative": push_narrative,
}


def try_to_release(editor, analyst, analyst2):
    """Everything reviewers could do to let it out: dismiss what they may, approve, publish."""
    refused = (narrative_services.NarrativeError, ValidationError, PermissionDenied)
    for narrative in Narrative.objects.filter(status="in_review"):
        for finding in open_findings(narrative):
            with contextlib.suppress(refused):
                narrative_services.dismiss_finding(
                    user=analyst2,
                    narrative=narrative,
                    start=finding.start,
                    end=finding.end,
                    reason="Identifies nobody.",
                )
        with contextlib.suppress(refused):
            narrative_services.approve_narrative(user=analyst2, narrative=narrative)
    for message in Message.objects.filter(status="in_review"):
        for finding in message_findings(message):
            with contextlib.suppress(refused):
                campaign_services.dismiss_message_finding(
                    user=analyst,
                    message=message,
                    field=finding.field,
                    start=finding.start,
                    end=finding.end,
                    reason="Identifies nobody.",
                )
        try:
            campaign_services.approve_message(user=analyst, message=message)
            campaign_services.schedule_message(
                user=editor, message=message, publish_at=timezone.now() - timedelta(minutes=1)
            )
        except refused:
            pass
    publishing.sweep()
    for rendition in Rendition.objects.filter(status="pending"):
        # A rendition whose inputs changed since it was queued is skipped, as a worker would.
        with contextlib.suppress(campaign_services.RenditionSkipped):
            campaign_services.render_rendition(
                rendition_id=rendition.pk, input_hash_=rendition.input_hash
            )


# --- Walking: every registered path, as every role --------------------------------------------


def registered_paths() -> list[str]:
    found = []
    for surface in registry.surfaces():
        if surface.kind in (Kind.PAGE, Kind.MEDIA, Kind.CSV_EXPORT) and surface.paths:
            found.extend(surface.paths())
    return sorted(set(found))


def _text(response) -> str:
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return headers + "\n" + body.decode("utf-8", errors="replace")


def walk(clients: dict[str, Client]) -> dict[str, str]:
    paths = registered_paths()
    assert any(p.startswith("/api/v1/messages/msg_") for p in paths)
    assert any(p.startswith("/media/r/") for p in paths)
    assert any(p.startswith("/media/preview/") for p in paths)
    assert any(p.startswith("/media/renditions/") for p in paths)  # file paths: must be 404
    assert any(p.startswith("/admin/campaigns/campaign/") for p in paths)
    assert any(p.startswith("/review/narratives/") for p in paths)
    seen = {}
    for role, client in clients.items():
        seen[role] = "\n".join(f"{p}\n{_text(client.get(p))}" for p in paths)
    return seen


def served_cards() -> str:
    """The inputs of every card served outside: approved renditions of live messages."""
    live = Message.objects.live(timezone.now())
    specs = [
        campaign_services.card_specs(r.message)[(r.format, r.slide)]
        for r in Rendition.objects.approved().filter(message__in=live).select_related("message")
    ]
    return repr(specs)


def all_cards() -> str:
    specs = []
    for message in Message.objects.all():
        try:
            specs.extend(campaign_services.card_specs(message).values())
        except ValueError:
            continue
    return repr(specs)


def _webhook_bodies() -> str:
    """What each delivery would be sent as now (built at send time), and what its row stores."""
    now = timezone.now()
    return repr(
        [
            (partner_services.sendable_body(d, now=now), d.payload)
            for d in WebhookDelivery.objects.select_related("partner")
        ]
    )


def test_no_canary_leaves_through_any_registered_surface_for_any_role(
    world, api, make_key, editor, analyst, caplog
):
    caplog.set_level(logging.DEBUG)
    analyst2 = UserFactory(username="t_analyst2", role="Analyst")
    key = make_key()
    partner_services.set_webhook(partner=make_key.last.partner, url="http://127.0.0.1:9/hook")
    pushed = {}
    with override_settings(API_CHANGES_SETTLE_SECONDS=0):
        for route, field in CASES:
            values = plant(f"{route}{field}".replace("_", ""))
            pushed[(route, field)] = values
            PUSHES[route](world, editor, analyst, values[field])
        try_to_release(editor, analyst, analyst2)

        partner = Client(headers={"Authorization": f"Api-Key {key}"})
        staff = {}
        for name, user in (("editor", editor), ("analyst", analyst)):
            staff[name] = Client()
            staff[name].force_login(user)
        seen = walk({"anonymous": Client(), "partner": partner, **staff})

    outside = seen["anonymous"] + seen["partner"]
    payloads = _webhook_bodies()
    cards = served_cards()
    logs = caplog.text
    # Vault-only canaries: nowhere, for nobody.
    everywhere = "\n".join(seen.values()) + payloads + all_cards() + logs
    assert [c for c in world.canaries if c in everywhere] == []
    # Pushed canaries: never outside, never on a served card, in a webhook or a log line.
    leaked = {}
    for case, values in pushed.items():
        for value in values.values():
            where = [
                name
                for name, haystack in (
                    ("outside", outside),
                    ("cards", cards),
                    ("webhooks", payloads),
                    ("logs", logs),
                )
                if value in haystack
            ]
            if where:
                leaked[case] = where
    # The walk saw real content: the pages are not all errors.
    assert world.live_fr.public_id in seen["partner"]
    assert "Vault of headlinerealname" in seen["analyst"]
    assert leaked == {}
