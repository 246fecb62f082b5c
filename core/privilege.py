"""Four eyes on privilege: granting the Custodian role, superuser status, or staff status to
someone with a role waits for a second custodian's approval, and every step is audited.

The admin calls ``guard_user_change`` around a save; a custodian other than the requester
(and other than the user concerned) calls ``approve``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.models import PrivilegeRequest, User
from core.roles import CUSTODIAN, ROLES, has_role
from core.security import is_verified, requires_two_factor

# Role groups whose grant needs a second custodian.
GUARDED_GROUPS = frozenset({CUSTODIAN})


def snapshot(user: User) -> dict[str, Any]:
    """What the privilege-bearing fields of ``user`` are in the database now."""
    if user.pk is None:
        return {"is_superuser": False, "is_staff": False, "groups": frozenset()}
    row = User.objects.filter(pk=user.pk).values("is_superuser", "is_staff").first()
    return {
        "is_superuser": bool(row and row["is_superuser"]),
        "is_staff": bool(row and row["is_staff"]),
        "groups": frozenset(user.groups.values_list("name", flat=True)),
    }


@transaction.atomic
def hold_back_grants(*, actor: User, user: User, before: dict[str, Any]) -> list[PrivilegeRequest]:
    """Undo any guarded grant just saved on ``user`` and file it as a request instead.

    Called after the admin saved the user and its groups. Every change of groups or flags is
    written to the audit trail, held back or not.
    """
    after = snapshot(user)
    requests: list[PrivilegeRequest] = []
    added = after["groups"] - before["groups"]
    removed = before["groups"] - after["groups"]
    held: list[str] = []
    for name in sorted(added & GUARDED_GROUPS):
        user.groups.remove(*user.groups.filter(name=name))
        held.append(f"group:{name}")
    flags = {}
    if after["is_superuser"] and not before["is_superuser"]:
        flags["is_superuser"] = False
        held.append("superuser")
    has_a_role = bool((after["groups"] - GUARDED_GROUPS) & set(ROLES)) or bool(
        added & GUARDED_GROUPS
    )
    if after["is_staff"] and not before["is_staff"] and has_a_role:
        flags["is_staff"] = False
        held.append("staff")
    if flags:
        User.objects.filter(pk=user.pk).update(**flags)
        for name, value in flags.items():
            setattr(user, name, value)
    for grant in held:
        request = PrivilegeRequest.objects.create(user=user, grant=grant, requested_by=actor)
        requests.append(request)
        audit.record(
            action=audit.Action.PRIVILEGE_REQUESTED,
            actor=actor,
            target=("user", user.pk),
            detail={"grant": grant, "request": request.pk},
        )
    applied_added = sorted(added - GUARDED_GROUPS)
    if (
        applied_added
        or removed
        or (before["is_staff"] != after["is_staff"] and "staff" not in held)
    ):
        audit.record(
            action=audit.Action.PRIVILEGE_CHANGED,
            actor=actor,
            target=("user", user.pk),
            detail={
                "groups_added": ",".join(applied_added),
                "groups_removed": ",".join(sorted(removed)),
                "is_staff": User.objects.get(pk=user.pk).is_staff,
            },
        )
    return requests


def may_approve(approver: User, request: PrivilegeRequest) -> bool:
    return (
        has_role(approver, CUSTODIAN)
        and (not requires_two_factor(approver) or is_verified(approver))
        and approver.pk != request.requested_by_id
        and approver.pk != request.user_id
    )


@transaction.atomic
def approve(*, approver: User, request: PrivilegeRequest) -> PrivilegeRequest:
    """Apply a pending grant, on a second custodian's word."""
    request = PrivilegeRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != PrivilegeRequest.Status.PENDING:
        raise PermissionDenied(_("This request was already decided."))
    if not may_approve(approver, request):
        raise PermissionDenied(
            _("A second custodian must approve: not the person who asked, nor the user concerned.")
        )
    user = request.user
    if request.grant.startswith("group:"):
        from django.contrib.auth.models import Group

        user.groups.add(Group.objects.get(name=request.grant.removeprefix("group:")))
    elif request.grant == "superuser":
        User.objects.filter(pk=user.pk).update(is_superuser=True)
    elif request.grant == "staff":
        User.objects.filter(pk=user.pk).update(is_staff=True)
    return _decide(
        request, approver, PrivilegeRequest.Status.APPROVED, audit.Action.PRIVILEGE_APPROVED
    )


@transaction.atomic
def reject(*, approver: User, request: PrivilegeRequest) -> PrivilegeRequest:
    request = PrivilegeRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != PrivilegeRequest.Status.PENDING or not has_role(approver, CUSTODIAN):
        raise PermissionDenied(_("Only a custodian may reject a pending request."))
    return _decide(
        request, approver, PrivilegeRequest.Status.REJECTED, audit.Action.PRIVILEGE_REJECTED
    )


def _decide(
    request: PrivilegeRequest, approver: User, status: str, action: str
) -> PrivilegeRequest:
    """Record the decision on the request and in the audit log."""
    request.status = status
    request.decided_by = approver
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(
        action=action,
        actor=approver,
        target=("user", request.user_id),
        detail={"grant": request.grant, "request": request.pk},
    )
    return request
