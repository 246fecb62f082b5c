"""Signing and sending webhook requests. Signing is pure; sending is one bounded HTTP POST
that follows no redirect, to the address that was checked. Nothing here logs the payload."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError

SIGNATURE_HEADER = "X-CMS-Signature"
TIMESTAMP_HEADER = "X-CMS-Timestamp"
EVENT_HEADER = "X-CMS-Event"
DELIVERY_HEADER = "X-CMS-Delivery"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=<hex>`` of HMAC-SHA256 over ``timestamp + "." + body``."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def verify(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _refusal(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """Why ``ip`` is not a public address, or "" if it is."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return _refusal(embedded)
    for kind in ("unspecified", "loopback", "link-local", "multicast", "private", "reserved"):
        if getattr(ip, f"is_{kind.replace('-', '_')}"):
            return kind
    return "" if ip.is_global else "not public"


def _loopback(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def _numeric_ipv4_form(host: str) -> bool:
    """Whether ``host`` is an IPv4 address written other than as four decimals (2130706433,
    0x7f000001, 017700000001, 127.1), which resolvers read as an address."""
    try:
        ipaddress.ip_address(host)
        return False
    except ValueError:
        pass
    try:
        socket.inet_aton(host)
    except OSError:
        return False
    return True


def check_webhook_url(url: str) -> list[str]:
    """Refuse what a webhook must not point at: other schemes, credentials, names that resolve
    to nothing, plain http where https is required, and any host that is or resolves to an
    address that is not public (loopback only with ``WEBHOOK_ALLOW_LOOPBACK``). Return the
    checked addresses: the request is sent to one of them, never resolved again."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError("A webhook URL must be an http(s) URL with a host.")
    if settings.WEBHOOK_REQUIRE_HTTPS and parts.scheme != "https":
        raise ValidationError("A webhook URL must use https.")
    if parts.username or parts.password:
        raise ValidationError("A webhook URL must not carry credentials.")
    if _numeric_ipv4_form(parts.hostname):
        raise ValidationError(
            f"Webhook URLs must name their host or write an IPv4 address as four decimal "
            f"numbers (a.b.c.d); {parts.hostname} is not."
        )
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError):
        raise ValidationError("The webhook URL's host does not resolve.") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise ValidationError("The webhook URL's host does not resolve.")
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        reason = _refusal(ip)
        if reason and not (settings.WEBHOOK_ALLOW_LOOPBACK and _loopback(ip)):
            shown = address if address == parts.hostname else f"{parts.hostname} ({address})"
            raise ValidationError(
                f"Webhook URLs must point at a public address; {shown} is {reason}. "
                "For local development set WEBHOOK_ALLOW_LOOPBACK=1 to allow 127.0.0.1/::1 only."
            )
    return addresses


def validate_webhook_url(url: str) -> None:
    """Raise ``ValidationError`` if ``url`` may not be a webhook (see ``check_webhook_url``)."""
    check_webhook_url(url)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to ``addresses`` checked beforehand, never to what the host resolves to now;
    the Host header (and for https, SNI and the certificate check) still use the URL's host."""

    addresses: list[str] = []

    def connect(self) -> None:
        error: OSError | None = None
        for address in self.addresses:
            try:
                self.sock = socket.create_connection((address, self.port), self.timeout)
                break
            except OSError as exc:
                error = exc
        else:
            raise error or OSError("no address to connect to")
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class _PinnedHTTPSConnection(http.client.HTTPSConnection, _PinnedHTTPConnection):
    """HTTPSConnection.connect calls _PinnedHTTPConnection.connect, then wraps the socket with
    server_hostname=self.host (the URL's host) and the default context's certificate check."""


@dataclass(frozen=True)
class SendResult:
    ok: bool
    status: int | None
    error: str


def send(
    *, url: str, addresses: list[str], body: bytes, headers: dict[str, str], timeout: float
) -> SendResult:
    """POST once to one of ``addresses`` (from ``check_webhook_url``); a 2xx is success,
    anything else (3xx included: redirects are not followed) a failure."""
    parts = urlsplit(url)
    https = parts.scheme == "https"
    if parts.hostname is None:  # check_webhook_url refuses such a URL first
        raise ValueError("A webhook URL names its host.")
    connection_class = _PinnedHTTPSConnection if https else _PinnedHTTPConnection
    connection = connection_class(
        parts.hostname, parts.port or (443 if https else 80), timeout=timeout
    )
    connection.addresses = addresses
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", target, body=body, headers=headers)
        response = connection.getresponse()
        status = response.status
        response.read(1024)
    except (OSError, ValueError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", exc)
        return SendResult(False, None, f"{type(exc).__name__}: {reason}"[:300])
    finally:
        connection.close()
    if 200 <= status < 300:
        return SendResult(True, status, "")
    if 300 <= status < 400:
        return SendResult(False, status, f"redirect not followed {status}")
    return SendResult(False, status, f"HTTP error {status}")
