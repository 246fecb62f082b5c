"""What the gate knows of a vault record beyond its structured fields.

The custodian's free text (the raw testimony, the consent notes and scope) names people,
places, units, guest houses and streets that no structured field holds. The scanner's
detectors are run over it when the record is saved, and what they find is kept, encrypted,
with the record (``SourceRecord.derived_identifiers``), so every later scan matches it as a
vault value. Pure: no database here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from narratives.anonymize import scan_text
from narratives.anonymize.contacts import deobfuscate_email
from narratives.anonymize.dates import date_readings


@dataclass(frozen=True)
class VaultField:
    """A field of the vault record (``SourceRecord``) that a custodian fills in."""

    name: str
    # The scanner's category for its values, if it holds identifiers (one per line).
    category: str = ""
    # Written as one value per line (a list in import files and on the intake form).
    lines: bool = False


# The vault's fields, in the order forms show them: the one list every other is derived from
# (the model's identifiers, the gate's query, the admin, the intake form and import files).
VAULT_FIELDS: tuple[VaultField, ...] = (
    VaultField("external_ref", category="ref"),
    VaultField("raw_text"),
    VaultField("real_name", category="name"),
    VaultField("aliases", category="alias", lines=True),
    VaultField("kunya", category="kunya", lines=True),
    VaultField("home_town", category="town"),
    VaultField("contacts", category="contact", lines=True),
    VaultField("consent_scope"),
    VaultField("consent_expires_on"),
    VaultField("consent_notes"),
)
VAULT_FIELD_NAMES = tuple(field.name for field in VAULT_FIELDS)
# The fields holding identifiers, as ``(name, category)``, in the order the scanner is given
# them: the custodian's reference (matched only as a whole) last.
IDENTIFIER_FIELDS = tuple(
    (field.name, field.category)
    for field in sorted(VAULT_FIELDS, key=lambda field: field.category == "ref")
    if field.category
)
# The free-text fields the detectors read (the identifier fields are identifiers already), in
# the order a derivation's digest takes them.
SOURCE_FIELDS = ("raw_text", "consent_notes", "consent_scope")

# Detector kinds that are not identifiers on their own. A known identifier is also matched
# word by word, so a derived "3 March 2015" would make the bare year an undismissable vault
# match in every narrative; an age ("24 years old") the same for every number. Both kinds
# stay generic findings, flagged wherever they appear. Every other kind (person, place, unit,
# kunya, nisba, contact, handle, e-mail, phone, URL, any kind the scanner adds later) is kept:
# over-flagging beats leaking. A full date (day, month and year: a date of birth, of arrest) is
# the exception: it is kept, and the scanner matches a vault date only as a whole, as the day
# it names in any format ("14/03/1991" is "14 March 1991"), never by its parts.
GENERIC_KINDS = frozenset({"age", "date"})

# Bumped when what is derived changes, so stored derivations are recomputed on read.
# 2: full dates; e-mail addresses written out in words; facilities, titles, ID numbers.
DERIVATION_VERSION = 2


def source_digest(texts: Iterable[str]) -> str:
    """Return a digest of the free text a derivation was made from (kept inside the token)."""
    digest = hashlib.sha256(f"v{DERIVATION_VERSION}".encode())
    for text in texts:
        digest.update(b"\x00" + (text or "").encode())
    return digest.hexdigest()


def derive_identifiers(texts: Iterable[str]) -> dict:
    """Run the detectors over ``texts``; return ``{"source": digest, "identifiers": [...]}``.

    Each identifier is a ``[category, value]`` pair, once each, in order of appearance.
    """
    texts = [text or "" for text in texts]
    found: dict[tuple[str, str], None] = {}
    for text in texts:
        for finding in scan_text(text):
            value = " ".join(finding.text.split())
            if not value:
                continue
            if finding.category in GENERIC_KINDS and not (
                finding.category == "date" and date_readings(value)
            ):
                continue
            if finding.category == "email":
                # "x at y dot com" is kept as the address, so that its local part is a vault
                # value and any later spelling of the address matches
                value = deobfuscate_email(value) or value
            found.setdefault((finding.category, value), None)
    return {
        "source": source_digest(texts),
        "identifiers": [[category, value] for category, value in found],
    }


def is_current(derivation: object, texts: Iterable[str]) -> bool:
    """Whether a stored derivation was made from exactly these texts by this version."""
    return isinstance(derivation, dict) and derivation.get("source") == source_digest(texts)
