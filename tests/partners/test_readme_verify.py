"""The README's webhook verify() example works as a partner would paste it: header names in
any case (HTTP/2 and most frameworks lower-case them), a wrong body or an old timestamp
refused (issue 14 #13)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from partners import webhooks

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_verify():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)
    (source,) = [block for block in blocks if "def verify(" in block]
    namespace: dict = {}
    exec(compile(source, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    return namespace["verify"]


@pytest.mark.parametrize("case", [str, str.lower, str.upper])
def test_the_readme_verify_accepts_a_signed_body_whatever_the_header_case(case):
    verify = _readme_verify()
    body, timestamp = b'{"event": "message.published"}', str(int(time.time()))
    headers = {
        case(webhooks.TIMESTAMP_HEADER): timestamp,
        case(webhooks.SIGNATURE_HEADER): webhooks.sign("s3cret", timestamp, body),
    }
    assert verify("s3cret", headers, body)
    assert not verify("s3cret", headers, body + b" ")
    assert not verify("other", headers, body)


def test_the_readme_verify_refuses_an_old_timestamp():
    verify = _readme_verify()
    body, timestamp = b"{}", str(int(time.time()) - 3600)
    headers = {
        webhooks.TIMESTAMP_HEADER: timestamp,
        webhooks.SIGNATURE_HEADER: webhooks.sign("s3cret", timestamp, body),
    }
    assert not verify("s3cret", headers, body)
