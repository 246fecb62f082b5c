"""Single-use recovery codes: a way in when the authenticator is lost.

A set of ``RECOVERY_CODE_COUNT`` codes is made at enrolment and on demand (regenerating drops
the old set). Each code is shown once and kept only as a salted password hash
(``make_password``); django-otp's static tokens are stored as plain text, so they are not used.
A code is spent atomically: of two concurrent uses of one code, only one deletes its row.
Wrong codes throttle the user's code set like a TOTP device and count against the login
failure budgets (core/lockout.py).
"""

from __future__ import annotations

import re
import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit, lockout
from core.models import RecoveryCode, RecoveryCodeDevice, User
from core.security import is_verified
from core.types import AuthenticatedHttpRequest

RECOVERY_CODE_COUNT = 10
# No 0/O, 1/I/L: codes are read off paper.
_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
_GROUP = 5
_FORMAT = re.compile(r"^[a-z0-9]{10}$")


def _new_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(2 * _GROUP))
    return f"{raw[:_GROUP]}-{raw[_GROUP:]}"


def normalise(code: str) -> str:
    """The code as stored: lower case, without spaces or dashes."""
    return re.sub(r"[\s\-]", "", code or "").lower()


def looks_like_code(code: str) -> bool:
    return bool(_FORMAT.match(normalise(code)))


def remaining(user: User) -> int:
    """How many unused recovery codes ``user`` has."""
    return RecoveryCode.objects.filter(device__user=user).count()


@transaction.atomic
def generate_recovery_codes(*, user: User) -> list[str]:
    """Make a new set of codes for ``user``, dropping any old set; return them (shown once)."""
    device, _created = RecoveryCodeDevice.objects.select_for_update().get_or_create(
        user=user, defaults={"name": "recovery codes", "confirmed": True}
    )
    device.codes.all().delete()
    codes = [_new_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(device=device, code_hash=make_password(normalise(code))) for code in codes
    )
    device.throttle_reset(commit=False)
    device.save()
    audit.record(
        action=audit.Action.OTP_RECOVERY_GENERATED,
        actor=user,
        target=("user", user.pk),
        detail={"count": len(codes)},
    )
    return codes


def regenerate_recovery_codes(*, user: User, request: AuthenticatedHttpRequest) -> list[str]:
    """Replace the codes of a user whose session has a verified second factor."""
    if not is_verified(request.user) or request.user.pk != user.pk:
        raise PermissionDenied(_("New recovery codes need a verified second factor."))
    return generate_recovery_codes(user=user)


def consume_recovery_code(
    *, user: User, code: str, ip: str | None = None
) -> RecoveryCodeDevice | None:
    """Spend one of ``user``'s codes; return the code device (to sign in with) or ``None``."""
    with transaction.atomic():
        device = RecoveryCodeDevice.objects.select_for_update().filter(user=user).first()
        if device is None:
            matched = None
        else:
            allowed, _ = device.verify_is_allowed()
            matched = _spend(device, normalise(code)) if allowed else None
            if matched is not None:
                device.throttle_reset(commit=False)
                device.last_used_at = timezone.now()
                device.save()
                audit.record(
                    action=audit.Action.OTP_RECOVERY_USED,
                    actor=user,
                    target=("user", user.pk),
                    detail={"remaining": device.codes.count()},
                )
                return device
            if allowed:
                device.throttle_increment(commit=True)
    # Outside the transaction: a failure is counted even if the caller rolls back.
    lockout.record_failure(user.get_username(), ip)
    audit.record(action=audit.Action.OTP_FAILED, actor=user, detail={"recovery_code": True})
    return None


def _spend(device: RecoveryCodeDevice, code: str) -> RecoveryCode | None:
    if not _FORMAT.match(code):
        return None
    for row in device.codes.all():
        # The conditional delete makes the use single: a concurrent spender deletes nothing.
        if (
            check_password(code, row.code_hash)
            and RecoveryCode.objects.filter(pk=row.pk).delete()[0]
        ):
            return row
    return None
