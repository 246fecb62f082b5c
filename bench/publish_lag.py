"""Publication lag: PublishEvent time minus publish_at, for 1,000 messages due in one second.

Scenarios, each on the embedded defaults (SQLite and whatever broker the settings choose
without REDIS_URL) and on PostgreSQL + Redis:

    one      one worker and one beat, as `make run` starts them (today's figure)
    two      two workers and two beats
    kill     two workers and two beats; as soon as the first publications are in, the worker
             that made them is SIGKILLed (pool and all) and started again a second later,
             as a supervisor would
    restart  two workers and two beats; at the same moment the broker is SIGKILLed and
             started again two seconds later (PostgreSQL + Redis only: the embedded broker
             has no server to restart). Redis is a throwaway Valkey (the embedded one) on a spare port,
             never the shared one.
    faults   both: the kill and the broker restart together

Each run counts lost messages (no publish event in time) and doubled ones (more than one
publish event or audit entry). Goal: p99 <= 2 s without faults, <= 5 s with them. The last
line is key=value pairs, ending with p99_s= (the worst scenario), lost= and doubled=.

    .venv/bin/python bench/publish_lag.py [--count 1000] [--scenarios one,two,kill,restart,faults]
        [--pg postgres://…] [--skip-pg] [--skip-embedded] [--load N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORKER_CONCURRENCY = "2"  # as `make run` starts it (config/supervisord.conf)
GOAL_P99_S = 2.0
GOAL_P99_FAULTS_S = 5.0

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
print(json.dumps({"due": due.timestamp(), "ids": [messages[0].pk, messages[-1].pk]}))
"""


@dataclass(frozen=True)
class Scenario:
    workers: int = 2
    beats: int = 2
    kill: bool = False
    restart: bool = False


SCENARIOS = {
    "one": Scenario(workers=1, beats=1),
    "two": Scenario(),
    "kill": Scenario(kill=True),
    "restart": Scenario(restart=True),
    "faults": Scenario(kill=True, restart=True),
}


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Child:
    """A process in its own session (so a signal reaches its pool children), logging to a file."""

    def __init__(self, args: list[str], log: Path, env: dict) -> None:
        self.args, self.log, self.env = args, log, env
        self.popen: subprocess.Popen | None = None
        self.start()

    def start(self) -> None:
        with open(self.log, "ab") as log:
            self.popen = subprocess.Popen(
                self.args,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> None:
        if self.popen is not None and self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(10)

    def stop(self) -> None:
        if self.popen is None or self.popen.poll() is not None:
            return
        os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(20)
        except subprocess.TimeoutExpired:
            self.kill()


class ThrowawayRedis(Child):
    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        from core.embedded_redis import server_binary  # the pinned Valkey: nothing to install

        args = [server_binary(), "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        args += ["--appendonly", "no", "--dir", str(folder)]
        super().__init__(args, folder / "redis.log", dict(os.environ))

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        super().start()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise SystemExit("the throwaway redis-server did not answer")


class Database:
    """Plain SQL on the bench's database, so polling costs the machine next to nothing."""

    def __init__(self, url: str | None, sqlite_path: Path | None) -> None:
        if url:
            import psycopg

            self.connection = psycopg.connect(url, autocommit=True)
            self.mark = "%s"
        else:
            self.connection = sqlite3.connect(sqlite_path, timeout=30)
            self.mark = "?"

    def rows(self, sql: str, *params) -> list[tuple]:
        cursor = self.connection.cursor()
        cursor.execute(sql.replace("%s", self.mark), params)
        return cursor.fetchall()

    def close(self) -> None:
        self.connection.close()


def as_timestamp(value) -> float:
    if isinstance(value, str):  # SQLite stores UTC text
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.timestamp()


def wait_for_line(path: Path, text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text(errors="replace"):
            return
        time.sleep(0.2)
    raise SystemExit(f"{path.name} never logged {text!r}; see {path}")


def run_scenario(
    backend: str,
    name: str,
    scenario: Scenario,
    count: int,
    base_env: dict,
    template_db: Path | None,
) -> dict:
    folder = Path(tempfile.mkdtemp(prefix=f"bench-{backend}-{name}-"))
    load_before = round(os.getloadavg()[0], 1)
    env = {**base_env, "VAR_DIR": str(folder)}
    redis = None
    if backend == "pg":
        redis = ThrowawayRedis(folder)
        env["REDIS_URL"] = redis.url
    else:
        shutil.copy(template_db, folder / "db.sqlite3")
    celery = [str(BIN / "celery"), "-A", "config"]
    worker_args = ["worker", "--loglevel", "INFO", "--concurrency", WORKER_CONCURRENCY]
    workers = [
        Child(
            [*celery, *worker_args, "--hostname", f"w{i}@%h"],
            folder / f"worker{i}.log",
            env,
        )
        for i in range(1, scenario.workers + 1)
    ]
    beats = [
        Child(
            [*celery, "beat", "--loglevel", "WARNING", "--schedule", str(folder / f"beat{i}")],
            folder / f"beat{i}.log",
            env,
        )
        for i in range(1, scenario.beats + 1)
    ]
    database = None
    faults: dict[str, float] = {}
    try:
        for i, _ in enumerate(workers, 1):
            wait_for_line(folder / f"worker{i}.log", " ready.", 90)
        setup = run_python(SETUP, env, str(count), "3")
        first, last = setup["ids"]
        database = Database(
            base_env.get("DATABASE_URL"), None if backend == "pg" else folder / "db.sqlite3"
        )

        def published() -> int:
            return database.rows(
                "SELECT COUNT(DISTINCT message_id) FROM campaigns_publishevent "
                "WHERE kind = 'publish' AND message_id BETWEEN %s AND %s",
                first,
                last,
            )[0][0]

        # The faults strike as soon as the first publications are in, while the sweepers
        # work; the worker killed is the one that recorded the first (its next batch runs).
        victim = workers[0]
        if scenario.kill or scenario.restart:
            first_by = None
            give_up = time.monotonic() + 30
            while first_by is None and time.monotonic() < give_up:
                rows = database.rows(
                    "SELECT worker FROM campaigns_publishevent "
                    "WHERE kind = 'publish' AND message_id BETWEEN %s AND %s LIMIT 1",
                    first,
                    last,
                )
                first_by = rows[0][0] if rows else None
                time.sleep(0.01)
            victim = next(
                (w for i, w in enumerate(workers, 1) if (first_by or "").startswith(f"w{i}@")),
                victim,
            )
        if scenario.kill:
            victim.kill()
            faults["kill_at"] = time.time()
        if scenario.restart and redis is not None:
            redis.kill()
            faults["broker_down_at"] = time.time()
        faults["published_at_strike"] = published()
        if scenario.kill:
            time.sleep(1.0)
            victim.start()  # as a supervisor would
        if scenario.restart and redis is not None:
            time.sleep(max(0.0, faults["broker_down_at"] + 2.0 - time.time()))
            redis.start()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and published() < count:
            time.sleep(0.25)
        events = database.rows(
            "SELECT message_id, scheduled_for, occurred_at FROM campaigns_publishevent "
            "WHERE kind = 'publish' AND message_id BETWEEN %s AND %s",
            first,
            last,
        )
        audits = database.rows(
            "SELECT COUNT(*) FROM core_auditentry a JOIN campaigns_message m "
            "ON a.target_id = m.public_id WHERE a.action = 'message.published' "
            "AND m.id BETWEEN %s AND %s GROUP BY m.id HAVING COUNT(*) > 1",
            first,
            last,
        )
    finally:
        for process in [*beats, *workers]:
            process.stop()
        if redis is not None:
            redis.stop()
        if database is not None:
            database.close()
    per_message: dict[int, int] = {}
    for message_id, _, _ in events:
        per_message[message_id] = per_message.get(message_id, 0) + 1
    lags = [as_timestamp(occurred) - as_timestamp(scheduled) for _, scheduled, occurred in events]
    if not lags:
        raise SystemExit(f"{backend}/{name}: nothing was published; logs in {folder}")
    # A worker that died on its own (not the one the scenario killed), e.g. on the broker.
    crashes = sum(
        log.read_text(errors="replace").count("Unrecoverable error")
        for log in folder.glob("worker*.log")
    )
    lost = count - len(per_message)
    doubled = sum(1 for n in per_message.values() if n > 1) + len(audits)
    if lost or doubled or crashes:
        print(f"{backend}/{name}: logs kept in {folder}", flush=True)
    else:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "p50_s": round(percentile(lags, 0.50), 3),
        "p99_s": round(percentile(lags, 0.99), 3),
        "max_s": round(max(lags), 3),
        "mean_s": round(statistics.fmean(lags), 3),
        "published": len(per_message),
        "lost": lost,
        "doubled": doubled,
        "worker_crashes": crashes,
        "at_fault": faults.get("published_at_strike", "-"),
        "load": load_before,
    }


def migrated_sqlite(base_env: dict) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="bench-template-"))
    env = {**base_env, "VAR_DIR": str(folder)}
    subprocess.run(
        [str(BIN / "python"), "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    # Fold the WAL into the file, so a plain copy is the whole database.
    with sqlite3.connect(folder / "db.sqlite3") as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return folder / "db.sqlite3"


def start_load(processes: int) -> list[subprocess.Popen]:
    """Other work on the machine: busy loops at normal priority."""
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(processes)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/cms_bench")
    parser.add_argument("--skip-pg", action="store_true")
    parser.add_argument("--skip-embedded", action="store_true")
    parser.add_argument("--load", type=int, default=0, help="busy loops to run beside")
    args = parser.parse_args()
    names = [n.strip() for n in args.scenarios.split(",") if n.strip()]
    unknown = set(names) - set(SCENARIOS)
    if unknown:
        parser.error(
            f"unknown scenarios: {', '.join(sorted(unknown))}; pick from {', '.join(SCENARIOS)}"
        )

    base_env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SCANNER_PRELOAD": "false",
        "CELERY_TASK_LOG_LEVEL": "WARNING",
    }
    backends: list[tuple[str, dict, Path | None]] = []
    if not args.skip_embedded:
        backends.append(("embedded", base_env, migrated_sqlite(base_env)))
    if not args.skip_pg:
        database = args.pg.rsplit("/", 1)[-1]
        for command in ("dropdb", "createdb"):  # a fresh database for every run
            subprocess.run(
                [command, "-h", "127.0.0.1", "-U", "postgres", database], capture_output=True
            )
        pg_env = {**base_env, "DATABASE_URL": args.pg}
        subprocess.run(
            [str(BIN / "python"), "manage.py", "migrate", "--noinput", "-v0"],
            cwd=ROOT,
            env={**pg_env, "VAR_DIR": tempfile.mkdtemp(prefix="bench-pg-migrate-")},
            check=True,
        )
        backends.append(("pg", pg_env, None))

    load = start_load(args.load)
    results: dict[str, dict] = {}
    try:
        print(f"load average before: {os.getloadavg()[0]:.2f}; extra busy loops: {args.load}")
        for backend, env, template_db in backends:
            for name in names:
                scenario = SCENARIOS[name]
                if scenario.restart and backend == "embedded":
                    print(f"{backend}/{name}: skipped, the embedded broker has no server")
                    continue
                figures = run_scenario(backend, name, scenario, args.count, env, template_db)
                results[f"{backend}_{name}"] = figures
                print(
                    f"{backend + '/' + name:17} "
                    + "  ".join(f"{k}={v}" for k, v in figures.items()),
                    flush=True,
                )
    finally:
        for process in load:
            process.kill()
    if not results:
        raise SystemExit("no scenario ran")
    worst = max(figures["p99_s"] for figures in results.values())
    pairs = [f"count={args.count}"]
    for key, figures in results.items():
        pairs += [f"{key}_p50_s={figures['p50_s']}", f"{key}_p99_s={figures['p99_s']}"]
    lost = sum(figures["lost"] for figures in results.values())
    doubled = sum(figures["doubled"] for figures in results.values())
    pairs += [f"goal_p99_s={GOAL_P99_S}", f"goal_faults_p99_s={GOAL_P99_FAULTS_S}"]
    pairs += [f"p99_s={worst}", f"lost={lost}", f"doubled={doubled}"]
    print(" ".join(pairs))


if __name__ == "__main__":
    main()
