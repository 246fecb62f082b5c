"""The publishing calendar: what goes up and comes down when, by day, a table per week.

It reads the schedule through the definitions the publishing sweeper uses (``on_schedule_q``,
``live_q``, ``overdue_q`` in ``campaigns.models``), as annotations, so the calendar and the
sweeper cannot disagree about what is live or overdue. Each entry carries ids, a headline
passed through the egress gate, and times; nothing else about the message.

Experiments that have started appear on every day they run, from their start to their stop,
or to their planned end or today while running. They are named by their public id, their
campaign's and their variants' message ids: never by their question or hypothesis, which the
calendar's audience (editors and analysts alike) need not share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from campaigns.experiments.models import Experiment
from campaigns.models import Message, live_q, on_schedule_q, overdue_q
from campaigns.selectors import OutboundText
from narratives.egress import gate_findings

MStatus = Message.Status
CALENDAR_STATUSES = (MStatus.SCHEDULED, MStatus.PUBLISHED, MStatus.EXPIRED)
SPANS = {"day": 1, "week": 7, "four_weeks": 28}
# A msgid: the page translates it where it stands in for the headline.
WITHHELD = gettext_noop("Headline withheld: the leak check finds a possible identifier in it.")


@dataclass(frozen=True)
class Entry:
    """One thing on the calendar: a message going up or coming down at ``at``."""

    at: datetime
    kind: str  # "goes_live", "went_live", "comes_down", "came_down"
    public_id: str
    headline: str
    headline_withheld: bool
    language: str
    campaign_id: str
    status: str
    live: bool
    held: bool  # on the schedule, but not served: its leak check is older than the vault
    overdue: bool
    failed: bool

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def status_label(self) -> str:
        return str(MStatus(self.status).label)


KIND_LABELS = {
    "goes_live": gettext_lazy("Goes live"),
    "went_live": gettext_lazy("Went live"),
    "comes_down": gettext_lazy("Comes down"),
    "came_down": gettext_lazy("Came down (expired)"),
}


EStatus = Experiment.Status
CALENDAR_EXPERIMENT_STATUSES = (EStatus.RUNNING, EStatus.STOPPED)
EXPERIMENT_KIND_LABELS = {
    "experiment_starts": gettext_lazy("Experiment starts"),
    "experiment_runs": gettext_lazy("Experiment running"),
    "experiment_ends": gettext_lazy("Experiment's planned end"),
    "experiment_stops": gettext_lazy("Experiment stopped"),
}


@dataclass(frozen=True)
class ExperimentDay:
    """One day an experiment runs: its ids and state, never its question."""

    day: date
    pk: int  # for its admin page's address
    kind: str  # "experiment_starts", "experiment_runs", "experiment_ends", "experiment_stops"
    at: datetime | None  # the start or stop time, on those days
    public_id: str
    campaign_id: str
    variants: tuple[str, ...]  # the variants' message ids, the control first
    status: str
    number: int  # the day's number in the run, from 1
    days: int  # how many days it runs (to its stop, planned end or today)
    url: str = ""  # its page for the one reading the calendar, if any (set by the view)

    @property
    def kind_label(self) -> str:
        return str(EXPERIMENT_KIND_LABELS[self.kind])

    @property
    def status_label(self) -> str:
        return str(EStatus(self.status).label)


@dataclass
class Day:
    day: date
    entries: list[Entry] = field(default_factory=list)
    experiments: list[ExperimentDay] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.entries) + len(self.experiments)


@dataclass
class Week:
    start: date
    days: list[Day]

    @property
    def count(self) -> int:
        return sum(len(d.entries) for d in self.days)

    @property
    def experiment_count(self) -> int:
        return len({e.public_id for d in self.days for e in d.experiments})


def _flag(q: Q) -> Case:
    return Case(When(q, then=Value(True)), default=Value(False), output_field=BooleanField())


def calendar_messages(
    start: datetime, end: datetime, *, campaign_id: int | None = None, language: str | None = None
) -> QuerySet[Message]:
    """Scheduled, live and expired messages with a schedule time in ``[start, end)``, flagged
    by the sweeper's own definitions as of now."""
    now = timezone.now()
    in_window = Q()
    for name in ("publish_at", "unpublish_at", "published_at", "unpublished_at"):
        in_window |= Q(**{f"{name}__gte": start, f"{name}__lt": end})
    messages = Message.objects.filter(in_window, status__in=CALENDAR_STATUSES)
    if campaign_id is not None:
        messages = messages.filter(campaign_id=campaign_id)
    if language:
        messages = messages.filter(language=language)
    return (
        messages.select_related("campaign")
        .annotate(
            is_live=_flag(live_q(now)),
            is_on_schedule=_flag(on_schedule_q(now)),
            is_overdue=_flag(overdue_q(now)),
        )
        .order_by("publish_at", "pk")
    )


def _times(message: Message) -> list[tuple[str, datetime | None]]:
    if message.status == MStatus.SCHEDULED:
        return [("goes_live", message.publish_at), ("comes_down", message.unpublish_at)]
    went_up = message.published_at or message.publish_at
    if message.status == MStatus.PUBLISHED:
        return [("went_live", went_up), ("comes_down", message.unpublish_at)]
    return [("went_live", went_up), ("came_down", message.unpublished_at or message.unpublish_at)]


def gated_headline(message: Message) -> tuple[str, bool]:
    """The headline, or a notice in its place when the egress gate finds anything in it."""
    if gate_findings([OutboundText("headline", "Headline", message.headline)]):
        return WITHHELD, True
    return message.headline, False


def entries(messages: QuerySet[Message], start: datetime, end: datetime) -> list[Entry]:
    found = []
    for message in messages:
        headline, withheld = gated_headline(message)
        for kind, at in _times(message):
            if at is None or not (start <= at < end):
                continue
            found.append(
                Entry(
                    at=at,
                    kind=kind,
                    public_id=message.public_id,
                    headline=headline,
                    headline_withheld=withheld,
                    language=message.language,
                    campaign_id=message.campaign.public_id,
                    status=message.status,
                    live=message.is_live,  # type: ignore[attr-defined]
                    held=message.is_on_schedule and not message.is_live,  # type: ignore[attr-defined]
                    overdue=message.is_overdue,  # type: ignore[attr-defined]
                    failed=bool(message.publish_error),
                )
            )
    return sorted(found, key=lambda e: (e.at, e.public_id, e.kind))


def calendar_experiments(
    first: date, last: date, *, campaign_id: int | None = None, language: str | None = None
) -> list[Experiment]:
    """Started experiments that run on a day of ``[first, last]``; with a language, those
    with a variant in it."""
    zone = timezone.get_current_timezone()
    experiments = Experiment.objects.filter(
        status__in=CALENDAR_EXPERIMENT_STATUSES,
        started_at__lt=datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone),
    ).exclude(stopped_at__lt=datetime.combine(first, time.min, tzinfo=zone))
    if campaign_id is not None:
        experiments = experiments.filter(campaign_id=campaign_id)
    if language:
        experiments = experiments.filter(variants__message__language=language).distinct()
    return list(
        experiments.select_related("campaign")
        .prefetch_related("variants__message")
        .order_by("started_at", "pk")
    )


def experiment_last_day(experiment: Experiment, today: date) -> date:
    """Its stop; while running, its planned end or today, whichever is later."""
    if experiment.stopped_at is not None:
        return timezone.localdate(experiment.stopped_at)
    if experiment.planned_end is not None and experiment.planned_end > today:
        return experiment.planned_end
    return today


def experiment_days(experiment: Experiment, first: date, last: date) -> list[ExperimentDay]:
    """The days of ``[first, last]`` the experiment runs on."""
    if experiment.started_at is None:  # not started: on no day
        return []
    start = timezone.localdate(experiment.started_at)
    end = experiment_last_day(experiment, timezone.localdate())
    variants = tuple(
        v.message.public_id
        for v in sorted(experiment.variants.all(), key=lambda v: (v.position, v.pk))
    )
    found = []
    day = max(start, first)
    while day <= min(end, last):
        at = None
        if day == start:
            kind, at = "experiment_starts", experiment.started_at
        elif day == end and experiment.stopped_at is not None:
            kind, at = "experiment_stops", experiment.stopped_at
        elif day == end and day == experiment.planned_end:
            kind = "experiment_ends"
        else:
            kind = "experiment_runs"
        found.append(
            ExperimentDay(
                day=day,
                pk=experiment.pk,
                kind=kind,
                at=at,
                public_id=experiment.public_id,
                campaign_id=experiment.campaign.public_id,
                variants=variants,
                status=experiment.status,
                number=(day - start).days + 1,
                days=(end - start).days + 1,
            )
        )
        day += timedelta(days=1)
    return found


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def window(first: date, span: str) -> tuple[datetime, datetime]:
    """The span's bounds in the current time zone: a day from ``first``, or whole weeks from
    the Monday of ``first``'s week."""
    start_day = first if span == "day" else week_start(first)
    zone = timezone.get_current_timezone()
    start = datetime.combine(start_day, time.min, tzinfo=zone)
    return start, datetime.combine(start_day + timedelta(days=SPANS[span]), time.min, tzinfo=zone)


def build(
    first: date, span: str, *, campaign_id: int | None = None, language: str | None = None
) -> list[Week]:
    """The calendar for the span from ``first``: weeks of days, each with its entries."""
    start, end = window(first, span)
    found = entries(
        calendar_messages(start, end, campaign_id=campaign_id, language=language), start, end
    )
    days: dict[date, Day] = {}
    for offset in range((end - start).days):
        d = start.date() + timedelta(days=offset)
        days[d] = Day(d)
    for entry in found:
        days[timezone.localtime(entry.at).date()].entries.append(entry)
    first_day, last_day = start.date(), end.date() - timedelta(days=1)
    for experiment in calendar_experiments(
        first_day, last_day, campaign_id=campaign_id, language=language
    ):
        for running in experiment_days(experiment, first_day, last_day):
            days[running.day].experiments.append(running)
    weeks: dict[date, Week] = {}
    for d, day in days.items():
        weeks.setdefault(week_start(d), Week(week_start(d), [])).days.append(day)
    return list(weeks.values())
