"""Webhook URLs are checked in every mode and the request goes to the address that was checked
(issue 14 finding 13): no private, link-local, loopback or numeric-form hosts, no DNS rebinding."""

import socket
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from partners import webhooks

REFUSED = [
    "http://169.254.169.254/latest/meta-data/",
    "http://127.0.0.1:22/",
    "http://10.1.2.3/hook",
    "http://192.168.0.10/hook",
    "http://172.16.5.5/hook",
    "http://[::1]/hook",
    "http://0.0.0.0/hook",
    "http://[::]/hook",
    "http://2130706433/hook",
    "http://0x7f000001/hook",
    "http://017700000001/hook",
    "http://127.1/hook",
    "http://[::ffff:10.0.0.1]/hook",
    "http://[::ffff:169.254.169.254]/hook",
    "http://[2002:7f00:1::]/hook",
    "http://[64:ff9b::a00:1]/hook",
    "http://[fe80::1]/hook",
    "http://[fd00::1]/hook",
    "http://224.0.0.1/hook",
    "http://100.64.0.1/hook",
]


@pytest.mark.parametrize("url", REFUSED)
@override_settings(WEBHOOK_ALLOW_LOOPBACK=False, WEBHOOK_REQUIRE_HTTPS=False)
def test_non_public_addresses_are_refused(url):
    with pytest.raises(ValidationError, match=r"WEBHOOK_ALLOW_LOOPBACK|four decimal"):
        webhooks.check_webhook_url(url)


@pytest.mark.parametrize(
    "url", ["http://169.254.169.254/", "http://10.0.0.1/", "http://2130706433/", "http://0.0.0.0/"]
)
@override_settings(WEBHOOK_ALLOW_LOOPBACK=True, WEBHOOK_REQUIRE_HTTPS=False)
def test_the_loopback_setting_allows_loopback_only(url):
    with pytest.raises(ValidationError):
        webhooks.check_webhook_url(url)


@override_settings(WEBHOOK_ALLOW_LOOPBACK=True, WEBHOOK_REQUIRE_HTTPS=False)
def test_loopback_is_allowed_with_the_setting():
    assert webhooks.check_webhook_url("http://127.0.0.1:9/hook") == ["127.0.0.1"]
    assert webhooks.check_webhook_url("http://[::1]:9/hook") == ["::1"]


def _resolving_to(monkeypatch, *addresses):
    def fake(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses]

    monkeypatch.setattr(webhooks.socket, "getaddrinfo", fake)


@override_settings(WEBHOOK_ALLOW_LOOPBACK=False, WEBHOOK_REQUIRE_HTTPS=False)
def test_a_name_resolving_to_a_private_address_is_refused(monkeypatch):
    _resolving_to(monkeypatch, "93.184.216.34", "127.0.0.1")
    with pytest.raises(ValidationError, match=r"hooks\.example\.org \(127\.0\.0\.1\) is loopback"):
        webhooks.check_webhook_url("http://hooks.example.org/hook")


@override_settings(WEBHOOK_ALLOW_LOOPBACK=False, WEBHOOK_REQUIRE_HTTPS=False)
def test_a_public_name_passes(monkeypatch):
    _resolving_to(monkeypatch, "93.184.216.34")
    assert webhooks.check_webhook_url("http://hooks.example.org/hook") == ["93.184.216.34"]


class _Recorder(BaseHTTPRequestHandler):
    seen: list[tuple[str, bytes]] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Recorder.seen.append((self.headers["Host"], body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_send_goes_to_the_checked_address_whatever_the_name_resolves_to_now(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        # A rebinding resolver: anything resolved at send time would go to an address that
        # refuses connections. The send must not resolve at all.
        real = socket.getaddrinfo

        def rebinding(host, *args, **kwargs):
            if host != "127.0.0.1":
                raise AssertionError(f"{host} was resolved again at send time")
            return real(host, *args, **kwargs)

        monkeypatch.setattr(webhooks.socket, "getaddrinfo", rebinding)
        result = webhooks.send(
            url=f"http://hooks.example.org:{port}/hook",
            addresses=["127.0.0.1"],
            body=b'{"x": 1}',
            headers={"Content-Type": "application/json"},
            timeout=5,
        )
    finally:
        server.shutdown()
    assert result.ok, result.error
    assert _Recorder.seen[-1] == (f"hooks.example.org:{port}", b'{"x": 1}')


def test_an_https_send_is_pinned_and_names_the_urls_host_in_tls(monkeypatch):
    # A plain TCP listener records the TLS ClientHello: its SNI carries the URL's host, while the
    # connection went to the checked address. The handshake then fails, as a failure, not a crash.
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    hello = []

    def accept():
        conn, _ = listener.accept()
        with conn:
            conn.settimeout(5)
            hello.append(conn.recv(4096))

    thread = Thread(target=accept, daemon=True)
    thread.start()
    try:
        result = webhooks.send(
            url=f"https://hooks.example.org:{port}/hook",
            addresses=["127.0.0.1"],
            body=b"{}",
            headers={"Content-Type": "application/json"},
            timeout=5,
        )
    finally:
        thread.join(5)
        listener.close()
    assert not result.ok and result.status is None and result.error
    assert b"hooks.example.org" in hello[0]
