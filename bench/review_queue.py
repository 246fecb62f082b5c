"""The analysts' review queue over 100,000 narratives: the query count stays constant.

Renders the queue (plain, filtered by status, reason and language, searched, a later page)
as an analyst through the full Django stack, first over 100 narratives and then over
100,000, and compares the number of queries and the time per page. The last line is
key=value pairs.

    .venv/bin/python bench/review_queue.py [--narratives 100000]
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

PAGES = [
    "/review/",
    "/review/?status=approved",
    "/review/?reason=brutality&language=ar",
    "/review/?q=sample",
    "/review/?status=in_review&page=3",
]


def measure(client) -> tuple[dict[str, int], float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts, times = {}, []
    for url in PAGES:
        client.get(url)  # warm caches
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        counts[url] = len(queries)
    return counts, statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--narratives", type=int, default=100_000)
    args = parser.parse_args()

    os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="bench-queue-")
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["SCANNER_PRELOAD"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    os.environ["DEMO_PASSWORD"] = "bench-password-123"
    call_command("seed_demo", "--narratives", "100", stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client()
    client.login(username="analyst", password="bench-password-123")
    small, small_ms = measure(client)
    started = time.perf_counter()
    call_command(
        "seed_demo",
        "--narratives",
        str(args.narratives),
        stdout=open(os.devnull, "w"),  # noqa: SIM115
    )
    seed_s = time.perf_counter() - started
    client.login(username="analyst", password="bench-password-123")  # seeding reset it
    large, large_ms = measure(client)

    print(f"{'page':45} {'queries@100':>12} {'queries@' + str(args.narratives):>16}")
    for url in PAGES:
        print(f"{url:45} {small[url]:>12} {large[url]:>16}")
    print(f"median page time: {small_ms:.1f} ms at 100, {large_ms:.1f} ms at {args.narratives}")
    # An empty page skips the prefetch of reasons, so compare the most any page needs.
    constant = max(large.values()) <= max(small.values())
    print(
        f"narratives={args.narratives} seed_s={seed_s:.1f} queries_small={max(small.values())} "
        f"queries_large={max(large.values())} constant={str(constant).lower()} "
        f"page_ms_small={small_ms:.1f} page_ms_large={large_ms:.1f}"
    )
    if not constant:
        raise SystemExit("the query count grew with the number of narratives")


if __name__ == "__main__":
    main()
