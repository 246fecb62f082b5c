"""Partners' metrics: one day's figures for one message, batches of them, and the
``Idempotency-Key`` store that makes a repeated upload answer as the first did."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from campaigns.models import Message
from partners.models import IdempotentWrite, MetricReport, Partner


class ReportValues(TypedDict):
    """One report of a batch: :func:`record_metrics`'s keyword arguments but the partner."""

    message: Message
    day: date
    impressions: int
    reach: int
    clicks: int
    shares: int


def latest_reportable_day(now: datetime | None = None) -> date:
    """The latest day that has begun somewhere on Earth (UTC+14)."""
    return ((now or timezone.now()) + timedelta(hours=14)).date()


@transaction.atomic
def record_metrics(
    *,
    partner: Partner,
    message: Message,
    day: date,
    impressions: int,
    reach: int,
    clicks: int,
    shares: int,
) -> MetricReport:
    """Store one partner's figures for one message and day; a repeat replaces them.

    The report's ``was_created`` says whether it is the first for that message and day."""
    implausible = {}
    if reach > impressions:
        implausible["reach"] = "Reach (people) cannot exceed impressions (views)."
    if clicks > impressions:
        implausible["clicks"] = "Clicks cannot exceed impressions."
    if implausible:
        raise ValidationError(implausible)
    if day > latest_reportable_day():
        raise ValidationError({"day": "The day must not be in the future."})
    if message.publish_at is not None and day < message.publish_at.date() - timedelta(days=1):
        raise ValidationError({"day": "The message was not published yet on that day."})
    report, created = MetricReport.objects.update_or_create(
        partner=partner,
        message=message,
        day=day,
        defaults={"impressions": impressions, "reach": reach, "clicks": clicks, "shares": shares},
    )
    report.was_created = created
    return report


@transaction.atomic
def record_metrics_batch(*, partner: Partner, reports: list[ReportValues]) -> list[MetricReport]:
    """Store several reports, all or none; errors are keyed ``reports.<index>.<field>``.

    Each item holds ``message`` (a Message) and the other keyword arguments of
    :func:`record_metrics`.
    """
    errors: dict[str, list[str]] = {}
    seen: dict[tuple[int, date], int] = {}
    stored = []
    for index, report in enumerate(reports):
        pair = (report["message"].pk, report["day"])
        if pair in seen:
            errors[f"reports.{index}"] = [
                f"Same message and day as report {seen[pair]}; send each pair once."
            ]
            continue
        seen[pair] = index
        try:
            stored.append(record_metrics(partner=partner, **report))
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors[f"reports.{index}.{name}"] = messages
    if errors:
        raise ValidationError(errors)  # inside the transaction: nothing stays stored
    return stored


class IdempotencyKeyReused(Exception):
    """The key came before with another body."""


class _LostRace(Exception):
    pass


def idempotent_write(
    *, partner: Partner, key: str, fingerprint: str, write: Callable[[], tuple[int, Any]]
) -> tuple[int, Any, bool]:
    """Run ``write()`` (returning ``(status, body)``) once per partner and key; return
    ``(status, body, replayed)``.

    The answer is stored in the write's transaction, so a concurrent repeat waits on the
    unique key and then replays it. A failed write stores nothing: it may be retried.
    """
    horizon = timezone.now() - timedelta(seconds=settings.API_IDEMPOTENCY_TTL_SECONDS)
    IdempotentWrite.objects.filter(created_at__lt=horizon).delete()
    for _attempt in range(2):
        earlier = IdempotentWrite.objects.filter(partner=partner, key=key).first()
        if earlier is not None:
            if earlier.fingerprint != fingerprint:
                raise IdempotencyKeyReused
            return earlier.status_code, earlier.response_body, True
        try:
            with transaction.atomic():
                status, body = write()
                try:
                    with transaction.atomic():
                        IdempotentWrite.objects.create(
                            partner=partner,
                            key=key,
                            fingerprint=fingerprint,
                            status_code=status,
                            response_body=body,
                        )
                except IntegrityError:
                    raise _LostRace from None  # undoes this write too
            return status, body, False
        except _LostRace:
            continue  # a concurrent request with this key won: replay its answer
    raise IdempotencyKeyReused
