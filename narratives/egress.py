"""The one gate every outbound text passes: the leak scanner over the whole vault.

``core.egress`` lists the surfaces; this module checks their texts. A finding that overlaps a
vault value is a vault match (never dismissable); the others are the generic detectors'
findings (a person-like name, an e-mail address…), which a reviewer may judge harmless.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from narratives.anonymize import Finding, LeakScanner
from narratives.selectors import vault_scanner


class Outbound(Protocol):
    @property
    def field(self) -> str: ...

    @property
    def label(self) -> str: ...

    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class GateFinding:
    field: str
    label: str
    finding: Finding
    vault: bool

    def __repr__(self) -> str:  # never the identifying text
        return f"GateFinding(field={self.field!r}, category={self.finding.category!r})"


# What separates two outbound texts when they are read as one (a card draws the headline
# above the body): a space, so a value split over two fields reads as it would on the card.
JOIN = " "


def gate_findings(texts: Iterable[Outbound]) -> list[GateFinding]:
    """Scan each outbound text against every vault record and the generic detectors, then
    the texts read together, in order, for a vault value split over two or more of them
    (half a phone number in the headline, the rest in the body)."""
    scanner = vault_scanner()
    items = [item for item in texts if item.text]
    found: list[GateFinding] = []
    for item in items:
        vault_spans = [(f.start, f.end) for f in scanner.scan_known(item.text)]
        for finding in scanner.scan(item.text):
            vault = any(s < finding.end and finding.start < e for s, e in vault_spans)
            found.append(GateFinding(item.field, item.label, finding, vault))
    if len(items) > 1:
        found.extend(_split_vault_values(scanner, items))
    return found


def _split_vault_values(scanner: LeakScanner, items: list[Outbound]) -> list[GateFinding]:
    """The vault values that only the joined texts hold, as one vault finding on each part."""
    bounds, offset = [], 0
    for item in items:
        bounds.append((offset, offset + len(item.text)))
        offset += len(item.text) + len(JOIN)
    found = []
    for match in scanner.scan_known(JOIN.join(item.text for item in items)):
        parts = [
            (item, max(match.start, s) - s, min(match.end, e) - s)
            for item, (s, e) in zip(items, bounds, strict=True)
            if s < match.end and match.start < e
        ]
        if len(parts) < 2:
            continue  # inside one text: already found there
        for item, start, end in parts:
            part = Finding(start, end, match.category, item.text[start:end])
            found.append(GateFinding(item.field, item.label, part, True))
    return found


def holds_vault_value(text: str) -> bool:
    """Whether ``text`` contains any vault value (for checks outside a review)."""
    return bool(text) and bool(vault_scanner().scan_known(text))


def mask_vault_values(text: str, mask: str) -> str:
    """``text`` with every vault value in it replaced by ``mask`` (for pages that show a text
    the review has not cleared, such as an earlier revision, to people outside the review)."""
    if not text:
        return text
    spans = sorted((f.start, f.end) for f in vault_scanner().scan_known(text))
    out, at = [], 0
    for start, end in spans:
        if end <= at:
            continue
        out.append(text[at : max(start, at)])
        out.append(mask)
        at = end
    out.append(text[at:])
    return "".join(out)


@dataclass(frozen=True)
class RevisionText:
    """A named text for the gate: a revision's field, or a field core sends itself."""

    field: str
    label: str
    text: str


def vault_fields(texts: dict[str, str]) -> list[str]:
    """The fields of ``texts`` that hold a vault value (read one by one and together): the
    gate ``core`` runs on what it sends itself (``core.egress.gate_texts``)."""
    found = gate_findings(RevisionText(name, name, text) for name, text in texts.items())
    return sorted({f.field for f in found if f.vault})


@dataclass(frozen=True)
class GateSummary:
    """What the gate finds in one saved state: categories and how many match the vault."""

    count: int
    vault: int
    categories: tuple[str, ...]


def gate_summary(values: dict[str, str], fields: Iterable[str] | None = None) -> GateSummary:
    """Run the gate over a revision's texts (``fields``, or all of them), read as one
    message would be."""
    names = list(values) if fields is None else [n for n in fields if n in values]
    found = gate_findings(RevisionText(name, name, values[name]) for name in names)
    return GateSummary(
        count=len(found),
        vault=sum(f.vault for f in found),
        categories=tuple(sorted({f.finding.category for f in found})),
    )


# --- Narratives' outbound surfaces ---------------------------------------------------------


def register_surfaces() -> None:
    from core.egress import ANALYSTS, EDITORS, STAFF, Kind, queue_paths, register, register_admin

    register(
        "page:review",
        Kind.PAGE,
        ANALYSTS,
        "the review queue, narrative pages (anonymized text, findings, excerpts with their "
        "translations and earlier versions) and the edit form",
        paths=queue_paths(
            "review:queue", "narratives.Narrative", "review:narrative", "review:edit"
        ),
        url_names=("review:queue", "review:narrative", "review:edit"),
    )
    register(
        "page:review_revisions",
        Kind.PAGE,
        ANALYSTS,
        "the revisions of a narrative, its excerpts and their translations (who, when, which "
        "fields) and the side-by-side compare of two: earlier anonymized texts, each side "
        "with the gate's findings (categories and vault-match counts)",
        paths=_revision_paths,
        url_names=("review:revisions", "review:compare_revisions"),
    )
    register(
        "error:review_revert",
        Kind.ERROR_MESSAGE,
        ANALYSTS,
        "refusals of a revert: fixed wording and revision numbers",
        url_names=("review:revert_revision",),
    )
    register(
        "error:review",
        Kind.ERROR_MESSAGE,
        ANALYSTS,
        "ReviewError texts shown after a review action: fixed wording and categories",
        url_names=(
            "review:redact",
            "review:dismiss",
            "review:tag",
            "review:mark_excerpt",
            "review:remove_excerpt",
            "review:submit",
            "review:approve",
            "review:request_changes",
            "review:assign",
        ),
    )
    register(
        "error:review_translations",
        Kind.ERROR_MESSAGE,
        ANALYSTS,
        "TranslationError texts and the detectors' finding categories shown after a "
        "translation is saved or approved: fixed wording, never the text found",
        url_names=("review:save_translation", "review:approve_translation"),
    )
    register_admin("narratives.Reason", STAFF, "the reason taxonomy")
    register_admin("narratives.Narrative", EDITORS, "narratives, for those with the permission")
    register_admin(
        "narratives.Excerpt",
        EDITORS,
        "excerpts editors may quote; their history pages list the revisions of the excerpt "
        "and its translations and compare two, vault values masked",
    )
    register(
        "page:admin-excerpt-revisions",
        Kind.PAGE,
        EDITORS,
        "an excerpt's history and the compare of two of its (or its translations') "
        "revisions: texts with every vault value masked",
        paths=_excerpt_revision_paths,
    )
    register(
        "page:admin-narrative-revisions",
        Kind.PAGE,
        EDITORS,
        "a narrative's admin history and the compare of two of its revisions, for those with "
        "the permission: title and text with every vault value masked, the leak check's "
        "categories and counts",
        paths=_narrative_admin_revision_paths,
    )
    register_admin("narratives.SourceRecord", (), "the vault: custodians only")
    register_admin("narratives.VaultAccess", (), "reads of the vault: custodians only")
    register(
        "log:narratives",
        Kind.LOG,
        STAFF,
        "review, intake and scanner log lines: public ids and counts, never text",
    )


def _compare_paths(history: str, compare: str, obj: object, args: list) -> Iterator[str]:
    """An object's history page and the compare of its two newest revisions."""
    from django.urls import reverse

    from core import revisions

    yield reverse(history, args=args)
    newest = list(revisions.revisions_of(obj)[:2])  # type: ignore[arg-type]
    if len(newest) == 2:
        yield f"{reverse(compare, args=args)}?a={newest[1].pk}&b={newest[0].pk}"


def _revision_paths() -> Iterator[str]:
    from narratives.models import Narrative

    for narrative in Narrative.objects.all():
        yield from _compare_paths(
            "review:revisions", "review:compare_revisions", narrative, [narrative.public_id]
        )


def _excerpt_revision_paths() -> Iterator[str]:
    from narratives.models import Excerpt

    for excerpt in Excerpt.objects.all()[:50]:
        yield from _compare_paths(
            "admin:narratives_excerpt_history",
            "admin:narratives_excerpt_compare_revisions",
            excerpt,
            [excerpt.pk],
        )


def _narrative_admin_revision_paths() -> Iterator[str]:
    from narratives.models import Narrative

    for narrative in Narrative.objects.all()[:50]:
        yield from _compare_paths(
            "admin:narratives_narrative_history",
            "admin:narratives_narrative_compare_revisions",
            narrative,
            [narrative.pk],
        )
