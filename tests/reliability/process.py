"""Start real processes (Celery workers, beat, servers) for tests, and clean them up."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def database_url_for_tests() -> str:
    """Return a DATABASE_URL that points a child process at the test database."""
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    auth = quote(s["USER"] or "")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"])
    host = s["HOST"] or "127.0.0.1"
    port = s["PORT"] or 5432
    return f"postgres://{auth}@{host}:{port}/{s['NAME']}"


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings_test"
    env["DATABASE_URL"] = database_url_for_tests()
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


class Process:
    """A child process whose output goes to a log file, shown when a test fails."""

    def __init__(self, args: list[str], log_path: Path, env: dict[str, str]) -> None:
        self.log_path = log_path
        self._log = open(log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.popen = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")

    def signal(self, sig: int) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, sig)

    def stop(self, timeout: float = 20) -> int | None:
        if self.popen.poll() is None:
            self.signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.signal(signal.SIGKILL)
                self.popen.wait(5)
        self._log.close()
        return self.popen.returncode


def celery_worker(tmp_path: Path, name: str = "w1", **env: str) -> Process:
    return Process(
        [
            str(BIN / "celery"),
            "-A",
            "config",
            "worker",
            "--loglevel",
            "INFO",
            "--concurrency",
            "1",
            "--hostname",
            f"{name}@%h",
            "--without-gossip",
            "--without-mingle",
        ],
        tmp_path / f"{name}.log",
        child_env(**env),
    )


def celery_beat(tmp_path: Path, name: str = "beat", **env: str) -> Process:
    return Process(
        [
            str(BIN / "celery"),
            "-A",
            "config",
            "beat",
            "--loglevel",
            "INFO",
            "--schedule",
            str(tmp_path / f"{name}-schedule"),
        ],
        tmp_path / f"{name}.log",
        child_env(**env),
    )


def wait_for(condition: Callable[[], object], timeout: float, what: str, *processes: Process):
    """Poll ``condition`` until it returns something truthy; fail with the processes' logs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        for process in processes:
            if process.popen.poll() is not None:
                raise AssertionError(f"process exited early:\n{process.output()[-4000:]}")
        time.sleep(0.2)
    logs = "\n".join(f"--- {p.log_path.name}\n{p.output()[-4000:]}" for p in processes)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}\n{logs}")


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayRedis:
    """A private Redis on a spare port, for tests that stop and restart the broker.

    It is the Valkey server the embedded default runs (pinned, installed with the
    requirements), so a fresh machine needs no redis-server of its own."""

    def __init__(self, tmp_path: Path) -> None:
        from core.embedded_redis import server_binary

        self.binary = server_binary()
        self.port = free_port()
        self.tmp_path = tmp_path
        self.process: Process | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.starts += 1
        self.process = Process(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.tmp_path),
            ],
            self.tmp_path / f"redis-{self.starts}.log",
            dict(os.environ),
        )
        import redis

        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.5)

        def answers() -> bool:
            try:
                return bool(client.ping())
            except redis.RedisError:
                return False

        wait_for(answers, 15, "redis to answer", self.process)

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
            self.process = None


class SupervisedStack:
    """`make run`'s processes, started the way `make run` starts them (manage.py supervise)."""

    def __init__(self, tmp_path: Path, port: int, env: dict[str, str], seed_demo=True) -> None:
        self.env = env
        seed = ["--seed-demo"] if seed_demo else []
        self.process = Process(
            [str(BIN / "python"), "manage.py", "supervise", *seed, "--port", str(port)],
            tmp_path / "supervise.log",
            env,
        )
        self.base = f"http://127.0.0.1:{port}"

    def ctl(self, *args: str) -> str:
        """Run supervisorctl against this stack's supervisord and return what it printed."""
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


def embedded_env(var_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a fresh `make run`: embedded defaults, a private var/."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "CACHE_KEY_PREFIX"}
    }
    env.update(VAR_DIR=str(var_dir), PATH=f"{BIN}:{env['PATH']}", PYTHONUNBUFFERED="1")
    env.update(extra)
    return env


def prepare_embedded(env: dict[str, str]) -> None:
    """What `make run` does before it starts the processes."""
    for command in (
        ["manage.py", "migrate", "--noinput", "-v0"],
        ["manage.py", "collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run([str(BIN / "python"), *command], cwd=ROOT, env=env, check=True)
