"""Reads for narratives: the review queue, the vault's identifiers, open scanner findings."""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext

from core.languages import language_choices
from core.models import User
from core.notices import Waiting
from core.queries import filter_given
from narratives import crypto
from narratives.anonymize import Finding, KnownIdentifier, LeakScanner
from narratives.models import (
    Excerpt,
    ExcerptTranslation,
    Narrative,
    NarrativeReason,
    Reason,
    SourceRecord,
)
from narratives.vault import IDENTIFIER_FIELDS, SOURCE_FIELDS

if TYPE_CHECKING:
    from narratives.disclosure.release import DisclosureIndex


def review_queue(
    *,
    status: str | None = None,
    reason: str | None = None,
    language: str | None = None,
    search: str | None = None,
    assignee: int | None = None,
) -> QuerySet[Narrative]:
    """Narratives for the review queue, filtered (``assignee``: a user's pk), with authors,
    assignees and reasons joined."""
    queryset = Narrative.objects.select_related(
        "author", "approved_by", "assignee"
    ).prefetch_related(
        Prefetch(
            "reason_links",
            queryset=NarrativeReason.objects.select_related("reason__parent").order_by(
                "-is_primary", "reason__position"
            ),
        )
    )
    queryset = filter_given(queryset, status=status, language=language)
    if assignee is not None:
        queryset = queryset.filter(assignee_id=assignee)
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


WAITING_LIMIT = 100


def waiting_narratives(user: User) -> list[Waiting]:
    """The narratives in review assigned to ``user``: what waits for them (core.notices)."""
    rows = (
        Narrative.objects.filter(status=Narrative.Status.IN_REVIEW, assignee=user)
        .order_by("updated_at", "pk")
        .values_list("public_id", flat=True)[:WAITING_LIMIT]
    )
    return [
        Waiting(
            gettext("Narrative"),
            public_id,
            reverse("review:narrative", args=[public_id]),
            gettext("In review, assigned to you"),
        )
        for public_id in rows
    ]


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
    identifiers: list[KnownIdentifier] = []
    for record in _records_for_gate().iterator(chunk_size=500):
        identifiers.extend(
            KnownIdentifier(value, category) for category, value in record_identifiers(record)
        )
    return identifiers


def _records_for_gate() -> QuerySet[SourceRecord]:
    identifiers = [name for name, _ in IDENTIFIER_FIELDS]
    return SourceRecord.objects.only(
        "narrative_id", *identifiers, "derived_identifiers", *SOURCE_FIELDS
    )


def record_identifiers(record: SourceRecord) -> list[tuple[str, str]]:
    """Every identifier of one record: its structured fields and what its free text names."""
    return [*record.identifiers(), *record.derived()]


def _vault_entry() -> _ScannerCacheEntry:
    version = _vault_version()
    entry = _scanner_cache.get("vault")
    if entry is not None and entry.version == version:
        return entry
    with _scanner_lock:
        entry = _scanner_cache.get("vault")
        if entry is None or entry.version != version:
            entry = _ScannerCacheEntry(version, LeakScanner(vault_identifiers()))
            _scanner_cache["vault"] = entry
    return entry


def vault_scanner() -> LeakScanner:
    """Return a scanner that knows every vault record, rebuilt only when the vault changes."""
    return _vault_entry().scanner


def finding_fingerprint(finding: Finding) -> str:
    return crypto.blind_index(f"finding:{finding.category}:{finding.text}")


def vault_matches(text: str) -> list[Finding]:
    """Return the spans of ``text`` that match a value of any vault record (no detectors)."""
    return vault_scanner().scan_known(text)


def overlaps_any(finding: Finding, spans: list[Finding]) -> bool:
    return any(s.start < finding.end and finding.start < s.end for s in spans)


def open_findings(narrative: Narrative, text: str | None = None) -> list[Finding]:
    """Return the scanner's findings in the narrative's text that are still open.

    A finding is open unless an analyst dismissed it; one that matches the vault is always
    open, whatever was dismissed before (a dismissal never covers a vault value).
    """
    text = narrative.text if text is None else text
    scanner = vault_scanner()
    findings = scanner.scan(text)
    vault = scanner.scan_known(text)
    dismissed = set(narrative.dismissals.values_list("fingerprint", flat=True))
    return [
        f for f in findings if overlaps_any(f, vault) or finding_fingerprint(f) not in dismissed
    ]


def foreign_vault_matches(narrative: Narrative, text: str) -> int:
    """How many vault matches in ``text`` are values of records other than the narrative's own.

    Matching the person's own record is the scanner doing its job; matching someone else's
    is how one would probe the vault with guesses, so the count goes to the audit trail.
    """
    matches = vault_matches(text)
    if not matches:
        return 0
    record = SourceRecord.objects.filter(narrative=narrative).first()
    own = (
        LeakScanner(KnownIdentifier(v, c) for c, v in record_identifiers(record)).scan_known(text)
        if record is not None
        else []
    )
    return sum(1 for match in matches if not overlaps_any(match, own))


def foreign_match_alerts(*, now=None) -> list[tuple[str, int]]:
    """Who hit other records' vault values at least the threshold's times in the window."""
    from django.conf import settings
    from django.utils import timezone

    from core.audit import Action
    from core.models import AuditEntry

    since = (now or timezone.now()) - timedelta(days=settings.VAULT_MATCH_ALERT_DAYS)
    rows = (
        AuditEntry.objects.filter(action=Action.VAULT_FOREIGN_MATCH, at__gte=since)
        .values("actor_username")
        .annotate(n=Count("pk"))
        .filter(n__gte=settings.VAULT_MATCH_ALERT_THRESHOLD)
        .order_by("-n", "actor_username")
    )
    return [(row["actor_username"] or "(no account)", row["n"]) for row in rows]


# --- What may leave: texts checked against the vault at the moment they are served --------

_MATCH_CACHE_LIMIT = 50_000
_match_cache: dict[str, object] = {"version": None, "results": {}}


def vault_match_check() -> Callable[[str], bool]:
    """Return a function telling whether a text matches the vault as it is now.

    For outbound texts read many times (the partner API): each distinct text is scanned once
    per vault version. Only a digest of the text is kept, in this process's memory.
    """
    entry = _vault_entry()
    scanner, version = entry.scanner, entry.version
    with _scanner_lock:
        if _match_cache["version"] != version:
            _match_cache["version"], _match_cache["results"] = version, {}
        results: dict[str, bool] = _match_cache["results"]  # type: ignore[assignment]

    def matches(text: str) -> bool:
        if not text:
            return False
        key = hashlib.sha256(text.encode()).hexdigest()
        found = results.get(key)
        if found is None:
            found = bool(scanner.scan_known(text))
            if len(results) >= _MATCH_CACHE_LIMIT:
                results.clear()
            results[key] = found
        return found

    return matches


def clean_translations(
    translations: Iterable[ExcerptTranslation], matches: Callable[[str], bool] | None = None
) -> list[ExcerptTranslation]:
    """The translations that may be served: none with a vault match in its text.

    Pass one ``vault_match_check()`` for a whole page, so the vault is looked at once.
    """
    matches = matches or vault_match_check()
    return [t for t in translations if t.status == t.Status.APPROVED and not matches(t.text)]


# --- Language integrity ---------------------------------------------------------------------


def quote_in_language(excerpt: Excerpt, language: str) -> str | None:
    """The excerpt's words in ``language``: its own text if it is in that language, else its
    approved translation into it; ``None`` if there is none (never the original instead).

    Reads ``excerpt.translations.all()``, so prefetch the translations for a list."""
    if excerpt.narrative.language == language:
        return excerpt.text
    for translation in excerpt.translations.all():
        if translation.language == language and translation.status == translation.Status.APPROVED:
            return translation.text
    return None


def untranslated_quotes(excerpts: Iterable[Excerpt], language: str) -> list[str]:
    """One sentence per excerpt that has no words in ``language``, saying what to do."""
    names = dict(language_choices())
    wanted = names.get(language, language)
    return [
        gettext(
            "The quoted excerpt %(id)s is in %(language)s and has no approved %(wanted)s "
            "translation: add and approve a translation into %(wanted)s in the review UI (the "
            "narrative's page, Translations), or quote an excerpt in %(wanted)s."
        )
        % {"id": e.public_id, "language": names.get(e.language, e.language), "wanted": wanted}
        for e in excerpts
        if quote_in_language(e, language) is None
    ]


def servable_narratives(
    narratives: Iterable[Narrative], matches: Callable[[str], bool] | None = None
) -> list[Narrative]:
    """The narratives that may be served: none whose title or text matches the vault now."""
    matches = matches or vault_match_check()
    return [n for n in narratives if not (matches(n.title) or matches(n.text))]


def servable_excerpts(
    excerpts: Iterable[Excerpt], matches: Callable[[str], bool] | None = None
) -> list[Excerpt]:
    """The excerpts whose own text may be served: none with a vault match in it."""
    matches = matches or vault_match_check()
    return [e for e in excerpts if not matches(e.text)]


# --- Disclosure control --------------------------------------------------------------------

ATTRIBUTION_ROLES = {"en": "Former member", "fr": "Ancien membre", "ar": "عضو سابق"}
_disclosure_cache: dict[str, tuple[tuple, object]] = {}


def _attributes(narrative: Narrative):
    from narratives.disclosure.lattice import Attributes

    return Attributes(
        gender=narrative.gender,
        age_band=narrative.age_band,
        country=narrative.country,
        left=narrative.left_on,
    )


# The index's version (how many approved narratives, their latest change) is read from the
# database at most once a DISCLOSURE_RECHECK_SECONDS per process. A change made here (a
# narrative saved or deleted, a consent erasure) clears the check at once and again on commit;
# one made by another process is seen here within DISCLOSURE_RECHECK_SECONDS.
DISCLOSURE_RECHECK_SECONDS = 1.0
_disclosure_checked_at = [-math.inf]
_clock = time.monotonic  # a test moves it on instead of sleeping


def forget_disclosure_index() -> None:
    """Read the disclosure index's version afresh on its next use (and again after commit)."""
    _disclosure_checked_at[0] = -math.inf
    if transaction.get_connection().in_atomic_block:  # a request between now and the commit
        transaction.on_commit(_forget_disclosure_check)  # would read the old version


def _forget_disclosure_check() -> None:
    _disclosure_checked_at[0] = -math.inf


def disclosure_index():
    """Return the disclosure index over all approved narratives, rebuilt when they change."""
    from django.conf import settings

    from narratives.disclosure.lattice import Attributes
    from narratives.disclosure.release import DisclosureIndex

    cached = _disclosure_cache.get("approved")
    clock = _clock()
    if (
        cached is not None
        and cached[0][2] == settings.DISCLOSURE_K
        and clock - _disclosure_checked_at[0] < DISCLOSURE_RECHECK_SECONDS
    ):
        return cached[1]
    approved = Narrative.objects.approved()
    state = approved.aggregate(n=Count("pk"), changed=Max("updated_at"))
    version = (state["n"], state["changed"], settings.DISCLOSURE_K)
    _disclosure_checked_at[0] = clock
    if cached is not None and cached[0] == version:
        return cached[1]
    rows = approved.values_list("gender", "age_band", "country", "left_on")
    index = DisclosureIndex(
        (Attributes(gender=g, age_band=a, country=c or "", left=left) for g, a, c, left in rows),
        k=settings.DISCLOSURE_K,
    )
    _disclosure_cache["approved"] = (version, index)
    return index


def released_attributes(
    narrative: Narrative, *, index: DisclosureIndex | None = None
) -> dict[str, Any] | None:
    """The narrative's attributes as disclosure control releases them, or None when nothing
    may be shown (not approved, fewer than k narratives, not in the population). ``index``
    as for :func:`attribution_for`."""
    if narrative.status != Narrative.Status.APPROVED:
        return None
    if index is None:
        index = disclosure_index()
    attributes = _attributes(narrative)
    if index.below_k or attributes not in index:
        return None
    release = index.release(attributes)
    if release.below_k:
        return None
    return release.as_dict()


def attribution_for(
    narrative: Narrative, language: str, *, index: DisclosureIndex | None = None
) -> str:
    """Return the attribution line for a quote from ``narrative``, safe to publish.

    Only approved narratives have one; for any other the role alone is returned. ``index``
    is the disclosure snapshot to release from (one per response: every quote on a page is
    released from the same population, without a query each); by default the current one.
    """
    return attribution_from(
        status=narrative.status,
        gender=narrative.gender,
        age_band=narrative.age_band,
        country=narrative.country,
        left_on=narrative.left_on,
        language=language,
        index=index,
    )


def attribution_from(
    *,
    status: str,
    gender: str,
    age_band: str,
    country: str,
    left_on: Any,
    language: str,
    index: DisclosureIndex | None = None,
) -> str:
    """:func:`attribution_for` from a narrative's values (a ``values()`` row), not its
    instance: the one rule, for callers that read rows."""
    from narratives.disclosure.captions import attribution_line
    from narratives.disclosure.lattice import Attributes

    locale = language if language in ATTRIBUTION_ROLES else "en"
    role = ATTRIBUTION_ROLES[locale]
    if status != Narrative.Status.APPROVED:
        return role
    if index is None:
        index = disclosure_index()
    attributes = Attributes(gender=gender, age_band=age_band, country=country, left=left_on)
    if attributes not in index:
        return role
    from core.countries import country_names

    return attribution_line(
        index.release(attributes), role=role, locale=locale, country_names=country_names()
    )
