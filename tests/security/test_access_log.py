"""Search terms typed into the admin and review search boxes never reach a log line.

The web process is started exactly as `make run`'s supervisord starts it; its access log keeps the path
of each request but neither the query string nor the referrer. In-process, the searches
themselves log nothing that names the term.
"""

from __future__ import annotations

import configparser
import logging
import re
import shlex
import urllib.error
import urllib.request

import pytest

from tests.reliability.process import BIN, ROOT, Process, child_env, free_port, wait_for

TERM = "ZQXSEARCHEDNAME"


def _supervised_web_command(**values: str) -> list[str]:
    """The web program's command line from config/supervisord.conf, its %(ENV_*)s filled in."""
    config = configparser.RawConfigParser()
    config.read(ROOT / "config" / "supervisord.conf")
    command = config["program:web"]["command"]
    command = re.sub(r"%\(ENV_(\w+)\)s", lambda m: values[m.group(1)], command)
    return shlex.split(command.replace("%%", "%"))


def _get(url: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback only

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:  # not listening yet
        return 0


@pytest.mark.process
def test_the_supervised_web_process_logs_no_query_string_or_referrer(transactional_db, tmp_path):
    port = free_port()
    env = child_env(PORT=str(port), WEB_CONCURRENCY="1", PATH=f"{BIN}:{child_env()['PATH']}")
    command = _supervised_web_command(
        BIN_DIR=str(BIN), APP_DIR=str(ROOT), PORT=str(port), WEB_CONCURRENCY="1"
    )
    web = Process(command, tmp_path / "web.log", env)
    base = f"http://127.0.0.1:{port}"
    paths = [
        f"/admin/narratives/excerpt/?q={TERM}",
        f"/review/?q={TERM}&status=draft",
        f"/review/messages/?q={TERM}",
        f"/admin/campaigns/message/?q={TERM}%20al-Masri",
        f"/api/v1/excerpts/?q={TERM}",
    ]
    try:
        wait_for(lambda: _get(f"{base}/healthz", {}) in (200, 503), 60, "the web process", web)
        for path in paths:
            _get(base + path, {"Referer": f"{base}/admin/narratives/excerpt/?q={TERM}-ref"})
        wait_for(lambda: "/api/v1/excerpts/" in web.output(), 20, "the access log lines", web)
    finally:
        web.stop()
    output = web.output()
    access = [line for line in output.splitlines() if '"GET /' in line]
    assert len(access) >= len(paths), output[-3000:]
    assert any(re.search(r'"GET /admin/narratives/excerpt/ HTTP/1\.[01]" 302', a) for a in access)
    assert TERM not in output, output[-3000:]
    assert "?q=" not in output


@pytest.mark.django_db
def test_admin_and_review_searches_log_nothing_of_the_term(client, editor, analyst, caplog):
    caplog.set_level(logging.DEBUG)
    client.force_login(editor)
    for url in (
        "/admin/narratives/excerpt/",
        "/admin/campaigns/message/",
        "/admin/campaigns/campaign/",
    ):
        assert client.get(url, {"q": TERM}).status_code == 200
    client.force_login(analyst)
    for url in ("/review/", "/review/messages/"):
        assert client.get(url, {"q": TERM}).status_code == 200
    assert TERM not in caplog.text
    for record in caplog.records:
        assert TERM not in repr(record.__dict__)
