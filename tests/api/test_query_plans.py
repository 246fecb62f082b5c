"""Every list of messages and the changes feed read a page on an index (issue 19): the query
that picks the page walks an index in the page's order and stops after the page, so a page
costs the same at 10,000 live messages as at 1,000,000. No temporary B-tree (SQLite) or Sort
(PostgreSQL) for the ordering, no pass over every message.

The plans are those of the test database, SQLite or PostgreSQL (``DATABASE_URL``, as
``.ci/run`` sets it), filled as the API bench fills its own (12,000 live messages, the
planner's statistics fresh as autovacuum or ``ANALYZE`` leave them): on a few rows a
planner rightly prefers to sort them.
"""

from __future__ import annotations

import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import api_data
from core import planner
from core.tasks import refresh_planner_statistics

MESSAGE_TABLE = '"campaigns_message"'
SORT_NODE = re.compile(r"^\s*(->\s+)?Sort\s+\(")
FULL_SCAN = re.compile(
    r"^\s*(->\s+)?(SCAN campaigns_message$|Seq Scan on campaigns_message\b)", re.I
)
# Read in order on an index of messages (any of their keyset indexes, or PostgreSQL's own
# choice of the one on publish_at).
INDEX_ON_MESSAGES = re.compile(
    r"(SEARCH|SCAN) campaigns_message USING (COVERING )?INDEX message_api_"
    r"|Index (Only )?Scan( Backward)? using (message_api_\w+|campaigns_message_publish_at_\w+)"
    r" on campaigns_message",
    re.I,
)


@pytest.fixture
def live_messages(db):
    api_data.populate(120)
    api_data.grow(120, 12_000)  # and ANALYZE


def sorts(plan: list[str]) -> list[str]:
    """The sorts of messages in a plan: SQLite's temporary B-tree, PostgreSQL's Sort node on
    their columns. Not the one-row sort of the vault's latest change in an InitPlan, nor an
    Incremental Sort of rows read in the order of its presorted key (the index's first
    column): it only orders ties, and reads no more rows than the page."""
    found = [line for line in plan if "TEMP B-TREE" in line]
    for node, key in itertools.pairwise(plan):
        if SORT_NODE.match(node) and "campaigns_message." in key:
            found.append(f"{node.strip()} {key.strip()}")
    return found


def page_queries(api, url: str, key: str) -> list[str]:
    """The SQL of the queries ``url`` runs that pick rows of messages in an order: the
    page's (not the prefetches of its renditions and excerpts, which read the page's ids)."""
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url, key=key)
        assert response.status_code == 200, response.content
        assert response.json()["results"]
    picked = []
    for query in captured.captured_queries:
        sql = query["sql"]
        head = sql.split(" WHERE ")[0]
        if f"FROM {MESSAGE_TABLE}" in head and " ORDER BY " in sql and " LIMIT " in sql:
            picked.append(sql)
    return picked


LISTS = [
    "/api/v1/messages/?page_size=10",
    "/api/v1/messages/?ordering=changed_at&page_size=10",
    "/api/v1/messages/?ordering=-publish_at&page_size=10",
    "/api/v1/messages/?ordering=publish_at&page_size=10",
    "/api/v1/messages/?language=fr&page_size=10",
    "/api/v1/messages/?language=fr&ordering=-publish_at&page_size=10",
    f"/api/v1/messages/?reason={api_data.REASON_CODE}&page_size=10",
    f"/api/v1/messages/?reason={api_data.REASON_CODE}&ordering=-publish_at&page_size=10",
]


@pytest.mark.parametrize("url", LISTS)
def test_a_page_of_messages_is_read_on_an_index_in_its_order(live_messages, api, make_key, url):
    key = make_key(["read:messages"])
    first = api.get(url, key=key).json()
    queries = page_queries(api, url, key) + page_queries(
        api, f"{url}&cursor={first['next_cursor']}", key
    )
    assert len(queries) == 2  # the first page and the next: each one query for its rows

    for sql in queries:
        plan = api_data.explain(sql)
        shown = "\n".join(plan)
        assert not sorts(plan), shown
        assert not [line for line in plan if FULL_SCAN.search(line)], shown
        assert any(INDEX_ON_MESSAGES.search(line) for line in plan), shown


def test_a_page_of_the_changes_feed_reads_messages_on_their_indexes(
    live_messages, api, make_key, settings
):
    settings.API_CHANGES_SETTLE_SECONDS = 0
    key = make_key(["read:messages"])
    url = "/api/v1/changes/?type=message&page_size=50"
    first = api.get(url, key=key).json()

    for page in (url, f"{url}&cursor={first['next_cursor']}"):
        queries = page_queries(api, page, key)
        assert len(queries) == 3  # the three parts of _message_streams
        for sql in queries:
            plan = api_data.explain(sql)
            shown = "\n".join(plan)
            assert not [line for line in plan if FULL_SCAN.search(line)], shown
            assert not [line for line in plan if "CORRELATED" in line or "SubPlan" in line], shown


@pytest.fixture
def unanalysed_live_messages(db):
    api_data.populate(120)
    api_data.grow(120, 12_000, analyze=False)


def test_beat_gives_sqlite_the_statistics_to_read_a_page_in_order(
    unanalysed_live_messages, api, make_key
):
    """Without statistics SQLite sorted every live message for a page (core.planner)."""
    if connection.vendor != "sqlite":
        assert planner.refresh_planner_statistics() is False  # autovacuum's job
        return
    key = make_key(["read:messages"])
    url = "/api/v1/messages/?page_size=10"
    (before,) = page_queries(api, url, key)
    unanalysed = api_data.explain(before)

    refresh_planner_statistics.apply()

    (after,) = page_queries(api, url, key)
    analysed = api_data.explain(after)
    assert sorts(unanalysed), unanalysed
    assert not sorts(analysed), analysed
    assert any(INDEX_ON_MESSAGES.search(line) for line in analysed), analysed
