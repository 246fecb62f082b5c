"""Four eyes on privilege (issue 14 #4): grants wait for a second custodian, are audited,
and the admin never shows an authenticator's secret."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import AuditEntry, PrivilegeRequest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _user_form(user, **changes):
    data = {
        "username": user.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "groups": [g.pk for g in user.groups.all()],
    }
    if user.is_staff:
        data["is_staff"] = "on"
    if user.is_superuser:
        data["is_superuser"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_superuser_cannot_add_themself_to_custodian(client, superuser):
    client.force_login(superuser)
    custodians = Group.objects.get(name="Custodian")
    response = client.post(
        f"/admin/core/user/{superuser.pk}/change/",
        _user_form(superuser, groups=[custodians.pk]),
        follow=True,
    )
    assert response.status_code == 200
    assert b"second custodian" in response.content
    assert not superuser.groups.filter(name="Custodian").exists()
    # The vault stays shut.
    assert client.get("/admin/narratives/sourcerecord/").status_code == 403
    pending = PrivilegeRequest.objects.get(user=superuser)
    assert (pending.grant, pending.status) == ("group:Custodian", "pending")
    assert AuditEntry.objects.filter(
        action="privilege.requested", actor_username=superuser.username
    ).exists()


def test_a_second_custodian_approves_and_it_is_audited(client, superuser, custodian):
    client.force_login(superuser)
    target = UserFactory(username="t_new", is_staff=True)
    custodians = Group.objects.get(name="Custodian")
    client.post(f"/admin/core/user/{target.pk}/change/", _user_form(target, groups=[custodians.pk]))
    pending = PrivilegeRequest.objects.get(user=target)
    # The requester cannot approve it, even as a custodian.
    superuser.groups.add(custodians)
    client.post(
        "/admin/core/privilegerequest/",
        {"action": "approve_selected", "_selected_action": [pending.pk]},
    )
    pending.refresh_from_db()
    assert pending.status == "pending"
    other = client.__class__()
    other.force_login(custodian)
    other.post(
        "/admin/core/privilegerequest/",
        {"action": "approve_selected", "_selected_action": [pending.pk]},
    )
    pending.refresh_from_db()
    assert (pending.status, pending.decided_by) == ("approved", custodian)
    assert target.groups.filter(name="Custodian").exists()
    assert AuditEntry.objects.filter(
        action="privilege.approved", actor_username=custodian.username
    ).exists()


def test_making_a_superuser_waits_for_approval(client, superuser):
    client.force_login(superuser)
    target = UserFactory(username="t_promote", is_staff=True)
    client.post(f"/admin/core/user/{target.pk}/change/", _user_form(target, is_superuser="on"))
    target.refresh_from_db()
    assert not target.is_superuser
    assert PrivilegeRequest.objects.filter(user=target, grant="superuser").exists()


def test_other_role_changes_are_audited(client, superuser):
    client.force_login(superuser)
    target = UserFactory(username="t_analyst2", is_staff=True)
    analysts = Group.objects.get(name="Analyst")
    client.post(f"/admin/core/user/{target.pk}/change/", _user_form(target, groups=[analysts.pk]))
    assert target.groups.filter(name="Analyst").exists()
    entry = AuditEntry.objects.get(action="privilege.changed")
    assert entry.detail["groups_added"] == "Analyst"


def test_the_admin_never_shows_an_authenticator_secret(client, superuser, editor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client.force_login(superuser)
    listing = client.get("/admin/otp_totp/totpdevice/")
    assert listing.status_code == 200
    page = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")
    assert page.status_code == 200
    assert device.key.encode() not in page.content
    assert b"otpauth://" not in page.content
    assert client.get(f"/admin/otp_totp/totpdevice/{device.pk}/config/").status_code in {302, 404}
    assert client.get(f"/admin/otp_totp/totpdevice/{device.pk}/qrcode/").status_code in {302, 404}
