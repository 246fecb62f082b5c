"""Query parameters of the partner API: every one is named and checked before any query runs;
an unknown parameter or a bad value is a 400 naming the parameter (a documented one; an
unknown name is reported as ``query``), never echoing what the caller sent."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import NoReturn

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework.exceptions import APIException, ValidationError

from core.languages import CONTENT_LANGUAGES

PUBLIC_ID_RE = {
    prefix: re.compile(rf"^{prefix}_[a-z2-7]{{24}}$")
    for prefix in ("msg", "cmp", "nar", "exc", "exp")
}
REASON_CODE_RE = re.compile(r"^[-a-zA-Z0-9_]{1,64}$")
LANGUAGES = frozenset(code for code, _ in CONTENT_LANGUAGES)
MAX_PAGE_SIZE = 100
MAX_VALUE_LENGTH = 2000
# Longest path and query the API reads; longer is a 414 problem. (Behind gunicorn, a request
# line over its limit_request_line is refused by gunicorn itself first.)
MAX_URI_LENGTH = 16000
ASCII_NUMBER_RE = re.compile(r"[0-9]{1,6}")


class InvalidParameter(ValidationError):
    """A query parameter is unknown or has a bad value (problem code ``invalid_parameter``)."""

    problem_code = "invalid_parameter"


class UriTooLong(APIException):
    status_code = 414
    default_detail = (
        f"The request's path and query exceed {MAX_URI_LENGTH} characters; send fewer values."
    )
    problem_code = "uri_too_long"


def check_uri_length(request) -> None:
    if len(request.get_full_path()) > MAX_URI_LENGTH:
        raise UriTooLong()


def _fail(name: str, message: str) -> NoReturn:
    raise InvalidParameter({name: [message]})


def check_known(query_params, allowed: Iterable[str]) -> None:
    # The unknown names are not repeated back: a caller may have put anything in them.
    if set(query_params) - set(allowed):
        if allowed:
            message = f"Unknown query parameter; use only {', '.join(sorted(allowed))}."
        else:
            message = "This endpoint takes no query parameters; remove them."
        _fail("query", message)


def single(query_params, name: str) -> str | None:
    values = query_params.getlist(name)
    if not values:
        return None
    if len(values) > 1:
        _fail(name, "Give this parameter once.")
    if len(values[0]) > MAX_VALUE_LENGTH:
        _fail(name, f"At most {MAX_VALUE_LENGTH} characters.")
    return values[0]


def many(query_params, name: str, *, limit: int = 50) -> list[str]:
    """``?name=a&name=b`` or ``?name=a,b``; empty items are an error."""
    values: list[str] = []
    for raw in query_params.getlist(name):
        values.extend(part.strip() for part in raw.split(","))
    if any(not value for value in values):
        _fail(name, "Empty value.")
    if len(values) > limit:
        _fail(name, f"At most {limit} values.")
    return values


def reason_codes(query_params) -> list[str]:
    codes = many(query_params, "reason")
    for code in codes:
        if not REASON_CODE_RE.match(code):
            _fail("reason", "Reason codes are letters, digits, '-' and '_'.")
    return codes


def languages(query_params) -> list[str]:
    codes = many(query_params, "language")
    bad = sorted(set(codes) - LANGUAGES)
    if bad:
        _fail("language", f"Unknown language code; use some of {', '.join(sorted(LANGUAGES))}.")
    return codes


def public_ids(query_params, name: str, prefix: str) -> list[str]:
    ids = many(query_params, name)
    for value in ids:
        if not PUBLIC_ID_RE[prefix].match(value):
            _fail(name, f"Not a {prefix}_… identifier.")
    return ids


def timestamp(query_params, name: str) -> dt.datetime | None:
    """An ISO 8601 date-time (a zone is assumed UTC when missing) or a date (its midnight UTC)."""
    raw = single(query_params, name)
    if raw is None:
        return None
    value = None
    try:
        value = parse_datetime(raw.replace(" ", "+"))
        if value is None:
            day = parse_date(raw)
            if day is not None:
                value = dt.datetime.combine(day, dt.time.min)
    except (ValueError, OverflowError):
        value = None
    if value is None:
        _fail(name, "Expected an ISO 8601 date-time such as 2026-01-31T12:00:00Z.")
    if timezone.is_naive(value):
        value = value.replace(tzinfo=dt.UTC)
    return as_utc(value)


def as_utc(value: dt.datetime) -> dt.datetime:
    """``value`` in UTC; an instant before or after what a datetime can hold (0001-01-01 at
    +05:00, 9999-12-31 at -05:00) is the first or last one it can.

    Queries get UTC, never the offset as sent: PostgreSQL refuses offsets beyond 15:59
    (``-20:41`` is a valid ISO 8601 offset), and every instant is a valid filter."""
    try:
        return value.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        offset = value.utcoffset() or dt.timedelta(0)
        if offset > dt.timedelta(0):
            return dt.datetime.min.replace(tzinfo=dt.UTC)
        return dt.datetime.max.replace(tzinfo=dt.UTC)


def page_size(query_params, default: int, maximum: int = MAX_PAGE_SIZE) -> int:
    raw = single(query_params, "page_size")
    if raw is None:
        return default
    # ASCII digits only: str.isdigit() and int() also take "²" or Arabic-Indic digits.
    if not ASCII_NUMBER_RE.fullmatch(raw) or not 1 <= int(raw) <= maximum:
        _fail("page_size", f"A whole number from 1 to {maximum}.")
    return int(raw)


def choice(query_params, name: str, choices: Iterable[str], default: str) -> str:
    raw = single(query_params, name)
    if raw is None:
        return default
    choices = list(choices)
    if raw not in choices:
        _fail(name, f"Use one of {', '.join(choices)}." if choices else "Leave this out.")
    return raw


def fields(query_params, available: Iterable[str]) -> set[str] | None:
    names = many(query_params, "fields")
    if not names:
        return None
    available = set(available)
    bad = sorted(set(names) - available)
    if bad:
        _fail("fields", f"Unknown field name; use some of {', '.join(sorted(available))}.")
    return set(names)
