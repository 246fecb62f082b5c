"""Messages as the API shows them, built from ``values()`` rows and plain prefetched data.

A page of model instances with their renditions, excerpt links, excerpts, narratives,
translations and reasons is tens of thousands of objects in reference cycles, which only a
full collection frees (issue 19). Here a page is a few queries of plain rows (tuples and
dicts), grouped by message in dicts, and the items are built from them: nothing refers back,
so all of it is freed with the response.

The representation is exactly ``partners.serializers.MessageSerializer``'s (the schema's
source, and the webhooks' builder): the same keys in the same order, the same values, byte
for byte once rendered (tests/api/test_flat_messages.py compares them on a varied world).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils import timezone
from rest_framework import serializers

from campaigns.media import rendition_urls
from campaigns.models import Message, MessageExcerpt
from campaigns.selectors import servable_renditions
from narratives.models import Excerpt, ExcerptTranslation
from narratives.selectors import attribution_from
from partners import compiled
from partners.serializers import MessageSerializer, absolute_url

if TYPE_CHECKING:
    from narratives.disclosure.release import DisclosureIndex

# The message's own columns an item is built from (``changed_at`` is the selector's
# annotation: live_messages adds it).
MESSAGE_COLUMNS = (
    "id",
    "public_id",
    "campaign__public_id",
    "language",
    "headline",
    "body",
    "cta_text",
    "cta_url",
    "campaign__cta_text",
    "campaign__cta_url",
    "alt_text",
    "publish_at",
    "unpublish_at",
    "changed_at",
    "updated_at",
)
# The keys of an item, in the serializer's order.
MESSAGE_FIELDS = tuple(MessageSerializer._declared_fields)


def datetime_field() -> serializers.DateTimeField:
    """DRF's own field (the same format), bound to the time zone current now: looked up once
    for a page, not once per value (a context-local read each)."""
    return serializers.DateTimeField(default_timezone=timezone.get_current_timezone())


@dataclass(frozen=True, slots=True)
class RenditionRow:
    """What a rendition's URL and its item are made of (``rendition_urls`` reads the first
    three as a rendition's attributes)."""

    token: str
    input_hash: str
    mime_type: str
    format: str
    slide: int
    width: int | None
    height: int | None
    alt_text: str
    file: str


def message_rows(queryset: QuerySet[Message]) -> QuerySet[Any]:
    """``queryset`` (a ``live_messages`` queryset, filtered) as the rows items are built
    from: no joined or prefetched instances."""
    return queryset.select_related(None).prefetch_related(None).values(*MESSAGE_COLUMNS)


def padded(ids: Sequence[int]) -> list[int]:
    """``ids`` (not empty) repeated at the end up to a power of two: ``IN`` the same, and a
    few SQL texts for compiled.rows to keep, not one for every count."""
    size = 1 << (len(ids) - 1).bit_length()
    return [*ids, *(ids[-1] for _ in range(size - len(ids)))]


def _rendition_rows(now: dt.datetime, *message_ids: int) -> QuerySet[Any]:
    return (
        servable_renditions(now)
        .filter(message_id__in=message_ids)
        .values_list(
            "message_id",
            "token",
            "input_hash",
            "mime_type",
            "format",
            "slide",
            "width",
            "height",
            "alt_text",
            "file",
        )
    )


def _renditions(message_ids: list[int]) -> dict[int, list[RenditionRow]]:
    found: dict[int, list[RenditionRow]] = defaultdict(list)
    ids = padded(message_ids)
    rows = compiled.rows(("renditions", len(ids)), _rendition_rows, timezone.now(), *ids)
    for message_id, *values in rows:
        found[message_id].append(RenditionRow(*values))
    return found


@dataclass(frozen=True, slots=True)
class Quote:
    """An excerpt a message quotes, as plain values."""

    public_id: str
    text: str
    narrative_language: str
    # The narrative's attributes attribution_from reads: status, gender, age band, country,
    # month left.
    narrative: tuple[str, str, str, str, dt.date | None]
    translations: tuple[tuple[str, str], ...]  # (language, text), approved ones only
    reasons: frozenset[str]


def _link_rows(*message_ids: int) -> QuerySet[Any]:
    return (
        MessageExcerpt.objects.filter(
            message_id__in=message_ids, excerpt__in=Excerpt.objects.reusable()
        )
        .order_by("position", "pk")
        .values_list(
            "message_id",
            "excerpt_id",
            "excerpt__public_id",
            "excerpt__text",
            "excerpt__narrative__language",
            "excerpt__narrative__status",
            "excerpt__narrative__gender",
            "excerpt__narrative__age_band",
            "excerpt__narrative__country",
            "excerpt__narrative__left_on",
        )
    )


def _translation_rows(*excerpt_ids: int) -> QuerySet[Any]:
    return (
        ExcerptTranslation.objects.filter(
            excerpt_id__in=excerpt_ids, status=ExcerptTranslation.Status.APPROVED
        )
        .order_by("language", "pk")
        .values_list("excerpt_id", "language", "text")
    )


def _reason_rows(*excerpt_ids: int) -> QuerySet[Any]:
    return Excerpt.reasons.through.objects.filter(excerpt_id__in=excerpt_ids).values_list(
        "excerpt_id", "reason__code"
    )


def _quotes(message_ids: list[int]) -> dict[int, list[Quote]]:
    """Each message's reusable excerpts in the links' order (position, then link id)."""
    ids = padded(message_ids)
    links = compiled.rows(("quote-links", len(ids)), _link_rows, *ids)
    if not links:
        return {}
    excerpt_ids = padded(sorted({link[1] for link in links}))
    translations: dict[int, list[tuple[str, str]]] = defaultdict(list)
    key = len(excerpt_ids)
    for excerpt_id, language, text in compiled.rows(
        ("translations", key), _translation_rows, *excerpt_ids
    ):
        translations[excerpt_id].append((language, text))
    reasons: dict[int, set[str]] = defaultdict(set)
    for excerpt_id, code in compiled.rows(("reasons", key), _reason_rows, *excerpt_ids):
        reasons[excerpt_id].add(code)
    quotes: dict[int, Quote] = {}
    found: dict[int, list[Quote]] = defaultdict(list)
    for message_id, pk, public_id, text, language, *narrative in links:
        quote = quotes.get(pk)
        if quote is None:
            quote = quotes[pk] = Quote(
                public_id=public_id,
                text=text,
                narrative_language=language,
                narrative=tuple(narrative),  # five values
                translations=tuple(translations.get(pk, ())),
                reasons=frozenset(reasons.get(pk, ())),
            )
        found[message_id].append(quote)
    return found


def message_representations(
    rows: Sequence[dict[str, Any]],
    *,
    index: DisclosureIndex,
    request: Any = None,
    fields: Collection[str] | None = None,
) -> list[dict[str, Any]]:
    """The API's representation of each message row (from :func:`message_rows`), in order.

    ``index``: the disclosure snapshot every quote's attribution is released from;
    ``request``: what rendition URLs are made absolute against (else ``API_PUBLIC_URL``);
    ``fields``: the ``?fields=`` asked for (the id always comes), None for every field.
    """
    wanted = None if not fields else {*fields, "id"}
    ids = [row["id"] for row in rows]
    needs_quotes = wanted is None or bool(wanted & {"reasons", "excerpts"})
    quotes = _quotes(ids) if ids and needs_quotes else {}
    renditions = _renditions(ids) if ids and (wanted is None or "renditions" in wanted) else {}
    context = {"request": request} if request is not None else {}
    urls = rendition_urls(functools.partial(absolute_url, context=context))
    attributions: dict[tuple[tuple, str], str] = {}  # a few narratives quoted many times

    def attribution(narrative: tuple, language: str) -> str:
        found = attributions.get((narrative, language))
        if found is None:
            found = attributions[narrative, language] = attribution_from(
                status=narrative[0],
                gender=narrative[1],
                age_band=narrative[2],
                country=narrative[3],
                left_on=narrative[4],
                language=language,
                index=index,
            )
        return found

    datetimes = datetime_field()

    def time(value: dt.datetime | None) -> str | None:
        return None if value is None else datetimes.to_representation(value)

    return [
        _item(
            row,
            quotes.get(row["id"], ()),
            renditions.get(row["id"], ()),
            urls,
            attribution,
            time,
            wanted,
        )
        for row in rows
    ]


def _item(
    row: dict[str, Any],
    quotes: Iterable[Quote],
    renditions: Iterable[RenditionRow],
    urls: Callable[[Any], str],
    attribution: Callable[[tuple, str], str],
    time: Callable[[dt.datetime | None], str | None],
    wanted: set[str] | None,
) -> dict[str, Any]:
    language = row["language"]
    item: dict[str, Any] = {
        "id": row["public_id"],
        "campaign": row["campaign__public_id"],
        "language": language,
        "headline": row["headline"],
        "body": row["body"],
        "cta_text": row["cta_text"] or row["campaign__cta_text"],
        "cta_url": row["cta_url"] or row["campaign__cta_url"],
        "alt_text": row["alt_text"],
        "publish_at": time(row["publish_at"]),
        "unpublish_at": time(row["unpublish_at"]),
        "changed_at": time(row["changed_at"] or row["updated_at"]),
    }
    if wanted is None or "reasons" in wanted:
        item["reasons"] = sorted({code for quote in quotes for code in quote.reasons})
    if wanted is None or "excerpts" in wanted:
        item["excerpts"] = [_quoted(quote, language, attribution) for quote in quotes]
    if wanted is None or "renditions" in wanted:
        alt_text = row["alt_text"]
        item["renditions"] = [
            {
                "format": r.format,
                "slide": r.slide,
                "url": urls(r),
                "mime_type": r.mime_type,
                "width": r.width,
                "height": r.height,
                # A carousel slide's own (its quote, its call to action); else the message's.
                "alt_text": r.alt_text or alt_text,
            }
            for r in renditions
            if r.file
        ]
    if wanted is not None:
        return {name: item[name] for name in MESSAGE_FIELDS if name in wanted}
    return item


def _quoted(quote: Quote, language: str, attribution: Callable[[tuple, str], str]) -> dict:
    # As quote_in_language: the excerpt's own words in its narrative's language, else its
    # approved translation into the message's; else (a message is approved only with every
    # quote in its language) the original.
    text = None
    if quote.narrative_language == language:
        text = quote.text
    else:
        text = next((t for lang, t in quote.translations if lang == language), None)
    if text is None:
        shown_language, text = quote.narrative_language, quote.text
    else:
        shown_language = language
    return {
        "id": quote.public_id,
        "language": shown_language,
        "text": text,
        "attribution": attribution(quote.narrative, language),
    }
