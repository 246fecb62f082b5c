"""The one gate every outbound text passes: the leak scanner over the whole vault.

``core.egress`` lists the surfaces; this module checks their texts. A finding that overlaps a
vault value is a vault match (never dismissable); the others are the generic detectors'
findings (a person-like name, an e-mail address…), which a reviewer may judge harmless.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from narratives.anonymize import Finding
from narratives.selectors import vault_scanner


class Outbound(Protocol):
    field: str
    label: str
    text: str


@dataclass(frozen=True)
class GateFinding:
    field: str
    label: str
    finding: Finding
    vault: bool

    def __repr__(self) -> str:  # never the identifying text
        return f"GateFinding(field={self.field!r}, category={self.finding.category!r})"


def gate_findings(texts: Iterable[Outbound]) -> list[GateFinding]:
    """Scan each outbound text against every vault record and the generic detectors."""
    scanner = vault_scanner()
    found: list[GateFinding] = []
    for item in texts:
        if not item.text:
            continue
        vault_spans = [(f.start, f.end) for f in scanner.scan_known(item.text)]
        for finding in scanner.scan(item.text):
            vault = any(s < finding.end and finding.start < e for s, e in vault_spans)
            found.append(GateFinding(item.field, item.label, finding, vault))
    return found


def holds_vault_value(text: str) -> bool:
    """Whether ``text`` contains any vault value (for checks outside a review)."""
    return bool(text) and bool(vault_scanner().scan_known(text))
