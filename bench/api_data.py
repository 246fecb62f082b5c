"""Data and query plans for ``bench/api.py``: live messages in bulk, a throwaway PostgreSQL
database, and the plans of the queries one request runs."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.changed import refresh_shown_changed_at
from campaigns.models import Campaign, Message, MessageExcerpt, Rendition
from narratives.models import Excerpt, ExcerptTranslation, Narrative, Reason

SIZES = {"square": (1080, 1080), "landscape": (1200, 675), "story": (1080, 1920)}
REASON_CODE = "bench-reason"


def start_redis():
    """The embedded Redis the default deployment runs (``make run``), in the bench's VAR_DIR."""
    import subprocess  # nosec B404 - bench only: the pinned embedded Redis

    import redis
    from django.conf import settings

    from core.embedded_redis import server_command, socket_path

    if not settings.EMBEDDED_REDIS:
        return None
    server = subprocess.Popen(  # nosec B603 - bench only: our own fixed command
        server_command(settings.VAR_DIR, durable=False),
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    client = redis.Redis(unix_socket_path=str(socket_path(settings.VAR_DIR)))
    for _ in range(200):
        try:
            client.ping()
            return server
        except redis.ConnectionError:
            time.sleep(0.05)
    raise RuntimeError("the embedded Redis did not start")


def populate(n_messages: int) -> None:
    """``n_messages`` live messages, each with three ready renditions and a quoted excerpt,
    built with ``bulk_create`` into tables that hold no messages yet; their ids are
    consecutive, which :func:`grow` relies on."""
    now = timezone.now()
    reason = Reason.objects.create(code=REASON_CODE, name="Bench reason")
    narratives = Narrative.objects.bulk_create(
        Narrative(
            title=f"Story {i}",
            text="I left because the promises were empty and the leaders were corrupt.",
            language="en",
            source_kind="interview",
            gender="male",
            age_band="25_34",
            country=["FR", "DE", "BE"][i % 3],
            left_on=date(2015, 1 + i % 6, 1),
            status="approved",
            approved_at=now,
        )
        for i in range(60)
    )
    excerpts = Excerpt.objects.bulk_create(
        Excerpt(narrative=n, start=0, end=14, text="I left because", status="approved")
        for n in narratives
    )
    for excerpt in excerpts[::6]:  # one excerpt in six gives its messages a reason
        excerpt.reasons.add(reason)
    ExcerptTranslation.objects.bulk_create(
        ExcerptTranslation(excerpt=e, language="fr", text="Je suis parti", status="approved")
        for e in excerpts
    )
    campaign = Campaign.objects.create(
        name="Bench", goal="prevent_joining", audience_stage="prevention", cta_text="Call"
    )
    for start in range(0, n_messages, 5000):
        batch = range(start, min(n_messages, start + 5000))
        messages = Message.objects.bulk_create(
            Message(
                campaign=campaign,
                language="en" if i % 4 else "fr",
                headline=f"Headline {i}",
                body="The promises were empty.",
                alt_text="A quote card.",
                status="published",
                publish_at=now - timedelta(minutes=i + 1),
                leak_checked_at=now,  # found clean at approval: live only with a current check
            )
            for i in batch
        )
        Rendition.objects.bulk_create(
            Rendition(
                message=m,
                format=fmt,
                input_hash="x",
                status="ready",
                file=f"renditions/{m.public_id}/{fmt}.png",
                mime_type="image/png",
                width=w,
                height=h,
            )
            for m in messages
            for fmt, (w, h) in SIZES.items()
        )
        MessageExcerpt.objects.bulk_create(
            MessageExcerpt(message=m, excerpt=excerpts[i % len(excerpts)], position=0)
            for i, m in zip(batch, messages, strict=True)
        )
    refresh_shown_changed_at()  # bulk_create sends no signals


def _copy(model, n: int, copies: int, replace: dict[str, str]) -> None:
    """Insert ``copies`` copies of the first ``n`` rows of ``model`` (from its lowest id
    ``lo``, at most ``n`` ids on), in SQL, with the expressions of ``replace`` (over the
    source row ``s`` and the copy number ``k.n``)."""
    table = connection.ops.quote_name(model._meta.db_table)
    columns = [f.column for f in model._meta.concrete_fields]
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    values = ", ".join(replace.get(c, f"s.{connection.ops.quote_name(c)}") for c in columns)
    with connection.cursor() as cursor:
        # Table and column names are the models' own; the numbers are ints.
        series = "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < %d) "
        insert = "INSERT INTO %s (%s) SELECT %s FROM %s s, k WHERE s.id < %d"
        sql = (series + insert) % (copies, table, names, values, table, _lowest_id(model) + n)  # nosec B608 - bench only: the models' own names and ints
        cursor.execute(sql)


def _lowest_id(model) -> int:
    return model.objects.order_by("pk").values_list("pk", flat=True)[0]


def grow(n_messages: int, total: int, *, analyze: bool = True) -> None:
    """Copy the ``n_messages`` messages :func:`populate` made (with renditions and excerpt
    links) until there are ``total``: one INSERT ... SELECT per table, a minute or two for a
    million. Their ids are consecutive (one bulk insert each into tables that held none of
    them), from wherever the table's sequence stood (a test database's do not start again).
    ``analyze``: refresh the planner's statistics after (as autovacuum or beat would)."""
    copies = total // n_messages - 1
    if copies < 1:
        return
    shift = f"s.message_id + k.n * {n_messages}"
    suffix = "'_' || CAST(k.n AS TEXT)"
    _copy(
        Message,
        n_messages,
        copies,
        {"id": f"s.id + k.n * {n_messages}", "public_id": f"s.public_id || {suffix}"},
    )
    _copy(
        Rendition,
        3 * n_messages,
        copies,
        {
            "id": f"s.id + k.n * {3 * n_messages}",
            "message_id": shift,
            "token": f"'bench_' || CAST(s.id + k.n * {3 * n_messages} AS TEXT)",
        },
    )
    _copy(
        MessageExcerpt,
        n_messages,
        copies,
        {"id": f"s.id + k.n * {n_messages}", "message_id": shift},
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for model in (Message, Rendition, MessageExcerpt):
                table = model._meta.db_table
                quoted = connection.ops.quote_name(table)
                sql = f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT MAX(id) FROM {quoted}))"  # noqa: S608  # nosec B608 - bench only: a model's table
                cursor.execute(sql, [table])
        if analyze:
            cursor.execute("ANALYZE")


# --- Query plans -----------------------------------------------------------------------------

# A sort, a pass over every message, or a subquery run once per row.
BAD_PLAN = re.compile(
    r"TEMP B-TREE|SCAN campaigns_message\b|Seq Scan on campaigns_message\b|CORRELATED|SubPlan"
    r"|(^|-> +)(Incremental )?Sort ",
    re.I,
)


SORT = re.compile(r"TEMP B-TREE|Sort ", re.I)
PG_SORT = re.compile(r"(^|-> +)Sort ")


def explain(sql: str) -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            return [row[3] for row in cursor.fetchall()]
        cursor.execute("EXPLAIN " + sql)
        return [row[0] for row in cursor.fetchall()]


def plans(client, url: str, headers: dict[str, str]) -> tuple[list[str], int]:
    """The plan of every query ``url`` runs that reads messages or renditions, and how many of
    those plan lines show a sort, a scan of all messages or a per-row subquery."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, headers=headers).status_code == 200
    lines, bad = [], 0
    for query in captured.captured_queries:
        sql = query["sql"]
        if "campaigns_message" not in sql or not sql.lstrip().upper().startswith("SELECT"):
            continue
        lines.append(f"  -- {sql[:150]}{'…' if len(sql) > 150 else ''}")
        # A prefetch sorts only the page's rows: a sort is bad only in the page's own query.
        main = ' FROM "campaigns_message"' in sql.split(" WHERE ")[0]
        plan = explain(sql)
        for at, line in enumerate(plan):
            flag = bool(BAD_PLAN.search(line)) and (main or not SORT.search(line))
            # PostgreSQL's one-row sort of the vault's latest change (an InitPlan) sorts no
            # message: a Sort is bad when its key is a message's column.
            following = plan[at + 1] if at + 1 < len(plan) else ""
            if flag and PG_SORT.search(line) and "campaigns_message." not in following:
                flag = False
            bad += flag
            lines.append(f"  {'!!' if flag else '  '} {line}")
    return lines, bad
