"""Signing and sending webhook requests. Signing is pure; sending is one bounded HTTP POST
that follows no redirect. Nothing here logs the payload."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import socket
import urllib.error
import urllib.request
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


def validate_webhook_url(url: str) -> None:
    """Refuse what a webhook must not point at: other schemes, names that resolve to nothing,
    plain http in production, and (in production) private or loopback addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError("A webhook URL must be an http(s) URL with a host.")
    if settings.WEBHOOK_REQUIRE_HTTPS and parts.scheme != "https":
        raise ValidationError("A webhook URL must use https.")
    if parts.username or parts.password:
        raise ValidationError("A webhook URL must not carry credentials.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, port)}
    except (socket.gaierror, UnicodeError, ValueError):
        raise ValidationError("The webhook URL's host does not resolve.") from None
    if not addresses:
        raise ValidationError("The webhook URL's host does not resolve.")
    if not settings.WEBHOOK_ALLOW_PRIVATE:
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not ip.is_global:
                raise ValidationError("The webhook URL must not point at a private address.")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # urllib then raises HTTPError with the 3xx status


_opener = urllib.request.build_opener(_NoRedirect)


@dataclass(frozen=True)
class SendResult:
    ok: bool
    status: int | None
    error: str


def send(*, url: str, body: bytes, headers: dict[str, str], timeout: float) -> SendResult:
    """POST once; a 2xx is success, anything else (3xx included) a failure."""
    request = urllib.request.Request(  # noqa: S310 - scheme checked by validate_webhook_url
        url, data=body, method="POST", headers=headers
    )
    try:
        with _opener.open(request, timeout=timeout) as response:
            status = response.status
            response.read(1024)
    except urllib.error.HTTPError as exc:
        kind = "redirect not followed" if 300 <= exc.code < 400 else "HTTP error"
        return SendResult(False, exc.code, f"{kind} {exc.code}")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return SendResult(False, None, f"{type(exc).__name__}: {reason}"[:300])
    if 200 <= status < 300:
        return SendResult(True, status, "")
    return SendResult(False, status, f"HTTP status {status}")
