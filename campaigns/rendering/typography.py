"""Typographic punctuation per language: curly apostrophes, and quotation marks around
quoted testimony as each language sets them."""

from __future__ import annotations

import functools
import re

NNBSP = "\u202f"  # NARROW NO-BREAK SPACE, inside French guillemets

# (opening, closing) by primary language subtag; anything else gets the English marks.
QUOTE_MARKS: dict[str, tuple[str, str]] = {
    "en": ("\u201c", "\u201d"),  # “ ”
    "fr": ("\u00ab" + NNBSP, NNBSP + "\u00bb"),  # « »
    "de": ("\u201e", "\u201c"),  # „ “
    "es": ("\u00ab", "\u00bb"),
    "it": ("\u00ab", "\u00bb"),
    "ru": ("\u00ab", "\u00bb"),
    "nl": ("\u201c", "\u201d"),
    # Arabic, Persian, Urdu typography uses guillemets; in right-to-left text « (logically
    # first) is mirrored by the bidi algorithm, so it reads as an opening mark on the right.
    "ar": ("\u00ab", "\u00bb"),
    "fa": ("\u00ab", "\u00bb"),
    "ur": ("\u00ab", "\u00bb"),
}
_OPENING = frozenset("\"'\u201c\u201e\u00ab\u2018\u201a\u2039\u300c")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=\w)'(?=\s|$)|(?<=s)'")
_STRAIGHT_PAIR = re.compile(r'"([^"\n]+)"')


def quote_marks(language: str) -> tuple[str, str]:
    return QUOTE_MARKS.get(language.split("-")[0].lower(), QUOTE_MARKS["en"])


@functools.lru_cache(maxsize=4096)
def typeset(text: str, language: str) -> str:
    """Curly apostrophes (l'homme -> l’homme, don't -> don’t) and straight double quotes
    turned into the language's quotation marks. Idempotent."""
    text = _APOSTROPHE.sub("\u2019", text)
    opening, closing = quote_marks(language)
    return _STRAIGHT_PAIR.sub(lambda m: opening + m.group(1).strip() + closing, text)


@functools.lru_cache(maxsize=4096)
def quoted(text: str, language: str) -> str:
    """Testimony between the language's quotation marks, unless it already opens with one.
    Each paragraph of a multi-paragraph quote is marked on its own: on a card each
    paragraph stands as a quote."""
    text = typeset(text, language)
    if not text or text.lstrip()[:1] in _OPENING:
        return text
    opening, closing = quote_marks(language)
    return "\n".join(opening + p.strip() + closing if p.strip() else p for p in text.split("\n"))
