"""Script in any text a user can enter comes out as text: in the admin, the review UI and images.

Every text field that a page or a rendition shows gets a payload carrying its own tag. Each
page must be free of live markup from any payload, and each tag must show up escaped on at
least one page, so a field that stopped being rendered cannot make the test pass unnoticed.
"""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from campaigns.models import Campaign, Message, MessageEvent, MessageExcerpt
from campaigns.rendering import FORMATS, render_card
from campaigns.services import card_specs
from core.roles import CUSTODIAN
from narratives.models import (
    Excerpt,
    FindingDismissal,
    NarrativeEvent,
    NarrativeReason,
    Reason,
)
from tests.factories import (
    CampaignFactory,
    ExcerptFactory,
    MessageFactory,
    NarrativeFactory,
    UserFactory,
    VisualTemplateFactory,
)

pytestmark = pytest.mark.django_db

LIVE_MARKUP = ("<script>alert(1)", "<img src=x onerror", 'href="javascript:', "onerror=alert(1)>")


def payload(tag: str) -> str:
    return f'<script>alert(1)</script>{tag}"><img src=x onerror=alert(1)>'


def escaped(tag: str) -> str:
    return f"&lt;script&gt;alert(1)&lt;/script&gt;{tag}"


@pytest.fixture
def hostile(analyst, editor):
    """One of everything, every text field carrying a payload with its own tag."""
    reason = Reason.objects.create(code="xss-reason", name=payload("REASONNAME"))
    narrative = NarrativeFactory(
        title=payload("NARRTITLE"),
        text=f"I left. {payload('NARRTEXT')} The promises were empty.",
        author=analyst,
        status="in_review",
    )
    NarrativeReason.objects.create(narrative=narrative, reason=reason, is_primary=True)
    excerpt = ExcerptFactory(narrative=narrative, start=0, end=7, text=payload("EXCERPTTEXT")[:200])
    excerpt.reasons.add(reason)
    NarrativeEvent.objects.create(
        narrative=narrative, actor=analyst, action="changes_requested", comment=payload("COMMENT")
    )
    FindingDismissal.objects.create(
        narrative=narrative,
        fingerprint="f" * 64,
        category="name",
        reason=payload("DISMISSAL"),
        dismissed_by=analyst,
    )
    NarrativeEvent.objects.create(
        narrative=narrative, actor=analyst, action="dismissed", comment=payload("DISMISSEVENT")
    )
    template = VisualTemplateFactory(name=payload("TPL")[:100])
    campaign = CampaignFactory(
        name=payload("CAMPNAME"),
        objectives=payload("OBJECTIVES"),
        key_message=payload("KEYMSG"),
        counters_claim=payload("CLAIM"),
        messenger_credibility=payload("CREDIBILITY"),
        channels=payload("CHANNELS"),
        cta_text=payload("CAMPCTA"),
        monitoring_plan=payload("MONITORING"),
        risk_assessment=payload("RISK"),
        safeguarding_contact=payload("SAFEGUARD"),
    )
    message = MessageFactory(
        campaign=campaign,
        template=template,
        author=editor,
        headline=payload("HEADLINE"),
        body=payload("BODY"),
        cta_text=payload("MSGCTA"),
        alt_text=payload("ALTTEXT"),
        withdrawal_reason=payload("WITHDRAWAL"),
    )
    MessageExcerpt.objects.create(message=message, excerpt=excerpt)
    MessageEvent.objects.create(
        message=message, actor=analyst, action="changes_requested", comment=payload("MSGCOMMENT")
    )
    # Stored behind the forms' backs, to show the pages do not rely on validation.
    Message.objects.filter(pk=message.pk).update(cta_url="javascript:alert(1)")
    Campaign.objects.filter(pk=campaign.pk).update(cta_url="javascript:alert(1)")
    return {
        "narrative": narrative,
        "excerpt": excerpt,
        "reason": reason,
        "campaign": campaign,
        "message": message,
        "template": template,
    }


def _pages(client, analyst, superuser, custodian, hostile) -> dict[str, str]:
    n, m = hostile["narrative"], hostile["message"]
    review_urls = [
        "/review/",
        "/review/?status=in_review",
        f"/review/?q={n.title[:10]}",
        f"/review/narratives/{n.public_id}/",
        f"/review/narratives/{n.public_id}/edit/",
    ]
    admin_urls = [
        "/admin/narratives/narrative/",
        f"/admin/narratives/narrative/{n.pk}/change/",
        "/admin/narratives/reason/",
        f"/admin/narratives/reason/{hostile['reason'].pk}/change/",
        "/admin/campaigns/campaign/",
        f"/admin/campaigns/campaign/{hostile['campaign'].pk}/change/",
        "/admin/campaigns/message/",
        f"/admin/campaigns/message/{m.pk}/change/",
        "/admin/campaigns/visualtemplate/",
        f"/admin/campaigns/visualtemplate/{hostile['template'].pk}/change/",
        "/admin/campaigns/publication/",
        "/admin/campaigns/publishevent/",
        f"/admin/campaigns/message/{m.pk}/history/",
        "/admin/campaigns/message/?q=%3Cscript%3E",
    ]
    # Proposed excerpts (this one's narrative is in review) are shown to custodians only.
    custodian_urls = [
        "/admin/narratives/excerpt/",
        f"/admin/narratives/excerpt/{hostile['excerpt'].pk}/change/",
    ]
    pages = {}
    client.force_login(analyst)
    for url in review_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    client.force_login(superuser)
    for url in admin_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    client.force_login(custodian)
    for url in custodian_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    return pages


TAGS = [
    "REASONNAME",
    "NARRTITLE",
    "NARRTEXT",
    "EXCERPTTEXT",
    "COMMENT",
    "DISMISSEVENT",
    "TPL",
    "CAMPNAME",
    "OBJECTIVES",
    "KEYMSG",
    "CLAIM",
    "CREDIBILITY",
    "CHANNELS",
    "CAMPCTA",
    "MONITORING",
    "RISK",
    "SAFEGUARD",
    "HEADLINE",
    "BODY",
    "MSGCTA",
    "ALTTEXT",
    "WITHDRAWAL",
]


def test_payloads_come_out_escaped_everywhere(client, analyst, superuser, hostile):
    # A superuser who is also a custodian sees every excerpt in the admin.
    custodian = UserFactory(
        username="t_root_custodian", role=CUSTODIAN, is_staff=True, is_superuser=True
    )
    pages = _pages(client, analyst, superuser, custodian, hostile)
    for url, html in pages.items():
        for live in LIVE_MARKUP:
            assert live not in html, f"live markup {live!r} on {url}"
    everything = "\n".join(pages.values())
    missing = [tag for tag in TAGS if escaped(tag) not in everything]
    assert not missing, f"never rendered (so never checked): {missing}"


def test_a_javascript_url_is_refused_as_a_call_to_action(editor):
    for model in (Message(headline="x", language="en"), Campaign(name="x")):
        model.cta_url = "javascript:alert(1)"
        with pytest.raises(ValidationError) as raised:
            model.clean_fields()
        assert "cta_url" in raised.value.message_dict


def test_the_admin_form_refuses_a_javascript_call_to_action(client, editor):
    campaign = CampaignFactory()
    client.force_login(editor)
    response = client.post(
        f"/admin/campaigns/campaign/{campaign.pk}/change/",
        {
            "name": "x",
            "goal": campaign.goal,
            "audience_stage": campaign.audience_stage,
            "cta_url": "javascript:alert(1)",
        },
    )
    assert response.status_code == 200  # the form again, with its errors
    campaign.refresh_from_db()
    assert campaign.cta_url == ""


def test_images_draw_payloads_as_plain_text(hostile):
    message = hostile["message"]
    specs = card_specs(message, excerpts=list(Excerpt.objects.filter(pk=hostile["excerpt"].pk)))
    assert specs
    for spec in specs.values():
        assert "<script>" in spec.headline  # the payload reaches the renderer as it was typed
        card = render_card(spec)
        image = Image.open(io.BytesIO(card.data))
        image.verify()  # a whole, valid image: the text was drawn, not interpreted
        assert (image.width, image.height) == FORMATS[spec.format]
