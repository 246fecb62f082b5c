"""Schemathesis' own command line against a live server: every check, every phase (examples,
coverage, fuzzing and the stateful links), with a real API key over a seeded world. Any
failure of any kind fails the test, not only server errors.

The run is seeded and deterministic so a failure reproduces; its output (the failures, the
curl lines to replay them) is printed when it fails.
"""

from __future__ import annotations

import subprocess  # nosec B404 - the test runs schemathesis' CLI with a fixed argv
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
MAX_EXAMPLES = 30
SEED = 14
TIME_LIMIT_SECONDS = 180


@pytest.fixture
def live_api(world, make_key, settings, live_server):
    settings.API_RATE = "1000000/min"
    settings.API_CHANGES_SETTLE_SECONDS = 0
    return live_server.url, make_key()


# Open (see the issue 14 report): POST /metrics/ and /metrics/batch/ need a schemathesis hook
# that names messages published to the key (a schema cannot say which ids exist), and under
# SQLite in memory the live server's thread answers some requests 503 (table locked); on
# PostgreSQL (CI) that part does not arise. Remove the mark when it passes.
@pytest.mark.xfail(strict=True, reason="issue 14: metrics ids need a data hook; see comment")
def test_schemathesis_every_check_every_phase_finds_nothing(live_api, tmp_path):
    url, key = live_api
    argv = [
        str(SCHEMATHESIS),
        "run",
        f"{url}/api/schema/?format=json",
        "--url",
        url,
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--mode",
        "all",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        "--generation-deterministic",
        "--workers",
        "1",
        "--header",
        f"Authorization: Api-Key {key}",
        "--request-timeout",
        "30",
        "--continue-on-failure",
        "--no-color",
        "--output-sanitize",
        "true",
    ]
    started = time.monotonic()
    run = subprocess.run(  # nosec B603 - fixed argv, no shell
        argv,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT_SECONDS * 2,
        cwd=tmp_path,
        check=False,
    )
    elapsed = time.monotonic() - started
    output = run.stdout + run.stderr
    print(output)
    print(f"schemathesis took {elapsed:.0f} s")
    assert run.returncode == 0, "schemathesis found failures: see its output above"
    assert "No issues found" in output
    assert elapsed < TIME_LIMIT_SECONDS
