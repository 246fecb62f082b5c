"""A carousel as cards: the slides a message's carousel is posted as, in order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from campaigns.rendering.spec import MAX_CAROUSEL_QUOTES, CardSpec


def carousel_slides(base: CardSpec, quotes: Sequence[tuple[str, str]]) -> list[CardSpec]:
    """The slides of a carousel: a cover (headline, body), one slide per (quote,
    attribution), and a closing slide with the call to action when there is one.

    ``base`` is any carousel spec of the message (its look, language, headline, body and
    call to action); each slide keeps only what it draws, so a quote's slide does not change
    when the headline does. More quotes than a carousel holds is an error, never a quote
    dropped: the template-fidelity warning tells the editor first.
    """
    if base.layout != "carousel":
        raise ValueError("carousel_slides expects a carousel spec")
    if not quotes:
        raise ValueError("a carousel needs at least one quote")
    if len(quotes) > MAX_CAROUSEL_QUOTES:
        raise ValueError(f"a carousel shows at most {MAX_CAROUSEL_QUOTES} quotes")
    closing = bool(base.cta_text or base.cta_contact)
    count = 1 + len(quotes) + int(closing)

    def slide(
        index: int,
        kind: str,
        *,
        headline: str = "",
        body: str = "",
        quote: str = "",
        attribution: str = "",
        cta_text: str = "",
        cta_contact: str = "",
    ) -> CardSpec:
        return replace(
            base,
            headline=headline,
            body=body,
            quote=quote,
            attribution=attribution,
            cta_text=cta_text,
            cta_contact=cta_contact,
            statistic="",
            slides=count,
            slide_kind=kind,
            slide=index,
        )

    slides = [slide(0, "cover", headline=base.headline, body=base.body)]
    for i, (quote, attribution) in enumerate(quotes, start=1):
        slides.append(slide(i, "quote", quote=quote, attribution=attribution))
    if closing:
        slides.append(
            slide(count - 1, "closing", cta_text=base.cta_text, cta_contact=base.cta_contact)
        )
    return slides


def carousel_alt_texts(
    *,
    alt_text: str,
    headline: str,
    quotes: Sequence[tuple[str, str]],
    cta_text: str,
    cta_contact: str,
) -> list[str]:
    """What a screen reader says for each slide of a carousel, in order: "1/5: " then the
    message's alt text (or its headline) on the cover, a quote and its attribution, the call
    to action. Made of the very texts the gate scans, and scanned again as made here."""
    texts = [alt_text.strip() or headline.strip()]
    for quote, attribution in quotes:
        texts.append(f"{quote.strip()} — {attribution.strip()}" if attribution else quote.strip())
    closing = " ".join(t.strip() for t in (cta_text, cta_contact) if t.strip())
    if closing:
        texts.append(closing)
    return [f"{i}/{len(texts)}: {text}" for i, text in enumerate(texts, start=1)]
