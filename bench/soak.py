"""Soak: `make run`'s processes for a set time, with messages coming due every few seconds.

Starts what `make run` starts (``manage.py supervise --seed-demo``: the embedded Redis, web,
a Celery worker and beat under supervisord) in a throwaway VAR_DIR on a spare port, so it
never touches the shared var/. Then, until the time is up:

- every ``--every`` seconds a new message goes through the editors' workflow with the
  project's own service functions (submit, approve, which queues its renditions, schedule),
  due to go live ``--lead`` seconds later and to come down ``--live`` seconds after that;
- ``/healthz`` is polled every ``--health-every`` seconds; any answer but 200 is counted;
- with ``--kill-every S``, the worker (its process group: pool and all) is SIGKILLed every
  S seconds; supervisord starts it again.

When the time is up no more messages are made; the soak waits for the last ones to come down,
stops the stack with SIGTERM (as Ctrl-C would) and counts, for the messages it made:

    lost     a publish or an unpublish that never happened (each missing event counts one)
    doubled  a message with more than one publish (or unpublish) event, or more than one
             "message.published" (or "message.unpublished") audit entry
    worker_deaths  "exited: worker" lines in supervisord's log (a clean stop logs "stopped"),
             or the workers' restarts in ProcessHeartbeat, whichever is larger
    renditions_ready  the messages' renditions that are ready at the end (3 formats each)

Goal: worker_deaths=0 lost=0 doubled=0 healthz_non200=0 without --kill-every; with it,
worker_deaths>0 and still lost=0 doubled=0. The last line is key=value pairs:

    worker_deaths=N lost=N doubled=N healthz_non200=N renditions_ready=N published=N
    unpublished=N minutes=M

    .venv/bin/python bench/soak.py [--minutes 30] [--every 4] [--kill-every S] [--keep]

Run it on the embedded defaults (no DATABASE_URL, no REDIS_URL: they are dropped from the
environment); the stack's logs are kept in the VAR_DIR printed at the start when anything
went wrong, or with --keep.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DROPPED = {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "CACHE_KEY_PREFIX"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, timeout: float = 10) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return 0, b""


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


class Stack:
    """`make run`'s processes, started the way `make run` starts them."""

    def __init__(self, var_dir: Path, port: int, env: dict[str, str]) -> None:
        self.var_dir, self.port, self.env = var_dir, port, env
        self.base = f"http://127.0.0.1:{port}"
        for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
            subprocess.run(
                [str(BIN / "python"), "manage.py", *command], cwd=ROOT, env=env, check=True
            )
        self.log_path = var_dir / "supervise.log"
        with open(self.log_path, "ab") as out:
            self.popen = subprocess.Popen(
                [str(BIN / "python"), "manage.py", "supervise", "--seed-demo", "--port", str(port)],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def ctl(self, *args: str) -> str:
        env = {**self.env, "APP_DIR": str(ROOT), "BIN_DIR": str(BIN), "PORT": "0"}
        env.update(USER_NAME="", EMBEDDED_REDIS="true", WEB_CONCURRENCY="1")
        env["WORKER_CONCURRENCY"] = "1"
        config = str(ROOT / "config" / "supervisord.conf")
        return subprocess.run(
            [str(BIN / "supervisorctl"), "--configuration", config, *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()

    def pid(self, program: str) -> int:
        out = self.ctl("pid", program)
        return int(out) if out.isdigit() else 0

    def wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                raise SystemExit(f"manage.py supervise exited early; see {self.log_path}")
            if get(f"{self.base}/healthz", timeout=5)[0] == 200:
                return
            time.sleep(0.5)
        raise SystemExit(f"/healthz never answered 200; see {self.log_path}")

    def stop(self) -> int | None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)  # supervise passes it on to supervisord
            try:
                self.popen.wait(120)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(10)
        return self.popen.returncode

    def supervisor_lines(self) -> str:
        text = ""
        for path in sorted(self.var_dir.glob("supervisord.log*")):
            text += path.read_text(errors="replace")
        return text


class HealthPoller(threading.Thread):
    def __init__(self, url: str, every: float) -> None:
        super().__init__(daemon=True)
        self.url, self.every = url, every
        self.statuses: Counter[int] = Counter()
        self.failures: list[str] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            status, body = get(self.url, timeout=10)
            self.statuses[status] += 1
            if status != 200:
                try:
                    report = json.loads(body) if body else {}
                except ValueError:
                    report = {}
                down = sorted(
                    k for k, v in report.items() if isinstance(v, dict) and not v.get("ok")
                )
                if len(self.failures) < 20:
                    self.failures.append(f"{time.strftime('%H:%M:%S')} {status} down={down}")
            self.stopping.wait(self.every)

    @property
    def non200(self) -> int:
        return sum(n for status, n in self.statuses.items() if status != 200)


class Killer(threading.Thread):
    """SIGKILL the worker's process group every ``every`` seconds, as an OOM killer might."""

    def __init__(self, stack: Stack, every: float) -> None:
        super().__init__(daemon=True)
        self.stack, self.every = stack, every
        self.kills = 0
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(self.every):
            pid = self.stack.pid("worker")
            if not pid:
                log("kill: no worker running (supervisord is starting it)")
                continue
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                continue
            self.kills += 1
            log(f"kill: SIGKILLed the worker (pid {pid}), kill {self.kills}")


class Driver:
    """Makes messages through the service functions, as editors and analysts would."""

    def __init__(self, lead: float, live: float) -> None:
        from django.contrib.auth import get_user_model

        from campaigns.models import Campaign, VisualTemplate

        users = get_user_model().objects
        self.editor = users.get(username="editor")
        self.analyst = users.get(username="analyst")
        # A campaign of its own, with no contact details the leak check would flag.
        self.campaign, _ = Campaign.objects.get_or_create(
            name="Soak test",
            defaults={"goal": "prevent_joining", "audience_stage": "prevention"},
        )
        self.templates = list(VisualTemplate.objects.order_by("pk"))
        self.lead, self.live = lead, live
        self.ids: list[int] = []
        self.errors: Counter[str] = Counter()

    def make_one(self, n: int) -> None:
        from django.utils import timezone

        from campaigns import services
        from campaigns.models import Message

        try:
            message = Message.objects.create(
                campaign=self.campaign,
                language="en",
                headline=f"Soak card {n}: there is another way",
                body="People who left say the promises were empty. Talk to someone first.",
                cta_text="Talk to someone",
                alt_text="A card with the words: there is another way",
                template=self.templates[n % len(self.templates)],
                author=self.editor,
            )
            services.submit_message(user=self.editor, message=message)
            services.approve_message(user=self.analyst, message=message)
            now = timezone.now()
            publish_at = now + timedelta(seconds=self.lead)
            services.schedule_message(
                user=self.editor,
                message=message,
                publish_at=publish_at,
                unpublish_at=publish_at + timedelta(seconds=self.live),
            )
            self.ids.append(message.pk)
        except Exception as exc:  # counted and reported; the soak goes on
            self.errors[type(exc).__name__] += 1
            if sum(self.errors.values()) <= 5:
                log(f"driver: making message {n} failed: {type(exc).__name__}: {exc}")


def count(ids: list[int]) -> dict:
    """Publish and unpublish events, audit entries and renditions of the soak's messages."""
    from campaigns.models import Message, PublishEvent, Rendition
    from core.models import AuditEntry

    events = Counter(
        PublishEvent.objects.filter(message_id__in=ids)
        .exclude(kind=PublishEvent.Kind.WITHDRAW)
        .values_list("message_id", "kind")
    )
    public_ids = dict(Message.objects.filter(pk__in=ids).values_list("public_id", "pk"))
    audits = Counter(
        (public_ids[target], action)
        for target, action in AuditEntry.objects.filter(
            target_id__in=list(public_ids),
            action__in=["message.published", "message.unpublished"],
        ).values_list("target_id", "action")
    )
    lags = [
        (occurred - due).total_seconds()
        for occurred, due in PublishEvent.objects.filter(message_id__in=ids).values_list(
            "occurred_at", "scheduled_for"
        )
    ]
    published = sum(1 for pk in ids if events[(pk, "publish")])
    unpublished = sum(1 for pk in ids if events[(pk, "unpublish")])
    lost = sum(1 for pk in ids for kind in ("publish", "unpublish") if not events[(pk, kind)])
    doubled = sum(1 for n in events.values() if n > 1) + sum(1 for n in audits.values() if n > 1)
    renditions = Counter(
        Rendition.objects.filter(message_id__in=ids).values_list("status", flat=True)
    )
    lags.sort()
    return {
        "messages": len(ids),
        "published": published,
        "unpublished": unpublished,
        "lost": lost,
        "doubled": doubled,
        "renditions": dict(renditions),
        "renditions_ready": renditions.get(Rendition.Status.READY, 0),
        "lag_p50_s": round(statistics.median(lags), 3) if lags else None,
        "lag_p99_s": round(lags[min(len(lags) - 1, round(0.99 * (len(lags) - 1)))], 3)
        if lags
        else None,
        "lag_max_s": round(lags[-1], 3) if lags else None,
    }


def worker_restarts() -> tuple[int, int]:
    from django.db.models import Sum

    from core.models import ProcessHeartbeat

    def total(kind: str) -> int:
        rows = ProcessHeartbeat.objects.filter(kind=kind)
        return rows.aggregate(n=Sum("restarts"))["n"] or 0

    return total(ProcessHeartbeat.Kind.WORKER), total(ProcessHeartbeat.Kind.BEAT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--every", type=float, default=4.0, help="seconds between new messages")
    parser.add_argument("--lead", type=float, default=5.0, help="seconds until a message is due")
    parser.add_argument("--live", type=float, default=30.0, help="seconds a message stays live")
    parser.add_argument("--health-every", type=float, default=3.0)
    parser.add_argument("--kill-every", type=float, default=0.0, help="SIGKILL the worker")
    parser.add_argument("--grace", type=float, default=120.0, help="wait for the last ones")
    parser.add_argument("--port", type=int, default=0, help="default: a spare one")
    parser.add_argument("--keep", action="store_true", help="keep the VAR_DIR and its logs")
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="soak-", dir="/tmp"))
    port = args.port or free_port()
    env = {k: v for k, v in os.environ.items() if k not in DROPPED}
    env.update(VAR_DIR=str(var_dir), PYTHONUNBUFFERED="1", PATH=f"{BIN}:{env.get('PATH', '')}")
    env.setdefault("DEMO_PASSWORD", "soak-demo-password")
    # This process reads and writes the same database as the stack, with the same settings.
    for key in DROPPED:
        os.environ.pop(key, None)
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(ROOT))
    log(f"soak: {args.minutes} min, VAR_DIR={var_dir}, port {port}")

    stack = Stack(var_dir, port, env)
    poller = killer = None
    driver = None
    result: dict = {}
    deaths_log = deaths_hb = beat_restarts = 0
    try:
        stack.wait_healthy(300)
        log(f"stack up: {stack.ctl('status')!r}")
        import django

        django.setup()
        driver = Driver(args.lead, args.live)
        poller = HealthPoller(f"{stack.base}/healthz", args.health_every)
        poller.start()
        if args.kill_every > 0:
            killer = Killer(stack, args.kill_every)
            killer.start()
        started = time.monotonic()
        end = started + args.minutes * 60
        n = 0
        next_report = started + 60
        while time.monotonic() < end:
            if stack.popen.poll() is not None:
                log("manage.py supervise exited during the soak")
                break
            n += 1
            driver.make_one(n)
            if time.monotonic() >= next_report:
                next_report += 60
                interim = count(driver.ids)
                log(
                    f"{(time.monotonic() - started) / 60:.0f} min: made={len(driver.ids)} "
                    f"published={interim['published']} unpublished={interim['unpublished']} "
                    f"ready={interim['renditions_ready']} healthz={dict(poller.statuses)}"
                )
            time.sleep(max(0.0, args.every - (time.monotonic() - started) % args.every))
        if killer is not None:
            killer.stopping.set()
            killer.join()
        # Wait for the last messages to come down (and their cards to be drawn).
        deadline = time.monotonic() + args.lead + args.live + args.grace
        while time.monotonic() < deadline:
            result = count(driver.ids)
            pending = sum(v for k, v in result["renditions"].items() if k != "ready")
            if result["unpublished"] == len(driver.ids) and not pending:
                break
            time.sleep(2)
        poller.stopping.set()
        poller.join()
        result = count(driver.ids)
        deaths_hb, beat_restarts = worker_restarts()
    finally:
        if poller is not None:
            poller.stopping.set()
        if killer is not None:
            killer.stopping.set()
        code = stack.stop()
    lines = stack.supervisor_lines()
    deaths_log = lines.count("exited: worker")
    worker_deaths = max(deaths_log, deaths_hb)
    summary = {
        **result,
        "create_errors": dict(driver.errors) if driver else {},
        "kills": killer.kills if killer else 0,
        "worker_exits_logged": deaths_log,
        "worker_restarts_heartbeat": deaths_hb,
        "beat_exits_logged": lines.count("exited: beat"),
        "beat_restarts_heartbeat": beat_restarts,
        "web_exits_logged": lines.count("exited: web"),
        "redis_exits_logged": lines.count("exited: redis"),
        "healthz": dict(poller.statuses) if poller else {},
        "healthz_failures": poller.failures if poller else [],
        "supervise_exit": code,
    }
    print(json.dumps(summary, indent=1, default=str), flush=True)
    bad = (
        result.get("lost")
        or result.get("doubled")
        or (poller and poller.non200)
        or (worker_deaths and not killer)
    )
    if bad or args.keep:
        print(f"logs kept in {var_dir}", flush=True)
    else:
        shutil.rmtree(var_dir, ignore_errors=True)
    print(
        f"worker_deaths={worker_deaths} lost={result.get('lost', '-')} "
        f"doubled={result.get('doubled', '-')} healthz_non200={poller.non200 if poller else '-'} "
        f"renditions_ready={result.get('renditions_ready', '-')} "
        f"published={result.get('published', '-')} unpublished={result.get('unpublished', '-')} "
        f"minutes={args.minutes:g}",
        flush=True,
    )


if __name__ == "__main__":
    main()
