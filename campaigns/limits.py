"""How long each text an editor types may be on the chosen template's card.

The limits are the renderer's (``campaigns.rendering.MAX_LENGTHS``, enforced by ``CardSpec``)
and the model's ``max_length``, taken through the same mapping ``card_specs`` uses from a
message's fields to a card's texts. The admin's form refuses a text over its limit (the
authority), and its live counters (``static/js/message_char_counts.js``) read these numbers
from the page, never their own copy.

A length is counted as ``CardSpec`` counts it: Unicode code points (Python's ``len``) of the
text with CRLF as one line break, surrounding white space stripped and NFC-composed. That is
not grapheme clusters: an Arabic letter with its vowel marks, or an emoji with a skin tone,
counts as several.

Some layouts cannot be drawn without an excerpt at all (:func:`quotes_required`: a carousel
has a slide per quote, a photo card is one quote over the photo); whatever the lengths, such
a message is refused until it quotes one, and the counters say so.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from campaigns.models import Message, VisualTemplate
from campaigns.rendering import MAX_LENGTHS, REQUIRED_TEXTS, TEMPLATE_FIELDS

# The message's fields the admin counts, with the card text each becomes (None: not drawn)
# and the TEMPLATE_FIELDS key saying whether a layout shows it.
COUNTED_FIELDS: dict[str, tuple[str | None, str | None]] = {
    "headline": ("headline", "headline"),
    "statistic": ("statistic", "statistic"),
    "body": ("body", "body"),
    "cta_text": ("cta_text", "cta"),
    "alt_text": (None, None),  # served beside the cards, not drawn; counted, no limit
}


# The layouts on which a message without an excerpt has its body drawn as the quote (by
# card_specs; its headline when the body is blank), up to the quote's limit.
BODY_AS_QUOTE = frozenset({VisualTemplate.Layout.QUOTE_CARD})


@dataclass(frozen=True)
class TextLimit:
    limit: int | None  # the most characters the field may hold; None: no limit
    shown: bool | None  # whether the layout draws it; None: no card draws it (alt text)


def counted_length(text: str) -> int:
    """The length ``CardSpec`` checks against its limits (see the module's docstring)."""
    return len(unicodedata.normalize("NFC", text.replace("\r\n", "\n").strip()))


def quotes_required(layout: str) -> bool:
    """Whether a message on ``layout`` cannot be drawn until it quotes an excerpt: the
    renderer requires a quote on the layout's card (or on a carousel's quote slides, of which
    there is one at least) and the body does not stand in for it."""
    needed = any("quote" in texts for texts in REQUIRED_TEXTS.get(layout, {}).values())
    return needed and layout not in BODY_AS_QUOTE


def text_limits(layout: str, *, quotes: bool) -> dict[str, TextLimit]:
    """Each counted field's limit and visibility on a card of ``layout`` (``quotes``: the
    message quotes an excerpt; a quote card without one draws the body as its quote). On a
    layout that requires quotes, the limits without them are those the card will have once
    it quotes one (nothing is drawn before)."""
    drawn = TEMPLATE_FIELDS.get(layout, {})
    out = {}
    for name, (role, shown_as) in COUNTED_FIELDS.items():
        shown: bool | None
        if name == "statistic" and layout != VisualTemplate.Layout.STATISTIC_CARD:
            role = None  # only the statistic card takes it (card_specs)
        if name == "body" and layout in BODY_AS_QUOTE and not quotes:
            role, shown = "quote", True
        else:
            shown = None if shown_as is None else drawn.get(shown_as, 0) > 0
        limits = [MAX_LENGTHS[role]] if role is not None else []
        model_max = getattr(Message._meta.get_field(name), "max_length", None)
        if model_max is not None:
            limits.append(model_max)
        out[name] = TextLimit(min(limits) if limits else None, shown)
    return out


def all_text_limits() -> dict[str, dict[str, Any]]:
    """Every layout's limits, with and without quotes, and whether it requires quotes, for
    the admin's counters (JSON)."""
    return {
        layout: {
            **{
                variant: {
                    name: {"limit": lim.limit, "shown": lim.shown}
                    for name, lim in text_limits(layout, quotes=quotes).items()
                }
                for variant, quotes in (("quotes", True), ("no_quotes", False))
            },
            "needs_quotes": quotes_required(layout),
        }
        for layout in VisualTemplate.Layout.values
    }


def length_problems(values: dict[str, str], *, layout: str, quotes: bool) -> dict[str, str]:
    """For each field in ``values`` over its limit on ``layout``, what to tell the editor."""
    limits = text_limits(layout, quotes=quotes)
    problems = {}
    for name, text in values.items():
        limit = limits[name].limit if name in limits else None
        if limit is None:
            continue
        count = counted_length(text or "")
        if count > limit:
            problems[name] = _(
                "This text is %(count)s characters long; the card takes at most %(limit)s. "
                "Shorten it by %(over)s."
            ) % {"count": count, "limit": limit, "over": count - limit}
    return problems


def message_length_problems(message: Message, *, quotes: bool | None = None) -> dict[str, str]:
    """:func:`length_problems` for a message as it stands (its template, or the default)."""
    template = message.template
    layout = template.layout if template is not None else default_layout()
    if quotes is None:
        quotes = message.pk is not None and message.excerpt_links.exists()
    return length_problems(
        {name: getattr(message, name) for name in COUNTED_FIELDS}, layout=layout, quotes=quotes
    )


def missing_quotes_problem(message: Message) -> str | None:
    """What to tell the editor when the message's layout requires quotes and it has none."""
    template = message.template
    layout = template.layout if template is not None else default_layout()
    if not quotes_required(layout) or (message.pk is not None and message.excerpt_links.exists()):
        return None
    return _(
        "The chosen template draws nothing without a quote: add at least one excerpt, or "
        "choose another template."
    )


def field_label(name: str) -> str:
    """The message field's name as the admin's form labels it (capitalised)."""
    return capfirst(str(getattr(Message._meta.get_field(name), "verbose_name", name)))


def default_layout() -> str:
    """The layout of a message without a template (``card_specs`` draws it with a default)."""
    return str(VisualTemplate._meta.get_field("layout").default)
