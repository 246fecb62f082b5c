"""The editors' live preview: a card rendered from the form, never stored."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

from campaigns.models import (
    Campaign,
    Message,
    VisualTemplate,
)
from campaigns.rendering import RenderedCard, render_card
from campaigns.services.fidelity import undrawn_message_fields
from campaigns.services.renditions import card_specs
from narratives.models import Excerpt


class PreviewError(Exception):
    """The form cannot be previewed yet; the message says what is missing."""


def _unsaved_message(data: Mapping[str, str]) -> tuple[Message, list[Excerpt]]:
    """The message and excerpts the admin form describes, unsaved."""

    campaign_id = _int(data.get("campaign"))
    campaign = None if campaign_id is None else Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        raise PreviewError(_("Choose a campaign to preview the message."))
    template_id = _int(data.get("template"))
    template = (
        None if template_id is None else VisualTemplate.objects.filter(pk=template_id).first()
    )
    message = Message(
        campaign=campaign,
        template=template,
        language=data.get("language") or "en",
        headline=data.get("headline") or "",
        body=data.get("body") or "",
        statistic=data.get("statistic") or "",
        cta_text=data.get("cta_text") or "",
        cta_url=data.get("cta_url") or "",
        palette=data.get("palette") or "",
    )
    ids = posted_excerpt_ids(data)
    reusable = set(Excerpt.objects.reusable().filter(pk__in=ids).values_list("pk", flat=True))
    excerpts = [Excerpt(pk=pk) for pk in ids if pk in reusable]
    _refuse_untranslated(ids=[pk for pk in ids if pk in reusable], language=message.language)
    return message, excerpts


def posted_excerpt_ids(data: Mapping[str, str]) -> list[int]:
    """The excerpts the admin form's inline quotes, in order (rows marked for deletion left
    out): what the card will quote once the form is saved."""
    total = _int(data.get("excerpt_links-TOTAL_FORMS")) or 0
    positions = []
    for i in range(min(total, 50)):
        if data.get(f"excerpt_links-{i}-DELETE"):
            continue
        excerpt_id = _int(data.get(f"excerpt_links-{i}-excerpt"))
        if excerpt_id:
            positions.append((_int(data.get(f"excerpt_links-{i}-position")) or 0, i, excerpt_id))
    return [excerpt_id for _, _, excerpt_id in sorted(positions)]


def preview_message(*, data: Mapping[str, str]) -> tuple[bytes, str, list[str]]:
    """Render an unsaved message from admin form data; return the image, its MIME type and
    what the chosen template leaves off the card (see services.fidelity)."""
    message, excerpts = _unsaved_message(data)
    warnings = undrawn_message_fields(message, excerpts)
    try:
        specs = card_specs(message, excerpts=excerpts)
    except ValueError as exc:
        raise PreviewError(_("Not ready to preview: %(problem)s") % {"problem": exc}) from None
    fmt = data.get("preview_format") or "square"
    # A carousel previews one slide at a time (the cover unless another is asked for).
    slide = _int(data.get("preview_slide")) or 0
    spec = specs.get((fmt, slide)) or specs.get((fmt, 0)) or next(iter(specs.values()))
    card = render_card(spec)
    return card.data, card.mime_type, warnings + cut_short(card, spec.format)


# What each of the card's text boxes is, to the editor.
ROLE_LABELS = {
    "statistic": "statistic",
    "headline": "headline",
    "quote": "quote",
    "body": "body",
    "attribution": "attribution",
    "cta": "call to action",
    "contact": "help-line or URL",
}


def cut_short(card: RenderedCard, fmt: str) -> list[str]:
    """What to tell the editor about each text the card could not fit even at its smallest
    size, so ended with an ellipsis: within its character limit, yet not all on the card."""
    return [
        f"The {ROLE_LABELS.get(box.role, box.role)} does not fit on the {fmt} card and is cut "
        "short with “…”: shorten it, or choose a template that gives it more room."
        for box in card.boxes
        if box.truncated
    ]


def _refuse_untranslated(*, ids: list[int], language: str) -> None:
    """The preview says which quotes have no words in the message's language."""
    from narratives.models import Excerpt
    from narratives.selectors import untranslated_quotes

    found = Excerpt.objects.filter(pk__in=ids).select_related("narrative")
    missing = untranslated_quotes(found.prefetch_related("translations"), language)
    if missing:
        raise PreviewError(" ".join(missing))


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
