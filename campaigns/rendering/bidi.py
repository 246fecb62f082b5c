"""Bidirectional text: base directions, isolation of opposite-direction runs, visual order.

The Unicode bidirectional algorithm (UAX #9) alone scrambles a phone number inside
right-to-left text: in ``اتصل على +33 800 000 000`` the spaces between the digit groups sit
between two European numbers, which act as R for neutrals (rule N1), so the groups come out
as ``000 000 800 33+``. Browsers avoid it with ``<bdi>``; here every maximal run of the
other direction (a digit group sequence, a URL, a handle, a Latin name or quote) is wrapped
in an isolate (LRI … PDI, or RLI … PDI in left-to-right text), which UAX #9 lays out as one
neutral unit of its own direction. The run keeps its internal order; the paragraph keeps
the message's base direction.

Two ways to draw the result, both from the same isolated logical text:

* raqm (Pillow built with libraqm and a FriBiDi it can load): each line is passed in
  logical order with ``direction=``; FriBiDi runs UAX #9 (isolates included, rule L4
  mirroring) and HarfBuzz shapes it.
* no raqm (Pillow's wheels load libfribidi at run time; a machine without it gets the
  basic layout): ``visual_line`` shapes Arabic with arabic-reshaper (presentation forms),
  reorders with python-bidi (the unicode-bidi crate, isolates included) and applies L4
  mirroring itself, which python-bidi does not: after isolation, a mirrorable character is
  at a right-to-left level exactly when it lies outside the isolates of a right-to-left
  paragraph or inside an RLI isolate of a left-to-right one.

Wrapping always happens on the logical text (fitting.py); only finished lines are isolated
and reordered.
"""

from __future__ import annotations

import functools
import unicodedata

import arabic_reshaper
from bidi import get_display
from bidi.mirror import MIRRORED

# Keep the harakat (tanwin, shadda…): arabic-reshaper deletes them by default.
_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})

LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"
_ISOLATES = frozenset("\u2066\u2067\u2068\u2069")

# Characters that may join two strong characters of a run: spaces, number separators
# (+ - , . / :), currency and percent signs, and URL / handle punctuation.
_JOINERS = frozenset({"WS", "CS", "ES", "ET", "BN", "NSM"})
_JOINING_ON = frozenset("_@&=?~#'’")
# Prefixes that belong to the run after them: "+33", "@handle", "#tag", "$5", "-3".
_PREFIX = frozenset({"ES", "ET"}) | {"@", "#"}


def base_direction(text: str, default: str = "ltr") -> str:
    """Paragraph base direction from the first strong character (UAX #9, P2/P3)."""
    for ch in text:
        bidi = unicodedata.bidirectional(ch)
        if bidi == "L":
            return "ltr"
        if bidi in ("R", "AL"):
            return "rtl"
    return default


def paragraph_direction(text: str, message_direction: str) -> str:
    """Base direction of one paragraph of a message: the message's own direction, unless
    most of the paragraph's strong characters (letters) are of the other direction (a
    French quote in an Arabic message, an Arabic sentence quoted in an English one). Unlike
    the first-strong rule (P2), "0800 000 000 اتصل" or "SOS: اتصل بنا" stay right-to-left
    in an Arabic message; a paragraph without letters takes the message's direction."""
    ltr = rtl = 0
    for ch in text:
        cls = unicodedata.bidirectional(ch)
        if cls == "L":
            ltr += 1
        elif cls in ("R", "AL"):
            rtl += 1
    if message_direction == "rtl":
        return "ltr" if ltr > rtl else "rtl"
    return "rtl" if rtl > ltr else "ltr"


def _strong(ch: str, direction: str) -> bool:
    """Starts or ends an opposite-direction run inside a paragraph of ``direction``."""
    cls = unicodedata.bidirectional(ch)
    if direction == "rtl":
        return cls in ("L", "EN")
    return cls in ("R", "AL")


def _joins(ch: str, direction: str) -> bool:
    cls = unicodedata.bidirectional(ch)
    if direction == "ltr" and cls in ("AN", "EN"):
        return True  # digits inside an Arabic phrase stay with it
    return cls in _JOINERS or ch in _JOINING_ON


@functools.lru_cache(maxsize=8192)
def isolate_runs(text: str, direction: str) -> str:
    """``text`` with every maximal run of the opposite direction wrapped in an isolate.

    A run starts at a strong character of the other direction (for right-to-left text
    also a European digit), or at a ``+``/``-``/``@``/``#``/currency sign directly before
    one, extends over spaces and number/URL punctuation as long as another such character
    follows, and takes trailing ``%``/currency signs. Brackets and quotation marks stay
    outside, so they take the paragraph's direction (and are mirrored with it). A run made
    of strong characters only ("7", "SOS") is left as it is: it cannot be reordered."""
    if any(ch in _ISOLATES for ch in text):
        return text  # the author placed isolates already; UAX #9 honours them
    opener = LRI if direction == "rtl" else RLI
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        starts = _strong(ch, direction) or (
            (unicodedata.bidirectional(ch) in _PREFIX or ch in _PREFIX)
            and i + 1 < n
            and _strong(text[i + 1], direction)
        )
        if not starts:
            out.append(ch)
            i += 1
            continue
        end = i + 1  # exclusive end of the run so far (last strong character + 1)
        j = i + 1
        while j < n:
            if _strong(text[j], direction):
                end = j + 1
            elif not _joins(text[j], direction):
                break
            j += 1
        while end < n and unicodedata.bidirectional(text[end]) == "ET":
            end += 1  # "50%", "20 €"
        run = text[i:end]
        # A run of strong characters only is laid out the same without an isolate.
        plain = all(_strong(c, direction) for c in run)
        out.append(run if plain else opener + run + PDI)
        i = end
    return "".join(out)


def _mirror_outside(text: str, direction: str) -> str:
    """Rule L4 for the basic layout: mirror brackets that end up at a right-to-left level
    (see the module docstring for why this is exact after ``isolate_runs``)."""
    out: list[str] = []
    depth = 0
    for ch in text:
        if ch in (LRI, RLI, "\u2068"):
            depth += 1
        elif ch == PDI:
            depth = max(0, depth - 1)
        rtl_level = (depth == 0) if direction == "rtl" else (depth > 0)
        out.append(MIRRORED.get(ch, ch) if rtl_level else ch)
    return "".join(out)


@functools.lru_cache(maxsize=8192)
def visual_line(text: str, direction: str) -> str:
    """One logical line in visual (left-to-right drawing) order, Arabic shaped into
    presentation forms: what the basic layout can draw without raqm."""
    isolated = isolate_runs(text, direction)
    mirrored = _mirror_outside(isolated, direction)
    shaped = _RESHAPER.reshape(mirrored)
    visual: str = get_display(shaped, base_dir="R" if direction == "rtl" else "L")
    return "".join(ch for ch in visual if ch not in _ISOLATES)
