"""`make run`'s Procfile on the embedded defaults: all three processes start and stop together."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import urllib.error
import urllib.request

import pytest

from tests.reliability.process import BIN, ROOT, Process, wait_for

pytestmark = pytest.mark.process


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return 0, b""


def test_procfile_serves_admin_and_healthy_healthz_then_stops_on_ctrl_c(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "CACHE_KEY_PREFIX"}
    }
    env.update(
        VAR_DIR=str(tmp_path / "var"),
        HEARTBEAT_INTERVAL="1",
        DEMO_PASSWORD="demo-password-for-tests",
        PATH=f"{BIN}:{env['PATH']}",
    )
    for command in (
        ["manage.py", "migrate", "--noinput", "-v0"],
        ["manage.py", "seed_demo"],
        ["manage.py", "collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run([str(BIN / "python"), *command], cwd=ROOT, env=env, check=True)
    port = _free_port()
    honcho = Process(
        [str(BIN / "honcho"), "start", "--procfile", "Procfile", "--port", str(port)],
        tmp_path / "honcho.log",
        env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _get(f"{base}/healthz")[0] == 200, 90, "/healthz 200", honcho)
        status, body = _get(f"{base}/healthz")
        report = json.loads(body)
        assert report["worker"]["ok"] and report["beat"]["ok"]
        status, body = _get(f"{base}/admin/login/")
        assert status == 200
        assert b"Counter-messaging" in body
        # Static files are served by the web process itself (whitenoise).
        assert _get(f"{base}/static/admin/css/base.css")[0] == 200
        honcho.signal(signal.SIGINT)
        honcho.popen.wait(30)
    finally:
        honcho.stop()
    output = honcho.output()
    for name in ("web.1", "worker.1", "beat.1"):
        assert f"{name} stopped" in output, output[-3000:]
