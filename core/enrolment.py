"""Enrolling an authenticator needs more than the password: a one-time, expiring link issued
by an administrator (superuser) or a custodian, for one user. Only the link's hash is stored.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import audit
from core.models import EnrolmentLink, User
from core.roles import CUSTODIAN, has_role
from core.security import has_confirmed_device, is_verified, requires_two_factor
from core.types import AuthenticatedHttpRequest

SESSION_KEY = "cms_enrolment_grant"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def may_issue(issuer: User | None, user: User) -> bool:
    if issuer is None:  # the command line (``manage.py issue_enrolment_link``)
        return True
    if not (issuer.is_active and (issuer.is_superuser or has_role(issuer, CUSTODIAN))):
        return False
    if requires_two_factor(issuer) and not is_verified(issuer):
        return False
    return issuer.pk != user.pk


@transaction.atomic
def issue(*, issuer: User | None, user: User) -> str:
    """Return the path of a new enrolment link for ``user`` (shown once, never stored)."""
    if not may_issue(issuer, user):
        raise PermissionDenied(_("Only an administrator or custodian may issue enrolment links."))
    token = secrets.token_urlsafe(32)
    hours = getattr(settings, "OTP_ENROLMENT_LINK_HOURS", 24)
    link = EnrolmentLink.objects.create(
        user=user,
        token_hash=_hash(token),
        issued_by=issuer,
        expires_at=timezone.now() + timedelta(hours=hours),
    )
    audit.record(
        action=audit.Action.OTP_LINK_ISSUED,
        actor=issuer,
        target=("user", user.pk),
        detail={"link": link.pk},
    )
    return reverse("otp_enrol", args=[token])


@transaction.atomic
def redeem(request: AuthenticatedHttpRequest, token: str) -> bool:
    """Use a link for the signed-in user: it works once, before it expires, for its user."""
    link = (
        EnrolmentLink.objects.select_for_update()
        .filter(token_hash=_hash(token), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if link is None or link.user_id != request.user.pk:
        return False
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    request.session[SESSION_KEY] = request.user.pk
    return True


def has_grant(request: AuthenticatedHttpRequest) -> bool:
    return request.session.get(SESSION_KEY) == request.user.pk


def clear_grant(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def grant_from_verified_factor(request: AuthenticatedHttpRequest) -> None:
    """Let a user whose session has a verified second factor enrol one more authenticator."""
    if not (is_verified(request.user) and has_confirmed_device(request.user)):
        raise PermissionDenied(
            _("Adding an authenticator needs a verified code from one you have.")
        )
    request.session[SESSION_KEY] = request.user.pk


def has_pending_link(user: User) -> bool:
    return EnrolmentLink.objects.filter(
        user=user, used_at__isnull=True, expires_at__gt=timezone.now()
    ).exists()


@transaction.atomic
def remove_device(*, request: AuthenticatedHttpRequest, device_id: int) -> None:
    """Remove one of the signed-in user's authenticators; never the last without a link."""
    user = request.user
    if not is_verified(user):
        raise PermissionDenied(_("Removing an authenticator needs a verified code."))
    devices = list(TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True))
    device = next((d for d in devices if d.pk == device_id), None)
    if device is None:
        raise PermissionDenied(_("That authenticator is not one of yours."))
    if len(devices) == 1 and not has_pending_link(user):
        raise PermissionDenied(
            _("This is your only authenticator: add another first, or ask for an enrolment link.")
        )
    device.delete()
    audit.record(
        action=audit.Action.OTP_DEVICE_REMOVED,
        actor=user,
        target=("user", user.pk),
        detail={"device": device_id, "left": len(devices) - 1},
    )
