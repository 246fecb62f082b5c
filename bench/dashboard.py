"""The evidence dashboard over 100,000 narratives: the page against its bare queries.

Seeds a temporary ``VAR_DIR`` (SQLite, or ``--database-url``) with ``seed_demo --narratives N``,
then, in this one process and side by side, times

* ``bare``: the dashboard's aggregate queries alone (the querysets evaluated, nothing else);
* ``page``: a whole GET of ``/review/dashboard/`` through Django's test client, as an analyst
  (session, access check, the same queries, disclosure control, SVG charts, template);
* ``csv``: one CSV export (``table=region_quarter``).

Goal: ``page`` at most 1.5 x ``bare`` and at most 300 ms. Prints readable figures; the last
line is ``key=value`` pairs including ``ratio=`` and ``page_ms=``.

    .venv/bin/python bench/dashboard.py [--narratives 100000] [--runs 15] [--keep DIR]
                                        [--database-url postgres://…]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(function, runs: int) -> list[float]:
    function()  # warm: connection, caches, template loading
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--narratives", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", help="reuse (or create) this VAR_DIR instead of a temporary one")
    parser.add_argument("--database-url", help="e.g. postgres://postgres@127.0.0.1:5432/bench")
    args = parser.parse_args()

    var = args.keep or tempfile.mkdtemp(prefix="bench-dashboard-")
    os.environ["VAR_DIR"] = var
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings_test"
    os.environ.setdefault("SCANNER_PRELOAD", "false")
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from campaigns.models import Campaign
    from core.models import User
    from evidence import queries
    from narratives.models import Narrative, Reason

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0, interactive=False)
    start = time.perf_counter()
    os.environ.setdefault("DEMO_PASSWORD", "bench-only-password")
    call_command("seed_demo", narratives=args.narratives, verbosity=0)
    from django.db import connection as db

    with db.cursor() as cursor:
        # Fresh planner statistics, as autovacuum (PostgreSQL) or `PRAGMA optimize` would
        # keep them on a live database; a bulk load just before measuring leaves none.
        cursor.execute("ANALYZE")
    seeded_s = time.perf_counter() - start
    narratives = Narrative.objects.count()
    approved = Narrative.objects.approved().count()

    filters = queries.Filters()
    now = timezone.now()

    def bare() -> None:
        # Exactly the data queries the page runs, evaluated bare.
        list(Campaign.objects.order_by("name", "pk").values_list("public_id", "name"))
        reasons = list(Reason.objects.order_by("position", "name"))
        queries.narrative_cube(filters)
        queries.narratives_by_public_quarter(filters)
        queries.narratives_by_reason(filters, reasons)
        queries.excerpts_by_language_and_reason(filters, reasons)
        queries.live_messages_by_language_and_reason(filters, reasons, now)
        queries.partner_metric_rows(filters)

    client = Client()
    client.force_login(User.objects.get(username="analyst"))

    def page() -> None:
        response = client.get("/review/dashboard/")
        assert response.status_code == 200, response.status_code

    def export() -> None:
        response = client.get("/review/dashboard/", {"format": "csv", "table": "region_quarter"})
        assert response.status_code == 200, response.status_code

    # Interleave the runs so drift (cache, other load) hits all three alike.
    bare_ms, page_ms, csv_ms = [], [], []
    for _ in range(args.runs):
        bare_ms += timed(bare, 1)
        page_ms += timed(page, 1)
        csv_ms += timed(export, 1)
    bare_med = statistics.median(bare_ms)
    page_med = statistics.median(page_ms)
    csv_med = statistics.median(csv_ms)
    ratio = page_med / bare_med
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]

    print(
        f"database: {engine}, {narratives:,} narratives ({approved:,} approved), seeded in {seeded_s:.1f} s"
    )
    print(f"bare aggregate queries : median {bare_med:7.1f} ms  (min {min(bare_ms):.1f})")
    print(f"dashboard page (GET)   : median {page_med:7.1f} ms  (min {min(page_ms):.1f})")
    print(f"one CSV export         : median {csv_med:7.1f} ms  (min {min(csv_ms):.1f})")
    print(f"page / bare queries    : {ratio:.2f}x  (goal <= 1.5x; page goal <= 300 ms)")
    print(
        " ".join(
            [
                f"db={engine}",
                f"narratives={narratives}",
                f"runs={args.runs}",
                f"bare_ms={bare_med:.1f}",
                f"page_ms={page_med:.1f}",
                f"csv_ms={csv_med:.1f}",
                f"ratio={ratio:.2f}",
                f"ratio_ok={ratio <= 1.5}",
                f"page_ok={page_med <= 300}",
            ]
        )
    )


if __name__ == "__main__":
    main()
