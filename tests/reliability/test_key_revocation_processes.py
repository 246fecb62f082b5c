"""A key revoked in one process is refused by a gunicorn worker, which read it before and
keeps key records for KEY_CACHE_SECONDS (partners.authentication): the first request the worker
gets once that lifetime has passed since the revocation is refused.

No wall-clock race: the worker read the record before the revocation committed, so once
KEY_CACHE_SECONDS have passed here its entry is stale, whatever the machine's load.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import pytest

from partners import services
from partners.authentication import KEY_CACHE_SECONDS
from tests.reliability.process import BIN, Process, child_env, free_port, wait_for

pytestmark = [pytest.mark.process, pytest.mark.django_db(transaction=True)]


def _status(url: str, key: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Api-Key {key}"})  # noqa: S310 - http://127.0.0.1
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our own server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError):
        return 0


def test_a_key_revoked_elsewhere_is_refused_by_a_worker_within_a_second(tmp_path):
    partner = services.create_partner(name="Two processes")
    created = services.create_api_key(partner=partner, scopes=["read:reasons"])
    port = free_port()
    command = [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py", "config.wsgi"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "1"]
    server = Process(command, tmp_path / "gunicorn.log", child_env(SCANNER_PRELOAD="false"))
    url = f"http://127.0.0.1:{port}/api/v1/reasons/"
    try:
        wait_for(lambda: _status(url, created.key) == 200, 60, "the key served", server)
        assert _status(url, created.key) == 200  # the worker holds the key's record now

        services.revoke_api_key(api_key=created.api_key)  # here: no signal reaches the worker
        time.sleep(KEY_CACHE_SECONDS)  # the worker's entry, read before, is now past its lifetime
        refused = _status(url, created.key)
    finally:
        server.stop()

    assert refused == 401, (refused, server.output()[-3000:])
    # "Within a second": the lifetime the worker keeps a key record.
    assert KEY_CACHE_SECONDS <= 1.0
