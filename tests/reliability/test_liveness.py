"""`manage.py liveness worker|beat` against real Celery processes, run as a supervisor runs it."""

from __future__ import annotations

import os
import signal
import subprocess

import pytest

from config.celery import app as celery_app
from core.models import ProcessHeartbeat
from tests.reliability.process import BIN, ROOT, celery_beat, celery_worker, child_env, wait_for

pytestmark = [pytest.mark.process, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def clean_slate():
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_declare("celery", durable=True)
        conn.default_channel.queue_purge("celery")


def liveness(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "python"), "manage.py", "liveness", *args],
        cwd=ROOT,
        env=child_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_running_worker_is_alive_and_a_killed_one_is_not(tmp_path):
    # No beat: the worker's heartbeat never comes, so the check has to ping it.
    worker = celery_worker(tmp_path)
    try:
        row = wait_for(
            lambda: ProcessHeartbeat.objects.filter(kind="worker").first(), 60, "start", worker
        )
        name = row.name
        wait_for(lambda: " ready." in worker.output(), 60, "the worker to be ready", worker)
        alive = liveness("worker", "--name", name, HEARTBEAT_STALE_AFTER="0.001")
        assert alive.returncode == 0, alive.stderr
        assert "answers a ping" in alive.stdout
        os.killpg(worker.popen.pid, signal.SIGKILL)
        worker.popen.wait(10)
        dead = liveness("worker", "--name", name, "--timeout", "2", HEARTBEAT_STALE_AFTER="0.001")
        assert dead.returncode == 1
        assert "no answer to a ping" in dead.stderr
    finally:
        worker.stop()


def test_beat_is_alive_while_it_ticks_and_dead_once_stopped(tmp_path):
    beat = celery_beat(tmp_path, HEARTBEAT_INTERVAL="1")
    try:
        wait_for(lambda: ProcessHeartbeat.objects.filter(kind="beat").exists(), 60, "a tick", beat)
        alive = liveness("beat", HEARTBEAT_INTERVAL="1")
        assert alive.returncode == 0, alive.stderr
        os.killpg(beat.popen.pid, signal.SIGKILL)
        beat.popen.wait(10)
        dead = wait_for(
            lambda: (r := liveness("beat", HEARTBEAT_INTERVAL="1")).returncode == 1 and r,
            30,
            "the tick to go stale",
        )
        assert "stale" in dead.stderr
    finally:
        beat.stop()
