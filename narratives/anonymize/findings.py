"""What the scanner reports: findings, the categories, known identifiers, redaction."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["CATEGORIES", "Finding", "KnownIdentifier", "Raw", "redact"]

# A detector's hit before the merge: (start, end) in the normalised text, the category, and
# whether it matched a vault value.
Raw = tuple[int, int, str, bool]

# One category per kind of identifier. A finding's category depends only on the text (its
# shape and context), never on whether the string is in the vault: a vault match is labelled
# with the same kind a generic detector gives that kind of string, so pasting guesses into a
# draft does not tell which of them are vault values or from which field. Callers that need
# vault membership ask ``LeakScanner.scan_known``.
CATEGORIES = (
    "person",  # names of private people, nicknames, noms de guerre that are not kunyas
    "kunya",  # Abu X / Umm X
    "nisba",  # al-Britani, الشيشاني
    "place",  # towns, villages, districts, neighbourhoods, streets
    "organisation",  # schools, colleges, employers, workplaces, shops
    "unit",  # named units below the group
    "date",  # precise to the day
    "age",  # an exact age
    "phone",
    "email",
    "handle",
    "url",
    "id",  # passport, identity card and other document numbers
)

# What a caller's vault-field hint (``KnownIdentifier.category``) means as a kind. Contacts are
# labelled by their shape (phone / e-mail / handle / URL); anything unknown is a person's name.
_HINT_KIND = {
    "name": "person",
    "alias": "person",
    "known": "person",
    "person": "person",
    "kunya": "kunya",
    "nisba": "nisba",
    "town": "place",
    "home_town": "place",
    "place": "place",
    "organisation": "organisation",
    "unit": "unit",
    "id": "id",
}

# Redaction placeholders, today's and those written before the categories were unified: never
# findings themselves.
_PLACEHOLDER_RE = re.compile(
    r"\[(?:" + "|".join((*CATEGORIES, "town", "name", "alias", "contact", "known")) + r")\]",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Finding:
    start: int  # code-point offset into the ORIGINAL text, inclusive
    end: int  # code-point offset, exclusive; text[start:end] == self.text
    category: str
    text: str

    def as_dict(self) -> dict[str, int | str]:
        return {"start": self.start, "end": self.end, "category": self.category, "text": self.text}

    def __repr__(self) -> str:  # never echo the identifying text into logs by accident
        return f"Finding(start={self.start}, end={self.end}, category={self.category!r})"


@dataclass(frozen=True, slots=True)
class KnownIdentifier:
    value: str
    # The vault field it comes from ("name", "alias", "kunya", "town", "contact"), only a hint
    # of its kind: findings are labelled with one of CATEGORIES, never with the field.
    category: str = "known"

    def __repr__(self) -> str:
        return f"KnownIdentifier(category={self.category!r})"


def redact(text: str, findings: Iterable[Finding]) -> str:
    """Replace each finding with ``[category]``, working from the end so offsets stay valid."""
    for f in sorted(findings, key=lambda f: f.start, reverse=True):
        if not (0 <= f.start <= f.end <= len(text)):
            raise ValueError("finding offsets outside the text")
        text = text[: f.start] + f"[{f.category}]" + text[f.end :]
    return text
