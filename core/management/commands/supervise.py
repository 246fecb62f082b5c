"""Run `make run`'s processes under supervisord (config/supervisord.conf), in the foreground."""

from __future__ import annotations

import fcntl
import os
import pwd
import signal
import stat
import subprocess  # nosec B404 - starts our own supervisord and supervisorctl only
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

CONFIG = Path(settings.BASE_DIR) / "config" / "supervisord.conf"


class Command(BaseCommand):
    help = (
        "Start the embedded Redis (without REDIS_URL), then the web server, a Celery worker "
        "and beat under supervisord; whichever dies is started again; Ctrl-C stops them all."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--seed-demo",
            action="store_true",
            help="seed the demo data (and print the banner) once the broker answers",
        )

    def handle(self, *args: Any, port: int, seed_demo: bool, **options: Any) -> None:
        bin_dir = Path(sys.executable).parent
        env = {
            **os.environ,
            "APP_DIR": str(settings.BASE_DIR),
            "VAR_DIR": str(settings.VAR_DIR),
            "BIN_DIR": str(bin_dir),
            "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
            "PORT": str(port),
            "USER_NAME": pwd.getpwuid(os.getuid()).pw_name,
            "EMBEDDED_REDIS": "true" if settings.EMBEDDED_REDIS else "false",
            "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
            "WORKER_CONCURRENCY": os.environ.get("WORKER_CONCURRENCY", "2"),
        }
        for fd in (1, 2):
            _append_if_file(fd)
        config = ["--configuration", str(CONFIG)]
        supervisord = subprocess.Popen([str(bin_dir / "supervisord"), *config], env=env)  # noqa: S603  # nosec B603
        # Ctrl-C reaches supervisord too (same process group); SIGTERM is passed on.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, lambda *_: supervisord.send_signal(signal.SIGTERM))
        try:
            if settings.EMBEDDED_REDIS:
                self._wait_for_broker(supervisord)
            if seed_demo:
                call_command("seed_demo")
                call_command("demo_banner", port=port)
            ctl = [str(bin_dir / "supervisorctl"), *config, "start"]
            if supervisord.poll() is None:
                subprocess.run(  # noqa: S603  # nosec B603 - our own supervisorctl and config
                    [*ctl, "web", "worker"], env=env, check=False, stdout=subprocess.DEVNULL
                )
                # Beat only once a worker consumes: wake-ups sent before would lapse in the
                # queue and be discarded, one log line each, when the worker came up.
                self._wait_for_worker(supervisord)
            if supervisord.poll() is None:
                subprocess.run(  # noqa: S603  # nosec B603 - our own supervisorctl and config
                    [*ctl, "beat"], env=env, check=False, stdout=subprocess.DEVNULL
                )
        except BaseException:
            supervisord.send_signal(signal.SIGTERM)
            supervisord.wait()
            raise
        sys.exit(supervisord.wait())

    def _wait_for_worker(self, supervisord: subprocess.Popen) -> None:
        """Wait until a worker answers a ping (or the timeout: beat starts anyway, and the
        lapsed wake-ups are only DEBUG lines, see core.logfilters)."""
        deadline = time.monotonic() + WORKER_START_TIMEOUT
        while time.monotonic() < deadline and supervisord.poll() is None:
            if _worker_answers():
                return
            time.sleep(0.5)
        self.stderr.write("No worker answered yet; starting beat anyway.")

    def _wait_for_broker(self, supervisord: subprocess.Popen) -> None:
        from config.celery import app

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and supervisord.poll() is None:
            try:
                with app.connection_for_write() as conn:
                    conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
                return
            except Exception:  # not listening yet
                time.sleep(0.2)
        raise CommandError("the embedded Redis did not start; see its lines above")


WORKER_START_TIMEOUT = 90.0


def _worker_answers() -> bool:
    from config.celery import app

    try:
        return bool(app.control.ping(timeout=1.0))
    except Exception:  # the broker is not answering yet
        return False


def _append_if_file(fd: int) -> None:
    """Children write to /dev/stdout, which reopens a regular file at offset 0: make every
    writer append, so output redirected to a file is not overwritten."""
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_APPEND)
    except OSError:
        pass
