"""Audit the account events Django and django-axes announce."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from core import audit
from core.lockout import record_failure
from core.models import User
from core.security import OTP_DEVICE_ATTR, client_ip, start_session_clock


def _ip(request: HttpRequest | None) -> str | None:
    return client_ip(request) if request is not None else None


def _known_username(credentials: dict[str, Any]) -> str:
    # Only a username that names an account is kept: a password typed into the username
    # field by mistake must not end up in the trail.
    username = audit.safe_username(credentials.get("username"))
    if username and get_user_model().objects.filter(username=username).exists():
        return username
    return ""


@receiver(user_logged_in, dispatch_uid="audit_login")
def _audit_login(sender: object, request: HttpRequest | None, user: User, **kwargs: object) -> None:
    if request is not None and hasattr(request, "session"):
        start_session_clock(request)
    audit.record(action=audit.Action.LOGIN, actor=user, ip=_ip(request))
    # A login that passed a lockout with password and code together starts verified.
    device = getattr(request, OTP_DEVICE_ATTR, None) if request is not None else None
    if device is not None and device.user_id == user.pk:
        from django_otp import login as otp_login

        otp_login(request, device)
        audit.record(action=audit.Action.OTP_VERIFIED, actor=user, detail={"at_login": True})


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _audit_logout(
    sender: object, request: HttpRequest | None, user: User | None, **kwargs: object
) -> None:
    if user is not None:
        audit.record(action=audit.Action.LOGOUT, actor=user, ip=_ip(request))


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _audit_login_failed(
    sender: object,
    credentials: dict[str, Any],
    request: HttpRequest | None = None,
    **kwargs: object,
) -> None:
    # ``credentials`` has the password already masked by Django; only the username is read.
    username = _known_username(credentials)
    if request is not None:
        record_failure(str(credentials.get("username") or "")[:150], _ip(request))
    audit.record(
        action=audit.Action.LOGIN_FAILED,
        username=username,
        ip=_ip(request),
        detail={
            "unknown_username": not username,
            "locked_out": bool(getattr(request, "axes_locked_out", False)),
        },
    )


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def _audit_locked_out(
    sender: object,
    request: HttpRequest | None,
    username: str | None,
    ip_address: str | None,
    **kwargs: object,
) -> None:
    known = _known_username({"username": username})
    audit.record(
        action=audit.Action.LOCKED_OUT,
        username=known,
        ip=ip_address or _ip(request),
        detail={"unknown_username": not known},
    )
