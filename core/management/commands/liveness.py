"""Is this process alive? Exit 0 if so, 1 if not: for a supervisor's liveness check.

    manage.py liveness web [--port 8000]    /healthz on this machine answers at all
    manage.py liveness worker [--name N]    this worker's heartbeat is fresh, or it answers a ping
    manage.py liveness beat                 beat's tick is fresh

Each check asks only about its own process, so a dependency that is down does not have every
process restarted in a loop: the web server answering 503 (the database or Redis is down) is
alive, and a worker whose heartbeat is stale because beat stopped sending heartbeats is still
alive if it answers a ping through the broker. It prints one line saying why, and nothing
from the database or the vault.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

# /healthz answers 503 with a JSON report when a dependency is down: the process is alive.
ANSWERING = {200, 503}


def default_worker_name() -> str:
    """The name `make run` and deploy/systemd give the worker: ``worker@%h``."""
    return f"worker@{socket.gethostname()}"


def _host_header(port: int) -> str:
    """A name the web server accepts (ALLOWED_HOSTS): in production 127.0.0.1 is not one."""
    for host in settings.ALLOWED_HOSTS:
        host = host.lstrip(".")
        if host and host != "*":
            return host
    return f"127.0.0.1:{port}"


def check_web(port: int, timeout: float) -> tuple[bool, str]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz", headers={"Host": _host_header(port)}
    )
    try:
        # A fixed http://127.0.0.1 URL: no other scheme can reach this call.
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310  # nosec B310
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as exc:
        return False, f"web: no answer on port {port} ({type(exc).__name__})"
    if status in ANSWERING:
        return True, f"web: /healthz answered {status}"
    return False, f"web: /healthz answered {status}"


def _heartbeat_age(kind: str, name: str | None) -> tuple[float | None, str | None]:
    from django.db import DatabaseError

    from core.heartbeat import seconds_since_heartbeat

    try:
        return seconds_since_heartbeat(kind, name), None
    except DatabaseError as exc:
        return None, type(exc).__name__


def _ping(name: str, timeout: float) -> bool:
    from config.celery import app

    try:
        replies = app.control.ping(destination=[name], timeout=timeout)
    except Exception:  # the broker is down: no answer
        return False
    return any(name in reply for reply in replies or [])


def check_worker(name: str, timeout: float) -> tuple[bool, str]:
    from core.heartbeat import Kind

    stale_after = settings.HEARTBEAT_STALE_AFTER
    age, error = _heartbeat_age(Kind.WORKER, name)
    if age is not None and age <= stale_after:
        return True, f"worker {name}: heartbeat {age:.1f}s old"
    why = error or ("no heartbeat" if age is None else f"heartbeat {age:.1f}s old")
    if _ping(name, timeout):
        return True, f"worker {name}: {why}, but it answers a ping"
    return False, f"worker {name}: {why}, and no answer to a ping"


def check_beat(name: str | None) -> tuple[bool, str]:
    from core.heartbeat import Kind, beat_name

    name = name or beat_name()
    stale_after = settings.HEARTBEAT_STALE_AFTER
    age, error = _heartbeat_age(Kind.BEAT, name)
    if age is not None and age <= stale_after:
        return True, f"beat {name}: tick {age:.1f}s old"
    if error:
        return False, f"beat {name}: cannot read its tick ({error})"
    if age is None:
        return False, f"beat {name}: no tick recorded"
    return False, f"beat {name}: tick {age:.1f}s old (stale after {stale_after:g}s)"


class Command(BaseCommand):
    help = "Exit 0 if the web server, this worker or beat is alive, 1 if not."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("process", choices=["web", "worker", "beat"])
        parser.add_argument("--port", type=int, default=8000, help="web: the local port")
        parser.add_argument(
            "--name",
            help="worker: its Celery hostname (default worker@<this host>); "
            "beat: its name (default beat@<this host>)",
        )
        parser.add_argument("--timeout", type=float, default=5.0)

    def handle(
        self, *args: Any, process: str, port: int, name: str | None, timeout: float, **options: Any
    ) -> None:
        if process == "web":
            alive, why = check_web(port, timeout)
        elif process == "worker":
            alive, why = check_worker(name or default_worker_name(), timeout)
        else:
            alive, why = check_beat(name)
        (self.stdout if alive else self.stderr).write(why)
        if not alive:
            raise SystemExit(1)
