"""Schemathesis' own command line against a live server: every check, every phase (examples,
coverage, fuzzing and the stateful links), with a real API key over a seeded world. Any
failure of any kind fails the test, not only server errors.

The run is seeded and deterministic so a failure reproduces; its output (the failures, the
curl lines to replay them) is printed when it fails.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess  # nosec B404 - the test runs schemathesis' CLI with a fixed argv
import sys
import time
from pathlib import Path

import pytest
from django.utils import timezone

from campaigns.models import Message
from narratives.models import Reason
from partners import selectors, services, tasks
from tests.api.conftest import make_message

pytestmark = pytest.mark.django_db(transaction=True)

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
HOOKS = Path(__file__).with_name("schemathesis_hooks.py")
MAX_EXAMPLES = 30
SEED = 14
# a guard against a hung run, not a speed goal (speed goals live in bench/; a busy 2-core
# machine took 227 s)
HANG_GUARD_SECONDS = 900


@pytest.fixture
def live_api(reasons, world, make_key, settings, live_server, tmp_path, monkeypatch):
    """The live server's URL, a key, and the world file the hooks read (what a schema cannot
    say: the reason codes, and the messages published to the key with their first day)."""
    settings.API_RATE = "1000000/min"
    settings.API_CHANGES_SETTLE_SECONDS = 0
    # The key's partner has a webhook, so test events are queued (202), not refused (409);
    # the live server runs in this process: record the tasks instead of queueing them.
    queued = []
    monkeypatch.setattr(tasks.deliver_webhook, "delay", queued.append)
    # Long published, so a batch of up to 100 reports has as many (message, day) pairs.
    make_message(
        world.campaign, world.excerpts[:1], publish_at=timezone.now() - dt.timedelta(days=120)
    )
    key = make_key()
    services.set_webhook(partner=make_key.last.partner, url="http://127.0.0.1:9/hooks/cms")
    audience = selectors.Audience.for_key(make_key.last)
    published = [
        message
        for message in Message.objects.filter(publish_at__lte=timezone.now()).order_by("pk")
        if selectors.visible_message(audience=audience, public_id=message.public_id)
    ]
    described = {
        "base_url": live_server.url,
        "key": key,
        "reasons": sorted(Reason.objects.values_list("code", flat=True)),
        "messages": [
            {
                "id": m.public_id,
                "first_day": (m.publish_at.date() - dt.timedelta(days=1)).isoformat(),
            }
            for m in published
        ],
    }
    world_file = tmp_path / "world.json"
    world_file.write_text(json.dumps(described), encoding="utf-8")
    return live_server.url, key, world_file


def test_schemathesis_every_check_every_phase_finds_nothing(live_api, tmp_path):
    url, key, world_file = live_api
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
        timeout=HANG_GUARD_SECONDS,
        cwd=tmp_path,
        env={
            **os.environ,
            "SCHEMATHESIS_HOOKS": str(HOOKS),
            "CMS_SCHEMATHESIS_WORLD": str(world_file),
        },
        check=False,
    )
    elapsed = time.monotonic() - started
    output = run.stdout + run.stderr
    print(output)
    print(f"schemathesis took {elapsed:.0f} s")
    assert run.returncode == 0, "schemathesis found failures: see its output above"
    # Every generated case passed: no failure, no error, none flaky. (Warnings, such as a
    # link that found an empty page, are reported above but are no failure.)
    counts = re.search(r"(\d+) generated, (\d+) passed(?:, (\d+) skipped)?\n", output)
    assert counts, "no summary of test cases in schemathesis' output"
    generated, passed = int(counts[1]), int(counts[2])
    assert generated == passed > 1000
    for word in ("Failures:", "Errors:", "failed", "errored", "flaky"):
        assert word not in output.split("SUMMARY", 1)[-1], word
