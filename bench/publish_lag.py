"""Publication lag: PublishEvent time minus publish_at, for 1,000 messages due at once.

One Celery worker (default concurrency) and beat, as `make run` starts them, on the embedded
defaults (SQLite, filesystem broker) and on PostgreSQL + Redis, side by side in one run.
Goal: p99 <= 2 s. The last line is key=value pairs, including p99_s= (the worse of the two).

    .venv/bin/python bench/publish_lag.py [--count 1000] [--pg postgres://…] [--redis redis://…]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

SETUP = """
import json, sys
from datetime import timedelta
from django.utils import timezone
from campaigns.models import Campaign, Message, VisualTemplate
count, delay = int(sys.argv[1]), float(sys.argv[2])
campaign = Campaign.objects.create(name="Bench", goal="prevent_joining", audience_stage="prevention")
template = VisualTemplate.objects.create(name=f"Bench {timezone.now().timestamp()}")
due = timezone.now().replace(microsecond=0) + timedelta(seconds=delay)
messages = Message.objects.bulk_create(
    Message(campaign=campaign, template=template, language="en", status="scheduled",
            headline=f"Bench message {i}", publish_at=due)
    for i in range(count)
)
Message.objects.filter(pk__in=[m.pk for m in messages]).update(leak_checked_at=timezone.now())
print(json.dumps({"due": due.isoformat(), "ids": [messages[0].pk, messages[-1].pk]}))
"""

MEASURE = """
import json, sys
from campaigns.models import PublishEvent
first, last = int(sys.argv[1]), int(sys.argv[2])
events = PublishEvent.objects.filter(message_id__gte=first, message_id__lte=last, kind="publish")
print(json.dumps({"count": events.count(),
                  "lags": [e.lag_seconds for e in events.only("occurred_at", "scheduled_for")]}))
"""


def run_python(code: str, env: dict, *args: str) -> dict:
    script = "import django; django.setup()\n" + code
    out = subprocess.run(
        [str(BIN / "python"), "-c", script, *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def measure(name: str, count: int, extra_env: dict) -> dict:
    var = tempfile.mkdtemp(prefix=f"bench-{name}-")
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "VAR_DIR": var,
        "SCANNER_PRELOAD": "false",
        **extra_env,
    }
    subprocess.run(
        [str(BIN / "python"), "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    logs = Path(var)
    worker = subprocess.Popen(
        [str(BIN / "celery"), "-A", "config", "worker", "--loglevel", "WARNING"],
        cwd=ROOT,
        env=env,
        stdout=open(logs / "worker.log", "wb"),  # noqa: SIM115 - the child keeps it
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    beat = subprocess.Popen(
        [
            str(BIN / "celery"),
            "-A",
            "config",
            "beat",
            "--loglevel",
            "WARNING",
            "--schedule",
            str(logs / "beat-schedule"),
        ],
        cwd=ROOT,
        env=env,
        stdout=open(logs / "beat.log", "wb"),  # noqa: SIM115 - the child keeps it
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        time.sleep(4)  # let both connect before the messages fall due
        setup = run_python(SETUP, env, str(count), "6")
        first, last = setup["ids"]
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            result = run_python(MEASURE, env, str(first), str(last))
            if result["count"] >= count:
                break
            time.sleep(1)
        else:
            raise SystemExit(f"{name}: only {result['count']} of {count} published in time")
    finally:
        for process in (beat, worker):
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
    lags = result["lags"]
    return {
        "p50_s": round(percentile(lags, 0.50), 3),
        "p99_s": round(percentile(lags, 0.99), 3),
        "max_s": round(max(lags), 3),
        "mean_s": round(statistics.fmean(lags), 3),
        "published": len(lags),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/cms_bench")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/6")
    parser.add_argument("--skip-pg", action="store_true")
    args = parser.parse_args()

    results = {"embedded": measure("embedded", args.count, {})}
    if not args.skip_pg:
        database = args.pg.rsplit("/", 1)[-1]
        for command in ("dropdb", "createdb"):  # a fresh database for every run
            subprocess.run(
                [command, "-h", "127.0.0.1", "-U", "postgres", database], capture_output=True
            )
        results["pg"] = measure(
            "pg", args.count, {"DATABASE_URL": args.pg, "REDIS_URL": args.redis}
        )
    for name, figures in results.items():
        print(f"{name:9} " + "  ".join(f"{k}={v}" for k, v in figures.items()))
    worst = max(figures["p99_s"] for figures in results.values())
    pairs = [f"count={args.count}"]
    for name, figures in results.items():
        pairs += [f"{name}_p50_s={figures['p50_s']}", f"{name}_p99_s={figures['p99_s']}"]
    pairs += ["goal_p99_s=2.0", f"goal_ratio={round(worst / 2.0, 3)}", f"p99_s={worst}"]
    print(" ".join(pairs))


if __name__ == "__main__":
    main()
