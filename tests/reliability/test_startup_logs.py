"""`make run` starts without false alarms: no ERROR line for the /healthz probes answered
503 while the worker comes up, and no "Discarding revoked task" lines (beat starts only
once a worker consumes, so no wake-up lapses in the queue)."""

from __future__ import annotations

import re
import time

import pytest

from tests.reliability.test_make_run import _get, stack  # noqa: F401 - the fixture

pytestmark = pytest.mark.process


def test_start_up_logs_hold_no_false_errors(stack):  # noqa: F811 - the fixture
    time.sleep(3)  # a few beat wake-ups, consumed
    assert _get(f"{stack.base}/healthz")[0] == 200
    output = stack.process.output()
    assert "Discarding revoked task" not in output, output[-3000:]
    errors = [line for line in output.splitlines() if re.search(r"\bERROR\b", line)]
    assert errors == [], "\n".join(errors[-20:])
