"""`make run` on the embedded defaults: supervisord starts the embedded Redis, web, worker and
beat; a killed worker or beat comes back while the web server stays up; Ctrl-C stops all."""

from __future__ import annotations

import json
import os
import signal
import urllib.error
import urllib.request

import pytest

from tests.reliability.process import (
    SupervisedStack,
    embedded_env,
    free_port,
    prepare_embedded,
    wait_for,
)

pytestmark = pytest.mark.process


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return 0, b""


def _health(stack: SupervisedStack) -> dict:
    status, body = _get(f"{stack.base}/healthz")
    return json.loads(body) if status in (200, 503) and body else {}


@pytest.fixture
def stack(tmp_path):
    env = embedded_env(
        tmp_path / "var", HEARTBEAT_INTERVAL="1", DEMO_PASSWORD="demo-password-for-tests"
    )
    prepare_embedded(env)
    stack = SupervisedStack(tmp_path, free_port(), env)
    try:
        wait_for(
            lambda: _get(f"{stack.base}/healthz")[0] == 200, 120, "/healthz 200", stack.process
        )
        yield stack
    finally:
        stack.process.stop(timeout=60)


def test_make_run_serves_admin_and_healthy_healthz_then_stops_on_ctrl_c(stack):
    report = _health(stack)
    assert report["worker"]["ok"] and report["beat"]["ok"]
    assert report["broker"]["transport"] == "redis"
    status, body = _get(f"{stack.base}/admin/login/")
    assert status == 200
    assert b"Counter-messaging" in body
    # Static files are served by the web process itself (whitenoise).
    assert _get(f"{stack.base}/static/admin/css/base.css")[0] == 200
    stack.process.signal(signal.SIGINT)
    stack.process.popen.wait(60)
    output = stack.process.output()
    for name in ("web", "worker", "beat", "redis"):
        assert f"stopped: {name} (exit status 0)" in output, output[-3000:]


def test_a_killed_worker_and_beat_are_restarted_while_the_web_server_stays_up(stack):
    web_pid = stack.pid("web")
    worker_pid, beat_pid = stack.pid("worker"), stack.pid("beat")
    assert web_pid and worker_pid and beat_pid, stack.ctl("status")
    os.kill(worker_pid, signal.SIGKILL)
    os.kill(beat_pid, signal.SIGKILL)

    def restarted() -> dict | None:
        report = _health(stack)
        worker, beat = report.get("worker", {}), report.get("beat", {})
        if worker.get("restarts") == 1 and beat.get("restarts") == 1 and report["status"] == "ok":
            return report
        return None

    report = wait_for(restarted, 120, "/healthz to show both restarts", stack.process)
    assert report["worker"]["last_restart_at"] and report["beat"]["last_restart_at"]
    assert stack.pid("worker") not in (0, worker_pid)
    assert stack.pid("beat") not in (0, beat_pid)
    assert stack.pid("web") == web_pid  # never stopped: it answered /healthz throughout
    output = stack.process.output()
    assert "exited: worker (terminated by SIGKILL; not expected)" in output
    assert "exited: beat (terminated by SIGKILL; not expected)" in output
