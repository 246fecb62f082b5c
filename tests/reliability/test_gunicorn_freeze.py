"""Gunicorn's workers start with the arbiter's start-up data frozen (gunicorn.conf.py's
pre_fork): Django and the app loaded with --preload, and the leak scanner's gazetteer with
SCANNER_PRELOAD, are out of the way of the workers' full collections."""

from __future__ import annotations

import re

import pytest

from tests.reliability.process import BIN, Process, child_env, free_port, wait_for

pytestmark = pytest.mark.process

FROZEN_RE = re.compile(
    r"worker (\d+): (\d+) start-up objects frozen, collector thresholds \(700, 10, 100\)"
)


def _frozen(server: Process) -> list[tuple[int, int]]:
    return [(int(pid), int(n)) for pid, n in FROZEN_RE.findall(server.output())]


@pytest.mark.django_db
def test_workers_start_with_the_preloaded_app_frozen(tmp_path):
    command = [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py", "config.wsgi"]
    command += ["--preload", "--bind", f"127.0.0.1:{free_port()}", "--workers", "2"]
    server = Process(command, tmp_path / "gunicorn.log", child_env(SCANNER_PRELOAD="false"))
    try:
        workers = wait_for(
            lambda: len(_frozen(server)) == 2 and _frozen(server), 60, "two workers", server
        )
    finally:
        server.stop()

    # Django, DRF and the app: far more than a bare interpreter's few thousand objects.
    assert all(frozen > 50_000 for _, frozen in workers), workers
