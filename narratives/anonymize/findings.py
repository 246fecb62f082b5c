"""What the scanner reports: findings, the categories, known identifiers, redaction."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .normalise import _normalise

__all__ = ["CATEGORIES", "Finding", "KnownIdentifier", "Raw", "placeholder", "redact"]

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

# A redaction's placeholder names the category in the text's own language, so an Arabic or
# French narrative does not get English words in brackets; other languages get the English.
PLACEHOLDER_WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "person": "personne",
        "kunya": "kunya",
        "nisba": "nisba",
        "place": "lieu",
        "organisation": "organisation",
        "unit": "unité",
        "date": "date",
        "age": "âge",
        "phone": "téléphone",
        "email": "e-mail",
        "handle": "pseudonyme",
        "url": "lien",
        "id": "numéro de pièce",
    },
    "ar": {
        "person": "شخص",
        "kunya": "كنية",
        "nisba": "نسبة",
        "place": "مكان",
        "organisation": "جهة",
        "unit": "وحدة",
        "date": "تاريخ",
        "age": "سن",
        "phone": "هاتف",
        "email": "بريد إلكتروني",
        "handle": "حساب",
        "url": "رابط",
        "id": "رقم وثيقة",
    },
}


def placeholder(category: str, language: str = "en") -> str:
    """The bracketed placeholder that replaces a finding of ``category`` in a text written in
    ``language``: ``[place]``, ``[lieu]``, ``[مكان]``."""
    word = PLACEHOLDER_WORDS.get(language.split("-")[0], {}).get(category, category)
    return f"[{word}]"


# Redaction placeholders, in every language, today's and those written before the categories
# were unified: never findings themselves.
_PLACEHOLDER_WORDS = (
    *CATEGORIES,
    "town",
    "name",
    "alias",
    "contact",
    "known",
    *(word for words in PLACEHOLDER_WORDS.values() for word in words.values()),
)
# Matched in the scanner's normalised view of the text (accents and Arabic marks folded).
_PLACEHOLDER_RE = re.compile(
    r"\[(?:"
    + "|".join(re.escape(w) for w in sorted({_normalise(w) for w in _PLACEHOLDER_WORDS}))
    + r")\]",
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


def redact(text: str, findings: Iterable[Finding], language: str = "en") -> str:
    """Replace each finding with its placeholder in ``language`` (:func:`placeholder`),
    working from the end so offsets stay valid."""
    for f in sorted(findings, key=lambda f: f.start, reverse=True):
        if not (0 <= f.start <= f.end <= len(text)):
            raise ValueError("finding offsets outside the text")
        text = text[: f.start] + placeholder(f.category, language) + text[f.end :]
    return text
