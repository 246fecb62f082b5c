"""Template fidelity: which filled fields of a message the chosen template does not draw.

Each layout declares what it draws (``campaigns.rendering.TEMPLATE_FIELDS``); the preview,
the review page and the admin form show the editor every filled field that would be left
off the card, instead of dropping it silently.
"""

from __future__ import annotations

from collections.abc import Sequence

from campaigns.models import Message, VisualTemplate
from campaigns.rendering import undrawn_fields
from campaigns.services.renditions import _default_template, card_logo


def filled_fields(message: Message, excerpts: Sequence[object] | None = None) -> dict[str, int]:
    """How many of each declared field the message fills (quotes: its excerpts)."""
    template = message.template or _default_template()
    if excerpts is None:
        excerpts = list(message.excerpt_links.all()) if message.pk else []
    campaign = message.campaign
    cta = bool(
        message.cta_text or campaign.cta_text or campaign.cta_helpline or message.cta_url
        or campaign.cta_url
    )  # fmt: skip
    filled = {
        "headline": int(bool(message.headline)),
        "statistic": int(bool(message.statistic)),
        "body": int(bool(message.body)),
        "quotes": len(excerpts),
        "cta": int(cta),
        "logo": int(card_logo(message, template) is not None),
    }
    if template.layout == VisualTemplate.Layout.QUOTE_CARD and not excerpts:
        filled["body"] = 0  # a quote card without excerpts draws the body as its quote
    return filled


def undrawn_message_fields(message: Message, excerpts: Sequence[object] | None = None) -> list[str]:
    """What to tell the editor about each filled field the template leaves off the card."""
    template = message.template or _default_template()
    return [text for _, text in undrawn_fields(template.layout, filled_fields(message, excerpts))]
