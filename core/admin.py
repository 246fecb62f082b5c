from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core import enrolment, privilege
from core.admin_access import GatedAdmin
from core.models import AuditEntry, PrivilegeRequest, RecoveryCode, User
from core.roles import CUSTODIAN, ROLES, has_role


def _signed_in(request: HttpRequest) -> User:
    """The admin's user: the admin site lets no anonymous request reach its actions."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied(_("Sign in first."))
    return user


# What a user's privileges were before the admin saved it, from ``save_model`` to
# ``save_related`` of the same request (kept beside the request, not patched onto it).
_PRIVILEGES_BEFORE: weakref.WeakKeyDictionary[HttpRequest, dict[str, Any]] = (
    weakref.WeakKeyDictionary()
)


@admin.register(User)
class CmsUserAdmin(UserAdmin):
    list_display = [
        "username",
        "email",
        "is_staff",
        "is_active",
        "roles",
        "recovery_codes_left",
        "last_login",
    ]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]

    @admin.display(description=gettext_lazy("recovery codes left"))
    def recovery_codes_left(self, obj: User) -> int:
        # Only the count: never a code or its hash.
        return getattr(obj, "recovery_left", None) or 0

    @admin.display(description=gettext_lazy("roles"))
    def roles(self, obj: User) -> str:
        return ", ".join(group.name for group in obj.groups.all())

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        codes = (
            RecoveryCode.objects.filter(device__user=OuterRef("pk"))
            .order_by()
            .values("device__user")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .prefetch_related("groups")
            .annotate(recovery_left=Subquery(codes))
        )

    actions = ["issue_enrolment_links"]

    @admin.action(description=gettext_lazy("Issue a two-factor enrolment link (one-time)"))
    def issue_enrolment_links(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        issuer = _signed_in(request)
        for user in queryset:
            try:
                path = enrolment.issue(issuer=issuer, user=user)
            except PermissionDenied as exc:
                self.message_user(request, f"{user.username}: {exc}", messages.ERROR)
                continue
            self.message_user(
                request,
                _(
                    "Enrolment link for %(username)s (shown once, valid for a day, one use): "
                    "%(link)s"
                )
                % {"username": user.username, "link": request.build_absolute_uri(path)},
                messages.WARNING,
            )

    # Four eyes: a grant of Custodian, superuser or staff-with-a-role is held back and filed
    # as a PrivilegeRequest for a second custodian, never applied by the admin alone.
    def save_model(
        self, request: HttpRequest, obj: User, form: ModelForm[User], change: bool
    ) -> None:
        _PRIVILEGES_BEFORE[request] = privilege.snapshot(obj)
        super().save_model(request, obj, form, change)

    def save_related(
        self, request: HttpRequest, form: ModelForm[User], formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        before = _PRIVILEGES_BEFORE.pop(request, None) or privilege.snapshot(User())
        held = privilege.hold_back_grants(
            actor=_signed_in(request), user=form.instance, before=before
        )
        for item in held:
            self.message_user(
                request,
                _(
                    "Granting %(grant)s to %(username)s needs a second custodian's approval: "
                    "it waits under Privilege requests, and was not applied."
                )
                % {"grant": item.grant, "username": form.instance.username},
                messages.WARNING,
            )


@admin.register(PrivilegeRequest)
class PrivilegeRequestAdmin(GatedAdmin):
    """Pending grants; a custodian other than the requester approves or rejects them."""

    list_display = ["user", "grant", "requested_by", "requested_at", "status", "decided_by"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in PrivilegeRequest._meta.fields]
    actions = ["approve_selected", "reject_selected"]

    def may_see(self, request: HttpRequest) -> bool:
        user = request.user
        return user.is_active and (user.is_superuser or has_role(user, CUSTODIAN))

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        if not has_role(request.user, CUSTODIAN):
            return {}
        return actions

    @admin.action(description=gettext_lazy("Approve the selected grants (second custodian)"))
    def approve_selected(self, request: HttpRequest, queryset: QuerySet[PrivilegeRequest]) -> None:
        self._decide(request, queryset, privilege.approve, "approved")

    @admin.action(description=gettext_lazy("Reject the selected grants"))
    def reject_selected(self, request: HttpRequest, queryset: QuerySet[PrivilegeRequest]) -> None:
        self._decide(request, queryset, privilege.reject, "rejected")

    def _decide(
        self,
        request: HttpRequest,
        queryset: QuerySet[PrivilegeRequest],
        decide: Callable[..., PrivilegeRequest],
        verb: str,
    ) -> None:
        approver = _signed_in(request)
        done = 0
        for item in queryset:
            try:
                decide(approver=approver, request=item)
                done += 1
            except PermissionDenied as exc:
                self.message_user(request, f"{item}: {exc}", messages.ERROR)
        if done:
            if verb == "approved":
                text = ngettext("%(count)s request approved.", "%(count)s requests approved.", done)
            else:
                text = ngettext("%(count)s request rejected.", "%(count)s requests rejected.", done)
            self.message_user(request, text % {"count": done}, messages.SUCCESS)


admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(GroupAdmin):
    """The role groups' permissions come from core/roles.py: read-only here."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.name in ROLES:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.name in ROLES:
            return False
        return super().has_delete_permission(request, obj)


def _hide_device_secrets() -> None:
    """django-otp's device admins show the TOTP key and a QR code of it: replace them with
    views that show who has which device and nothing that would let anyone copy it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if admin.site.is_registered(TOTPDevice):
        admin.site.unregister(TOTPDevice)

    @admin.register(TOTPDevice)
    class SecretFreeTOTPDeviceAdmin(admin.ModelAdmin):
        list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
        fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
        readonly_fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
        raw_id_fields = ["user"]

        def has_add_permission(self, request: HttpRequest) -> bool:
            return False

        def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
            return False


_hide_device_secrets()


class BlankNamedValuesFilter(admin.AllValuesFieldListFilter):
    """Every value of the field, the empty one named: Django's shows it as an empty link."""

    def choices(self, changelist: Any) -> Any:
        for choice in super().choices(changelist):
            if choice["display"] == "":
                choice = {**choice, "display": _("(none)")}
            yield choice


@admin.register(AuditEntry)
class AuditEntryAdmin(GatedAdmin):
    """The audit trail, for superusers to read; nobody adds, changes or deletes."""

    list_display = ["at", "action", "actor_username", "target_type", "target_id", "ip"]
    list_filter = [
        "action",
        ("actor_username", BlankNamedValuesFilter),
        ("target_type", BlankNamedValuesFilter),
        ("at", admin.DateFieldListFilter),
    ]
    search_fields = ["actor_username", "target_id", "ip", "action"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    list_per_page = 100
    show_full_result_count = False  # counting a long trail on every page is slow
    actions = None

    def may_see(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser
