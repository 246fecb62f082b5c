"""A palette chosen for a campaign or a message replaces the template's colours on the card."""

from __future__ import annotations

import pytest

from campaigns.models import Campaign, Message, VisualTemplate
from campaigns.rendering.palettes import PALETTES
from campaigns.services import card_specs


def _message(campaign_palette: str = "", message_palette: str = "") -> Message:
    template = VisualTemplate(
        name="t", layout="cta_card", background_color="#123456", text_color="#FFFFFF",
        accent_color="#FFCC00",
    )  # fmt: skip
    campaign = Campaign(name="c", goal="prevent_joining", audience_stage="prevention",
                        palette=campaign_palette, cta_helpline="0800 000 000")  # fmt: skip
    return Message(
        campaign=campaign,
        template=template,
        language="en",
        headline="They lied",
        cta_text="Talk to us",
        palette=message_palette,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("campaign_palette", "message_palette", "expected"),
    [
        ("", "", ("#123456", "#FFFFFF", "#FFCC00")),
        ("paper", "", PALETTES["paper"][1:]),
        ("paper", "dusk", PALETTES["dusk"][1:]),
        ("", "forest", PALETTES["forest"][1:]),
    ],
)
def test_palette_precedence(campaign_palette, message_palette, expected):
    specs = card_specs(_message(campaign_palette, message_palette), excerpts=[])
    for spec in specs.values():
        assert (spec.background_color, spec.text_color, spec.accent_color) == tuple(expected)
