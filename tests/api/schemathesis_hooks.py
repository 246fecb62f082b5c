"""Schemathesis hooks for tests/api/test_schemathesis.py (loaded through SCHEMATHESIS_HOOKS).

A schema says which requests are well formed, not which values exist: it cannot list the
cursors the API signed, the reason codes in the database, the messages published to a key,
or that reach and clicks are at most the impressions. So, for a positive case only (one
schemathesis means to be valid), ``before_call`` puts such values in from the seeded world:

- ``cursor``: a next_cursor the API itself issued for the same operation and query;
- ``reason``: codes of real reasons (GET /api/v1/reasons/ lists them);
- a detail's id: mostly an id the key sees on the list (else every case is a 404);
- metrics bodies: ids of messages published to the key, days on which they were, unique
  (message, day) pairs in a batch, reach and clicks clamped to the impressions;
- ``Idempotency-Key``: bound to the body, so one key is never reused with another body.

Negative cases are sent as generated. Every substitute is schema-valid, and schemathesis
checks the case again after the hook: a positive case stays one. The world is described by
a JSON file the test writes (``CMS_SCHEMATHESIS_WORLD``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import zlib
from pathlib import Path

import requests
import schemathesis

WORLD = json.loads(Path(os.environ["CMS_SCHEMATHESIS_WORLD"]).read_text(encoding="utf-8"))
METRIC_PATHS = {"/api/v1/metrics/", "/api/v1/metrics/batch/"}


def _pick(options: list, seed: object):
    """One of ``options``, the same for the same ``seed`` (the run stays deterministic)."""
    return options[zlib.crc32(repr(seed).encode()) % len(options)]


def _as_list(value) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return str(value).split(",")


def _wire(query: dict) -> dict:
    """The query as the API reads it: arrays comma-separated (style form, explode false)."""
    return {
        name: ",".join(map(str, value)) if isinstance(value, list | tuple) else value
        for name, value in query.items()
    }


def _real_reasons(query: dict) -> None:
    if "reason" in query:
        real = WORLD["reasons"]
        codes = [c if c in real else _pick(real, c) for c in _as_list(query["reason"])]
        query["reason"] = codes if isinstance(query["reason"], list | tuple) else ",".join(codes)


def _get(case, query: dict) -> requests.Response:
    return requests.get(
        WORLD["base_url"] + case.formatted_path,
        params=query,
        headers={"Authorization": f"Api-Key {WORLD['key']}"},
        timeout=30,
    )


def _issued_cursor(case, query: dict) -> None:
    """Keep a cursor the API issued (the stateful phase follows next_cursor links); replace
    any other by one the API issues for this operation and query, or drop it when the first
    page is the last."""
    if "cursor" not in query:
        return
    if _get(case, {**_wire(query), "page_size": 1}).status_code == 200:
        return
    asked = {name: value for name, value in _wire(query).items() if name != "cursor"}
    page = _get(case, {**asked, "page_size": 1})
    page.raise_for_status()
    cursor = page.json().get("next_cursor")
    if cursor:
        query["cursor"] = cursor
    else:
        del query["cursor"]


def _days_of(message: dict) -> list[str]:
    first = dt.date.fromisoformat(message["first_day"])
    last = dt.datetime.now(dt.UTC).date()  # never later than the latest reportable day
    return [(first + dt.timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


def _plausible(report: dict, message: str, day: str) -> None:
    report["message"] = message
    report["day"] = day
    impressions = report.get("impressions")
    if isinstance(impressions, int):
        for name in ("reach", "clicks"):
            if isinstance(report.get(name), int) and report[name] > impressions:
                report[name] = impressions


def _real_metrics(body) -> None:
    pairs = [(m["id"], day) for m in WORLD["messages"] for day in _days_of(m)]
    if isinstance(body, dict) and isinstance(body.get("reports"), list):
        reports = body["reports"]
        offset = zlib.crc32(json.dumps(reports, sort_keys=True, default=str).encode())
        for index, report in enumerate(reports):
            if isinstance(report, dict):
                # Consecutive pairs from a seeded start: each (message, day) once per batch.
                _plausible(report, *pairs[(offset + index) % len(pairs)])
        assert len(reports) <= len(pairs), "seed more published message-days for big batches"
    elif isinstance(body, dict):
        _plausible(body, *_pick(pairs, json.dumps(body, sort_keys=True, default=str)))


def _bind_idempotency_key(case) -> None:
    key = case.headers.get("Idempotency-Key") if case.headers else None
    if isinstance(key, str) and key:
        digest = hashlib.sha256(json.dumps(case.body, sort_keys=True).encode()).hexdigest()
        case.headers["Idempotency-Key"] = f"{key[:180]}-{digest[:32]}"


_IDS: dict[str, list[str]] = {}


def _ids(resource: str) -> list[str]:
    """The ids the key sees on the first page of ``/api/v1/<resource>/`` (asked once)."""
    if resource not in _IDS:
        page = requests.get(
            f"{WORLD['base_url']}/api/v1/{resource}/",
            params={"page_size": 100, "fields": "id"},
            headers={"Authorization": f"Api-Key {WORLD['key']}"},
            timeout=30,
        )
        page.raise_for_status()
        _IDS[resource] = [item["id"] for item in page.json()["results"]]
    return _IDS[resource]


def _real_item(case) -> None:
    """A detail's id: mostly one the key sees (so the case reaches the item, its fields and
    conditional headers), sometimes the generated one (a 404 is a valid answer too)."""
    for name, value in (case.path_parameters or {}).items():
        resource = case.path.split("/")[3]
        real = _ids(resource)
        if value not in real:
            case.path_parameters[name] = _pick([*real, value], value)


@schemathesis.hook
def before_call(context, case, kwargs):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return
    if case.method.upper() in ("GET", "HEAD") and case.path_parameters:
        _real_item(case)
    if isinstance(case.query, dict):
        _real_reasons(case.query)
        _issued_cursor(case, case.query)
    if case.path in METRIC_PATHS and case.method.upper() == "POST":
        _real_metrics(case.body)
        _bind_idempotency_key(case)
