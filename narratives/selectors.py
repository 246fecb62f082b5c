"""Reads for narratives: the review queue, the vault's identifiers, open scanner findings."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from narratives import crypto
from narratives.anonymize import Finding, KnownIdentifier, LeakScanner
from narratives.models import Narrative, NarrativeReason, Reason, SourceRecord


def review_queue(
    *,
    status: str | None = None,
    reason: str | None = None,
    language: str | None = None,
    search: str | None = None,
) -> QuerySet[Narrative]:
    """Narratives for the review queue, filtered, with authors and reasons joined."""
    queryset = Narrative.objects.select_related("author", "approved_by").prefetch_related(
        Prefetch(
            "reason_links",
            queryset=NarrativeReason.objects.select_related("reason__parent").order_by(
                "-is_primary", "reason__position"
            ),
        )
    )
    if status:
        queryset = queryset.filter(status=status)
    if language:
        queryset = queryset.filter(language=language)
    if reason:
        queryset = queryset.filter(
            Q(reason_links__reason__code=reason) | Q(reason_links__reason__parent__code=reason)
        ).distinct()
    if search:
        search = search.strip()
        queryset = queryset.filter(
            Q(title__icontains=search) | Q(public_id__iexact=search) | Q(text__icontains=search)
        )
    return queryset.order_by("-updated_at", "-pk")


def queue_counts() -> dict[str, int]:
    """Return how many narratives are in each status."""
    rows = Narrative.objects.values("status").annotate(n=Count("pk")).order_by()
    counts = dict.fromkeys(Narrative.Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def top_level_reasons() -> QuerySet[Reason]:
    return Reason.objects.filter(parent__isnull=True).prefetch_related("children")


# --- The vault as the scanner sees it -------------------------------------------------------


@dataclass(frozen=True)
class _ScannerCacheEntry:
    version: tuple
    scanner: LeakScanner


_scanner_cache: dict[str, _ScannerCacheEntry] = {}
_scanner_lock = threading.Lock()


def _vault_version() -> tuple:
    state = SourceRecord.objects.aggregate(n=Count("pk"), changed=Max("updated_at"))
    # The key list matters too: after a rotation the same rows decrypt differently.
    return (state["n"], state["changed"], crypto.key_fingerprint())


def vault_identifiers() -> list[KnownIdentifier]:
    """Return every identifying value in the vault, decrypted, for the leak scanner only."""
    identifiers = []
    for record in SourceRecord.objects.only(
        "real_name", "aliases", "kunya", "home_town", "contacts", "narrative_id"
    ).iterator(chunk_size=500):
        identifiers.extend(
            KnownIdentifier(value, category) for category, value in record.identifiers()
        )
    return identifiers


def vault_scanner() -> LeakScanner:
    """Return a scanner that knows every vault record, rebuilt only when the vault changes."""
    version = _vault_version()
    entry = _scanner_cache.get("vault")
    if entry is not None and entry.version == version:
        return entry.scanner
    with _scanner_lock:
        entry = _scanner_cache.get("vault")
        if entry is None or entry.version != version:
            entry = _ScannerCacheEntry(version, LeakScanner(vault_identifiers()))
            _scanner_cache["vault"] = entry
    return entry.scanner


def finding_fingerprint(finding: Finding) -> str:
    return crypto.blind_index(f"finding:{finding.category}:{finding.text}")


def open_findings(narrative: Narrative, text: str | None = None) -> list[Finding]:
    """Return the scanner's findings in the narrative's text that nobody has dismissed."""
    findings = vault_scanner().scan(narrative.text if text is None else text)
    dismissed = set(narrative.dismissals.values_list("fingerprint", flat=True))
    return [f for f in findings if finding_fingerprint(f) not in dismissed]


# --- Disclosure control --------------------------------------------------------------------

ATTRIBUTION_ROLES = {"en": "Former member", "fr": "Ancien membre", "ar": "عضو سابق"}
_disclosure_cache: dict[str, tuple[tuple, object]] = {}


def _attributes(narrative: Narrative):
    from narratives.disclosure import Attributes

    return Attributes(
        gender=narrative.gender,
        age_band=narrative.age_band,
        country=narrative.country,
        left=narrative.left_on,
    )


def disclosure_index():
    """Return the disclosure index over all approved narratives, rebuilt when they change."""
    from django.conf import settings

    from narratives.disclosure import Attributes, DisclosureIndex

    approved = Narrative.objects.approved()
    state = approved.aggregate(n=Count("pk"), changed=Max("updated_at"))
    version = (state["n"], state["changed"], settings.DISCLOSURE_K)
    cached = _disclosure_cache.get("approved")
    if cached is not None and cached[0] == version:
        return cached[1]
    rows = approved.values_list("gender", "age_band", "country", "left_on")
    index = DisclosureIndex(
        (Attributes(gender=g, age_band=a, country=c or "", left=left) for g, a, c, left in rows),
        k=settings.DISCLOSURE_K,
    )
    _disclosure_cache["approved"] = (version, index)
    return index


def attribution_for(narrative: Narrative, language: str) -> str:
    """Return the attribution line for a quote from ``narrative``, safe to publish.

    Only approved narratives have one; for any other the role alone is returned.
    """
    from narratives.disclosure import attribution_line

    locale = language if language in ATTRIBUTION_ROLES else "en"
    role = ATTRIBUTION_ROLES[locale]
    if narrative.status != Narrative.Status.APPROVED:
        return role
    index = disclosure_index()
    attributes = _attributes(narrative)
    if attributes not in index:
        return role
    from core.countries import country_names

    return attribution_line(
        index.release(attributes), role=role, locale=locale, country_names=country_names()
    )
