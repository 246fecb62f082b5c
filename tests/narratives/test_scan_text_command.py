import io
import json
import os
import subprocess
import sys

import pytest

from tests.reliability.process import ROOT


def run(text: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "scan_text", *args],
        input=text.encode(),
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test"},
    )


def test_scan_text_prints_code_point_offsets_as_json():
    text = "🙂 Muhammed al Britani met me in Smallville."
    result = run(text, "--json", "--known", "Mohammed al-Britani", "--known", "Smallville")
    assert result.returncode == 0, result.stderr.decode()
    findings = json.loads(result.stdout)
    assert [(f["category"], f["text"]) for f in findings] == [
        ("person", "Muhammed al Britani"),
        ("place", "Smallville"),  # "in Smallville": a place from its context
    ]
    for f in findings:
        assert text[f["start"] : f["end"]] == f["text"]  # code points, end exclusive


def test_scan_text_refuses_non_utf8_input():
    result = subprocess.run(
        [sys.executable, "manage.py", "scan_text", "--json"],
        input=b"\xff\xfe\x00bad",
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test"},
    )
    assert result.returncode != 0
    assert b"not valid UTF-8" in result.stderr


@pytest.mark.django_db
def test_scan_text_can_check_against_the_vault(monkeypatch):
    from django.core.management import call_command

    from tests.factories import SourceRecordFactory

    SourceRecordFactory(home_town="Ouled Haffouz")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Back in Ouled Haffouz.")))
    out = io.StringIO()
    call_command("scan_text", "--json", "--vault", stdout=out)
    assert json.loads(out.getvalue())[0]["text"] == "Ouled Haffouz"
