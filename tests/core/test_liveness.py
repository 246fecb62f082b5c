"""`manage.py liveness web|worker|beat`: exit 0 when the process is alive, 1 when not."""

from __future__ import annotations

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.heartbeat import beat_name, record_beat_tick, record_worker_tick
from core.management.commands import liveness
from tests.reliability.process import free_port

pytestmark = pytest.mark.django_db


def run(*args: str) -> int:
    try:
        call_command("liveness", *args)
    except SystemExit as exit_:
        return exit_.code
    return 0


@pytest.fixture
def server():
    """A stand-in web server on a spare port, answering /healthz with ``server.status``."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            httpd.hosts.append(self.headers["Host"])
            self.send_response(httpd.status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.status = 200
    httpd.hosts = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(("status", "code"), [(200, 0), (503, 0), (500, 1), (404, 1)])
def test_web_is_alive_while_healthz_answers_even_503(server, status, code):
    server.status = status  # 503: a dependency is down, restarting the web server won't help
    assert run("web", "--port", str(server.server_address[1])) == code


def test_web_check_names_a_host_the_server_accepts(server, settings):
    port = str(server.server_address[1])
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    assert run("web", "--port", port) == 0
    # In production 127.0.0.1 is not an allowed host: Django would answer 400.
    settings.ALLOWED_HOSTS = [".cms.example.org", "www.example.org"]
    assert run("web", "--port", port) == 0
    assert server.hosts == ["127.0.0.1", "cms.example.org"]


def test_web_is_dead_when_nothing_listens():
    assert run("web", "--port", str(free_port()), "--timeout", "1") == 1


def test_worker_is_alive_with_a_fresh_heartbeat_of_its_own(monkeypatch, settings):
    settings.HEARTBEAT_STALE_AFTER = 40
    monkeypatch.setattr(liveness, "_ping", lambda name, timeout: pytest.fail("no ping needed"))
    record_worker_tick("worker@a")
    assert run("worker", "--name", "worker@a") == 0


def test_another_workers_heartbeat_does_not_keep_this_one_alive(monkeypatch, settings):
    settings.HEARTBEAT_STALE_AFTER = 40
    pinged = []
    monkeypatch.setattr(liveness, "_ping", lambda name, timeout: pinged.append(name) or False)
    record_worker_tick("worker@a", now=timezone.now() - timedelta(seconds=41))
    record_worker_tick("worker@b")
    assert run("worker", "--name", "worker@a") == 1
    assert pinged == ["worker@a"]


def test_a_stale_worker_that_answers_a_ping_is_alive(monkeypatch, settings):
    """Beat stopped sending heartbeats: the worker is fine, only beat needs a restart."""
    settings.HEARTBEAT_STALE_AFTER = 40
    monkeypatch.setattr(liveness, "_ping", lambda name, timeout: name == "worker@a")
    record_worker_tick("worker@a", now=timezone.now() - timedelta(minutes=5))
    assert run("worker", "--name", "worker@a") == 0
    assert run("worker", "--name", "worker@never-seen") == 1


def test_worker_name_defaults_to_the_one_make_run_gives_it(monkeypatch):
    monkeypatch.setattr(liveness.socket, "gethostname", lambda: "box")
    assert liveness.default_worker_name() == "worker@box"


def test_ping_without_an_answer_is_false():
    # No worker by that name consumes from the suite's broker.
    assert liveness._ping("worker@nobody-here", timeout=0.5) is False


def test_beat_is_alive_with_a_fresh_tick_and_dead_without(settings):
    settings.HEARTBEAT_STALE_AFTER = 40
    assert run("beat") == 1  # never ticked
    record_beat_tick(now=timezone.now() - timedelta(seconds=41))
    assert run("beat") == 1
    record_beat_tick()
    assert run("beat") == 0
    assert run("beat", "--name", f"not-{beat_name()}") == 1


def _unit(name: str):
    import configparser

    from django.conf import settings

    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    text = (settings.BASE_DIR / "deploy" / "systemd" / name).read_text()
    parser.read_string(text.replace("\\\n", " "))
    return parser


@pytest.mark.parametrize("process", ["web", "worker", "beat"])
def test_each_systemd_unit_restarts_always_and_has_a_liveness_check(process):
    service = _unit(f"cms-{process}.service")
    assert service["Service"]["Restart"] == "always"
    assert service["Unit"]["StartLimitIntervalSec"] == "0"  # never gives up
    assert service["Install"]["WantedBy"] == "cms.target"
    target = _unit("cms.target")["Unit"]["Wants"]
    assert f"cms-{process}.service" in target and f"cms-liveness@{process}.timer" in target


def test_the_systemd_liveness_check_runs_the_command_and_restarts_on_failure():
    check = _unit("cms-liveness@.service")
    assert "manage.py liveness %i" in check["Service"]["ExecStart"]
    assert check["Unit"]["OnFailure"] == "cms-restart@%i.service"
    assert _unit("cms-liveness@.timer")["Timer"]["Unit"] == "cms-liveness@%i.service"
    restart = _unit("cms-restart@.service")["Service"]["ExecStart"]
    assert restart.endswith("systemctl restart cms-%i.service")
    # The worker's name is the one `liveness worker` looks for by default (%% is systemd's %).
    assert "--hostname worker@%%h" in _unit("cms-worker.service")["Service"]["ExecStart"]
