"""Reads for the partner API: what a partner may see, joined and prefetched, and the feed of
changes with tombstones.

"Live" is decided at query time from ``publish_at``/``unpublish_at``, so a message goes live
or comes down without any row changing. Its change time is the greatest of every time that
shapes what the partner sees (:func:`message_changed_at`). For a live message none of those
depends on the clock, so it is stored (``Message.shown_changed_at``, kept by
campaigns/changed.py) and lists and the feed page on its indexes; the feed adds a passed
``unpublish_at`` from its own index (:func:`_message_streams`).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    DateTimeField,
    Exists,
    F,
    Max,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from campaigns.experiments.models import Experiment, Variant
from campaigns.models import (
    LIVE_STATUSES,
    Campaign,
    Message,
    MessageExcerpt,
    Rendition,
    on_schedule_q,
)
from campaigns.selectors import servable_renditions
from narratives.models import (
    Excerpt,
    ExcerptTranslation,
    Narrative,
    NarrativeReason,
    Reason,
)
from partners import cursors
from partners.models import FeedSighting
from partners.scopes import CHANGE_TYPE_SCOPES, READ_SCOPES

# Every time a message's stored change time can hold.
STORED_TIMES = (
    dt.datetime(1970, 1, 1, tzinfo=dt.UTC),
    dt.datetime(9999, 12, 31, tzinfo=dt.UTC),
)
ENDED_STATUSES = (Message.Status.WITHDRAWN, Message.Status.EXPIRED)
ONCE_LIVE_STATUSES = (*LIVE_STATUSES, Message.Status.WITHDRAWN, Message.Status.EXPIRED)


def region_code(value: str) -> str:
    """A region as its code ("western_europe"), whether given as the code or its name."""
    from narratives.disclosure.regions import REGION_NAMES

    folded = value.strip().casefold()
    for code, names in REGION_NAMES.items():
        if folded in {code, names["en"].casefold()}:
            return code
    return folded


# --- Who is asking --------------------------------------------------------------------------


@dataclass(frozen=True)
class Audience:
    """What one caller may read: scopes, and optional language and region restrictions."""

    scopes: frozenset[str]
    languages: frozenset[str] | None = None  # None: every language
    regions: frozenset[str] | None = None  # None: every region (casefolded names)
    partner_id: int | None = None

    @classmethod
    def staff(cls) -> Audience:
        return cls(scopes=READ_SCOPES)

    @classmethod
    def for_key(cls, api_key) -> Audience:
        partner = api_key.partner
        return cls(
            scopes=frozenset(api_key.scopes),
            languages=frozenset(partner.languages) if partner.languages else None,
            regions=frozenset(region_code(r) for r in partner.regions) if partner.regions else None,
            partner_id=partner.pk,
        )

    def allows_language(self, language: str) -> bool:
        return self.languages is None or language in self.languages

    def allows_regions(self, audience_regions: Iterable[str]) -> bool:
        regions = [region_code(r) for r in audience_regions or () if isinstance(r, str)]
        return self.regions is None or not regions or bool(self.regions.intersection(regions))

    def cache_key(self) -> str:
        return json.dumps(
            [
                self.partner_id,
                sorted(self.scopes),
                sorted(self.languages) if self.languages is not None else None,
                sorted(self.regions) if self.regions is not None else None,
            ]
        )


def campaign_ids_for(audience: Audience) -> list[int] | None:
    """Campaigns open to the audience's regions, or None when it has no region restriction.

    JSON containment is not portable (SQLite has none), and campaigns are few: match in Python.
    """
    if audience.regions is None:
        return None
    return [
        pk
        for pk, regions in Campaign.objects.values_list("pk", "audience_regions")
        if audience.allows_regions(regions if isinstance(regions, list) else [])
    ]


def _restrict(
    queryset: QuerySet, audience: Audience, *, language: str | None, campaign: str | None
) -> QuerySet:
    if audience.languages is not None and language:
        queryset = queryset.filter(**{f"{language}__in": sorted(audience.languages)})
    if campaign:
        ids = campaign_ids_for(audience)
        if ids is not None:
            queryset = queryset.filter(**{f"{campaign}__in": ids})
    return queryset


def _audience_q(audience: Audience, *, language: str | None, campaign: str | None) -> Q:
    q = Q()
    if audience.languages is not None and language:
        q &= Q(**{f"{language}__in": sorted(audience.languages)})
    if campaign:
        ids = campaign_ids_for(audience)
        if ids is not None:
            q &= Q(**{f"{campaign}__in": ids})
    return q


# --- Reasons --------------------------------------------------------------------------------


def reasons() -> QuerySet[Reason]:
    """Top-level reasons with their sub-reasons."""
    return Reason.objects.filter(parent__isnull=True).prefetch_related(
        Prefetch("children", queryset=Reason.objects.order_by("position", "name"))
    )


def reason_ids_for_codes(codes: Iterable[str]) -> tuple[list[int], list[str]]:
    """Return the ids of the reasons named (a top-level code includes its sub-reasons) and the
    codes that name no reason."""
    codes = sorted(set(codes))
    rows = list(
        Reason.objects.filter(Q(code__in=codes) | Q(parent__code__in=codes)).values_list(
            "pk", "code"
        )
    )
    known = {code for _, code in rows}
    return [pk for pk, _ in rows], [code for code in codes if code not in known]


# --- Messages -------------------------------------------------------------------------------


def _latest_update(model: type[Model], owner: str) -> Subquery:
    """The latest ``updated_at`` among the rows of ``model`` whose ``owner`` is the outer row."""
    return Subquery(
        model._default_manager.filter(**{owner: OuterRef("pk")})
        .order_by()
        .values(owner)
        .annotate(latest=Max("updated_at"))
        .values("latest")[:1],
        output_field=DateTimeField(),
    )


def message_changed_at(now: dt.datetime):
    """When a message last changed as a partner sees it.

    The greatest of its own ``updated_at``, its campaign's, its renditions', and of
    ``publish_at`` and ``unpublish_at`` once they have passed: going live and coming down
    change no row, but they change what the partner must show.
    """
    renditions_changed = _latest_update(Rendition, "message")
    return Greatest(
        F("updated_at"),
        F("campaign__updated_at"),
        Case(When(publish_at__lte=now, then=F("publish_at")), default=F("updated_at")),
        Case(When(unpublish_at__lte=now, then=F("unpublish_at")), default=F("updated_at")),
        Coalesce(renditions_changed, F("updated_at")),
        output_field=DateTimeField(),
    )


def _reusable_excerpts_for_output() -> QuerySet[Excerpt]:
    return (
        Excerpt.objects.reusable()
        .select_related("narrative")
        .prefetch_related(
            "translations", Prefetch("reasons", queryset=Reason.objects.select_related("parent"))
        )
    )


def with_message_output(queryset: QuerySet[Message]) -> QuerySet[Message]:
    """Join and prefetch everything the message representation shows: no N+1."""
    return queryset.select_related("campaign").prefetch_related(
        Prefetch(
            "renditions",
            queryset=servable_renditions(),
            to_attr="ready_renditions",
        ),
        Prefetch(
            "excerpt_links",
            queryset=MessageExcerpt.objects.filter(
                excerpt__in=Excerpt.objects.reusable()
            ).prefetch_related(Prefetch("excerpt", queryset=_reusable_excerpts_for_output())),
            to_attr="reusable_excerpt_links",
        ),
    )


def live_messages(*, audience: Audience, now: dt.datetime) -> QuerySet[Message]:
    """Messages live at ``now`` that the audience may read, with their change time."""
    # For a live message the stored change time is message_changed_at(now): lists page on
    # its index (campaigns/changed.py keeps it).
    queryset = Message.objects.live(now).annotate(changed_at=F("shown_changed_at"))
    queryset = _restrict(queryset, audience, language="language", campaign="campaign_id")
    return with_message_output(queryset)


def messages_in_order(queryset: QuerySet[Message], ordering: str) -> QuerySet[Message]:
    """``queryset`` narrowed, for the planner, to read a page in ``ordering`` on its index.

    By the change time: every stored time lies in STORED_TIMES (every live message has one,
    see campaigns/changed.py), so the range drops none. It is there because without it
    SQLite, even with fresh statistics, prefers the publisher's (status, publish_at) index,
    on which live_q's terms are an equality and a range, and sorts every live message; the
    closed range weighs more and the page is read in order on (shown_changed_at, id). By
    ``publish_at``, live_q's own range on it does the same for (publish_at, id).
    """
    if ordering.lstrip("-") == "changed_at":
        return queryset.filter(shown_changed_at__range=STORED_TIMES)
    return queryset


def messages_with_reasons(queryset: QuerySet[Message], reason_ids: list[int]) -> QuerySet[Message]:
    # A semi-join checked as the page walks its index, not a list of every matching message
    # to sort.
    return queryset.filter(
        Exists(
            MessageExcerpt.objects.filter(message=OuterRef("pk"), excerpt__reasons__in=reason_ids)
        )
    )


def visible_message(*, audience: Audience, public_id: str) -> Message | None:
    """A message the audience could see at some point (for metrics and webhooks)."""
    return _once_shown_messages(audience).filter(public_id=public_id).first()


# --- Experiments ----------------------------------------------------------------------------

PARTNER_EXPERIMENT_STATUSES = (Experiment.Status.RUNNING, Experiment.Status.STOPPED)


def _once_shown_messages(audience: Audience) -> QuerySet[Message]:
    """Messages the audience could see at some point: once live (in a live or ended status,
    or published before being sent back to review) and in its languages and regions."""
    queryset: QuerySet[Message] = Message.objects.filter(publish_at__isnull=False).filter(
        Q(status__in=ONCE_LIVE_STATUSES) | Q(published_at__isnull=False)
    )
    return _restrict(queryset, audience, language="language", campaign="campaign_id")


def partner_experiments(*, audience: Audience, now: dt.datetime) -> QuerySet[Experiment]:
    """Started experiments whose every variant the audience may be shown: a running one's
    messages live for it now, a stopped one's once shown to it. An experiment with a
    variant it could not see is not its to run (nor to know of)."""
    live = _restrict(Message.objects.live(now), audience, language="language", campaign=None)
    hidden_while_running = Variant.objects.filter(experiment=OuterRef("pk")).exclude(
        message__in=live.values("pk")
    )
    hidden_ever = Variant.objects.filter(experiment=OuterRef("pk")).exclude(
        message__in=_once_shown_messages(audience).values("pk")
    )
    queryset = Experiment.objects.filter(status__in=PARTNER_EXPERIMENT_STATUSES).filter(
        (Q(status=Experiment.Status.RUNNING) & ~Exists(hidden_while_running))
        | (Q(status=Experiment.Status.STOPPED) & ~Exists(hidden_ever))
    )
    ids = campaign_ids_for(audience)
    if ids is not None:
        queryset = queryset.filter(campaign_id__in=ids)
    variants = Variant.objects.select_related("message").order_by("position", "pk")
    return (
        queryset.select_related("campaign")
        .prefetch_related(Prefetch("variants", queryset=variants))
        .order_by("status", "-started_at", "pk")
    )


def partner_experiment(
    *, audience: Audience, now: dt.datetime, public_id: str
) -> Experiment | None:
    return partner_experiments(audience=audience, now=now).filter(public_id=public_id).first()


# --- Narratives and excerpts ------------------------------------------------------------------


def approved_narratives(*, audience: Audience) -> QuerySet[Narrative]:
    queryset = Narrative.objects.approved().annotate(changed_at=F("updated_at"))
    queryset = _restrict(queryset, audience, language="language", campaign=None)
    return queryset.prefetch_related(
        Prefetch(
            "reason_links",
            queryset=NarrativeReason.objects.select_related("reason__parent").order_by(
                "-is_primary", "reason__position", "reason__code"
            ),
        )
    )


def narratives_with_reasons(queryset, reason_ids: list[int]):
    return queryset.filter(
        pk__in=NarrativeReason.objects.filter(reason__in=reason_ids).values("narrative_id")
    )


def excerpt_changed_at():
    translations_changed = _latest_update(ExcerptTranslation, "excerpt")
    return Greatest(
        F("updated_at"),
        F("narrative__updated_at"),
        Coalesce(translations_changed, F("updated_at")),
        output_field=DateTimeField(),
    )


def reusable_excerpts(*, audience: Audience) -> QuerySet[Excerpt]:
    queryset = Excerpt.objects.reusable().annotate(changed_at=excerpt_changed_at())
    queryset = _restrict(queryset, audience, language="narrative__language", campaign=None)
    return queryset.select_related("narrative").prefetch_related(
        "translations", Prefetch("reasons", queryset=Reason.objects.select_related("parent"))
    )


def excerpts_with_reasons(queryset, reason_ids: list[int]):
    return queryset.filter(
        pk__in=Excerpt.reasons.through.objects.filter(reason__in=reason_ids).values("excerpt_id")
    )


# --- Campaigns ------------------------------------------------------------------------------


def visible_campaigns(*, audience: Audience, now: dt.datetime) -> QuerySet[Campaign]:
    """Campaigns with at least one message live for the audience."""
    live = _restrict(
        Message.objects.live(now).filter(campaign=OuterRef("pk")),
        audience,
        language="language",
        campaign=None,
    )
    queryset = Campaign.objects.filter(Exists(live)).annotate(changed_at=F("updated_at"))
    ids = campaign_ids_for(audience)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    return queryset


# --- The changes feed -----------------------------------------------------------------------

CHANGE_TYPES = ("excerpt", "message", "narrative")  # what the feed holds unasked, in cursor order
# Only when asked for by name (?type=experiment): a partner that mirrors the content does not
# get items of a kind it never asked for.
OPT_IN_CHANGE_TYPES = ("experiment",)
FEED_TYPES = tuple(sorted((*CHANGE_TYPES, *OPT_IN_CHANGE_TYPES)))  # in cursor order


@dataclass(frozen=True)
class Change:
    type: str
    public_id: str
    changed_at: dt.datetime
    deleted: bool


@dataclass(frozen=True)
class FeedPosition:
    """Where a partner is in the feed: the last item it has, in (time, type, id) order."""

    changed_at: dt.datetime
    type: str = ""
    public_id: str = ""

    def encode(self) -> str:
        return cursors.sign(
            [self.changed_at.isoformat(), self.type, self.public_id], scope="changes"
        )

    @classmethod
    def decode(cls, token: str) -> FeedPosition:
        try:
            when, kind, public_id = cursors.unsign(token, scope="changes")
            changed_at = dt.datetime.fromisoformat(when)
            if changed_at.tzinfo is None or kind not in ("", *FEED_TYPES):
                raise ValueError
            if not isinstance(public_id, str) or len(public_id) > 40:
                raise ValueError
        except (ValueError, TypeError):
            raise ValueError("not a cursor this feed issued") from None
        return cls(changed_at, kind, public_id)


def _after(position: FeedPosition, kind: str) -> Q:
    """Items of ``kind`` strictly after ``position`` in (changed_at, type, public_id) order."""
    if kind < position.type:
        return Q(changed_at__gt=position.changed_at)
    if kind > position.type:
        return Q(changed_at__gte=position.changed_at)
    return Q(changed_at__gt=position.changed_at) | Q(
        changed_at=position.changed_at, public_id__gt=position.public_id
    )


def _present(condition: Q):
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def _in_view(audience: Audience, kind: str, *, language: str, campaign: str | None) -> Q:
    """In the audience's languages and regions now, or shown to it alive by the feed before."""
    scope = _audience_q(audience, language=language, campaign=campaign)
    if audience.partner_id is None or not scope:
        return scope
    return scope | Q(
        Exists(
            FeedSighting.objects.filter(
                partner_id=audience.partner_id, kind=kind, public_id=OuterRef("public_id")
            )
        )
    )


def record_sightings(audience: Audience, changes: Iterable[Change]) -> None:
    """Remember the live items the feed showed a partner (see :func:`_in_view`): also for an
    unrestricted one, whose languages or regions may be narrowed later.

    A page of 500 is one statement per type, its ids in one parameter (PostgreSQL: an array,
    SQLite: a JSON list), not 500 model instances (issue 19: about a third of the time, on
    PostgreSQL, that bulk_create took). Written before the page is answered, in the same
    request: a sighting is never owed to a later task that might not run."""
    if audience.partner_id is None:
        return
    seen: dict[str, list[str]] = {}
    for change in changes:
        if not change.deleted:
            seen.setdefault(change.type, []).append(change.public_id)
    if not seen:
        return
    sql = _sightings_sql().get(connection.vendor)
    if sql is None:
        FeedSighting.objects.bulk_create(
            [
                FeedSighting(partner_id=audience.partner_id, kind=kind, public_id=public_id)
                for kind, ids in seen.items()
                for public_id in ids
            ],
            ignore_conflicts=True,
        )
        return
    first_seen = connection.ops.adapt_datetimefield_value(timezone.now())
    with transaction.atomic(), connection.cursor() as cursor:
        for kind, ids in seen.items():
            listed = ids if connection.vendor == "postgresql" else json.dumps(ids)
            cursor.execute(sql, [audience.partner_id, kind, first_seen, listed])


@functools.cache
def _sightings_sql() -> dict[str, str]:
    """The statement that records one type's sightings of a page, by database vendor."""
    quote = connection.ops.quote_name
    meta = FeedSighting._meta
    column = {field.name: field.column for field in meta.concrete_fields}
    columns = ", ".join(quote(column[n]) for n in ("partner", "kind", "public_id", "first_seen_at"))
    unique = ", ".join(quote(column[n]) for n in ("partner", "kind", "public_id"))
    insert = f"INSERT INTO {quote(meta.db_table)} ({columns}) SELECT %s, %s, "
    conflict = f" ON CONFLICT ({unique}) DO NOTHING"
    # The table's and columns' own names, and fixed text: no value is put in the SQL.
    return {
        "postgresql": f"{insert}seen, %s FROM unnest(%s::varchar[]) AS seen{conflict}",  # nosec B608
        # WHERE: SQLite's grammar needs one before an upsert's ON CONFLICT after a SELECT.
        "sqlite": f"{insert}value, %s FROM json_each(%s) WHERE true{conflict}",  # nosec B608
    }


def _message_streams(messages: QuerySet[Message], now: dt.datetime) -> list[QuerySet[Message]]:
    """The messages of the feed in three parts, each ordered on an index by its change time.

    :func:`message_changed_at` at ``now`` is the stored ``shown_changed_at`` (see
    campaigns/changed.py) once ``publish_at`` has passed, unless ``unpublish_at`` has passed
    too and is later: then it is ``unpublish_at``. The few rows outside both (a publish time
    still ahead, or no stored time) are computed as before.
    """
    stored = Q(shown_changed_at__isnull=False, publish_at__lte=now)
    came_down_last = Q(unpublish_at__lte=now, unpublish_at__gte=F("shown_changed_at"))
    return [
        messages.filter(stored & ~came_down_last).annotate(changed_at=F("shown_changed_at")),
        messages.filter(stored & came_down_last).annotate(changed_at=F("unpublish_at")),
        # The rest, as terms an index can find (not NOT(stored), which only a pass over every
        # message can): no stored time, or a publish time not passed.
        messages.filter(
            Q(shown_changed_at__isnull=True) | Q(publish_at__isnull=True) | Q(publish_at__gt=now)
        ).annotate(changed_at=message_changed_at(now)),
    ]


def _change_querysets(
    audience: Audience, now: dt.datetime, wanted: Iterable[str] = CHANGE_TYPES
) -> dict[str, list[QuerySet]]:
    """For each type: every item the partner may have been shown, with its change time and
    whether it is there now (``present``) or gone (a tombstone).

    "May have been shown" is the item as it is now: once live (or approved) and inside the
    partner's languages and regions. A restricted partner gets no tombstone, and so no id,
    for an item it could never read.
    """
    querysets: dict[str, list[QuerySet]] = {}
    types = set(_types_for(audience)).intersection(wanted)
    if "message" in types:
        scope = _in_view(audience, "message", language="language", campaign="campaign_id")
        once_live = (
            Q(published_at__isnull=False)
            | Q(status__in=LIVE_STATUSES, publish_at__lte=now)
            # Withdrawn or expired after its publish time even if the publisher never ran.
            | (
                Q(status__in=ENDED_STATUSES, publish_at__lte=now)
                & (Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=F("publish_at")))
            )
        )
        messages = Message.objects.filter(once_live & scope).annotate(
            present=_present(
                on_schedule_q(now)
                & _audience_q(audience, language="language", campaign="campaign_id")
            )
        )
        querysets["message"] = _message_streams(messages, now)
    if "narrative" in types:
        scope = _in_view(audience, "narrative", language="language", campaign=None)
        narratives = Narrative.objects.filter(
            (
                Q(status__in=[Narrative.Status.APPROVED, Narrative.Status.RETIRED])
                | Q(approved_at__isnull=False)
            )
            & scope
        ).annotate(
            changed_at=F("updated_at"),
            present=_present(
                Q(status=Narrative.Status.APPROVED)
                & _audience_q(audience, language="language", campaign=None)
            ),
        )
        querysets["narrative"] = [narratives]
    if "excerpt" in types:
        scope = _in_view(audience, "excerpt", language="narrative__language", campaign=None)
        present = Q(
            status=Excerpt.Status.APPROVED, narrative__status=Narrative.Status.APPROVED
        ) & _audience_q(audience, language="narrative__language", campaign=None)
        excerpts = Excerpt.objects.filter(
            (
                Q(status__in=[Excerpt.Status.APPROVED, Excerpt.Status.RETIRED])
                | Q(approved_at__isnull=False)
            )
            & scope
        ).annotate(changed_at=excerpt_changed_at(), present=_present(present))
        querysets["excerpt"] = [excerpts]
    if "experiment" in types:
        querysets["experiment"] = [_experiment_changes(audience, now)]
    return querysets


def _experiment_changes(audience: Audience, now: dt.datetime) -> QuerySet[Experiment]:
    """Started experiments the partner may run now (present), and those the feed showed it
    before that it may not any more (tombstones); never one it could not see."""
    shown = Q(pk__in=partner_experiments(audience=audience, now=now).order_by().values("pk"))
    seen = shown
    if audience.partner_id is not None:
        seen = shown | Q(
            Exists(
                FeedSighting.objects.filter(
                    partner_id=audience.partner_id,
                    kind="experiment",
                    public_id=OuterRef("public_id"),
                )
            )
        )
    return (
        Experiment.objects.filter(status__in=PARTNER_EXPERIMENT_STATUSES)
        .filter(seen)
        .annotate(changed_at=F("updated_at"), present=_present(shown))
    )


def _types_for(audience: Audience) -> list[str]:
    return [kind for kind, scope in CHANGE_TYPE_SCOPES.items() if scope in audience.scopes]


def changes(
    *,
    audience: Audience,
    now: dt.datetime,
    settle: dt.timedelta,
    since: dt.datetime | None = None,
    after: FeedPosition | None = None,
    types: Iterable[str] | None = None,
    limit: int = 100,
) -> tuple[list[Change], bool]:
    """Return up to ``limit`` changes in (changed_at, type, public_id) order and whether more
    follow.

    Only changes older than ``settle`` are served: a row is stamped before its transaction
    commits, so a change could otherwise become visible behind a partner's cursor.
    """
    wanted = set(types or CHANGE_TYPES)
    horizon = now - settle
    found: list[Change] = []
    for kind, streams in sorted(_change_querysets(audience, now, wanted).items()):
        if kind not in wanted:
            continue
        for queryset in streams:
            queryset = queryset.filter(changed_at__lte=horizon)
            if since is not None:
                queryset = queryset.filter(changed_at__gte=since)
            if after is not None:
                queryset = queryset.filter(_after(after, kind))
            rows = queryset.order_by("changed_at", "public_id").values_list(
                "public_id", "changed_at", "present"
            )[: limit + 1]
            found.extend(Change(kind, pid, when, not present) for pid, when, present in rows)
    found.sort(key=lambda change: (change.changed_at, change.type, change.public_id))
    return found[:limit], len(found) > limit


def change_types_for(audience: Audience) -> list[str]:
    return _types_for(audience)
