"""A second authenticator with a verified code; removal audited, never the last (issue 14)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import enrolment, recovery
from core.models import AuditEntry

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
DEVICES = "/accounts/2fa/devices/"


@pytest.fixture
def two_factors_required(settings):
    settings.REQUIRE_2FA = True
    settings.OTP_REQUIRED_FOR_ROLES = ["Editor", "Custodian", "Analyst"]


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_verified_user_adds_a_second_authenticator(client, two_factors_required, editor):
    first = TOTPDevice.objects.create(user=editor, name="authenticator", confirmed=True)
    recovery.generate_recovery_codes(user=editor)
    with time_machine.travel(T0, tick=False):
        client.force_login(editor)
        client.post("/accounts/2fa/verify/", {"token": _code(first)})
        add = client.post(DEVICES, {"action": "add"})
        assert add["Location"].startswith("/accounts/2fa/setup/")
        setup = client.get(add["Location"])
        assert setup.status_code == 200 and b"<svg" in setup.content
        second = TOTPDevice.objects.get(user=editor, confirmed=False)
        done = client.post(add["Location"], {"token": _code(second)})
    assert done.status_code == 302
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).count() == 2
    assert recovery.remaining(editor) == 10  # the codes already held stay valid
    assert AuditEntry.objects.filter(action="auth.2fa_enrolled", actor_username="t_editor")


def test_without_a_verified_code_no_second_authenticator(client, two_factors_required, editor):
    TOTPDevice.objects.create(user=editor, name="authenticator", confirmed=True)
    client.force_login(editor)
    assert client.post(DEVICES, {"action": "add"})["Location"].startswith("/accounts/2fa/verify/")
    assert client.get("/accounts/2fa/setup/")["Location"].startswith("/accounts/2fa/verify/")
    assert not TOTPDevice.objects.filter(user=editor, confirmed=False).exists()


def test_removing_needs_a_verified_code_and_is_audited_never_the_last(
    client, two_factors_required, editor
):
    first = TOTPDevice.objects.create(user=editor, name="authenticator", confirmed=True)
    second = TOTPDevice.objects.create(user=editor, name="authenticator 2", confirmed=True)
    client.force_login(editor)
    assert client.post(DEVICES, {"device": second.pk})["Location"].startswith(
        "/accounts/2fa/verify/"
    )
    assert TOTPDevice.objects.filter(user=editor).count() == 2
    with time_machine.travel(T0, tick=False):
        client.post("/accounts/2fa/verify/", {"token": _code(second)})
        assert client.post(DEVICES, {"device": first.pk}).status_code == 302
        last = client.post(DEVICES, {"device": second.pk})
        assert last.status_code == 403
        assert b"only authenticator" in last.content
        assert TOTPDevice.objects.filter(pk=second.pk).exists()
        # With an enrolment link issued, the last one may go (the link replaces it).
        enrolment.issue(issuer=None, user=editor)
        assert client.post(DEVICES, {"device": second.pk}).status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert AuditEntry.objects.filter(action="auth.2fa_device_removed").count() == 2


@pytest.mark.parametrize("device", ["", "abc", "٣", "9" * 50, "-1", "99999"])
def test_odd_device_ids_are_refused_clearly(client, two_factors_required, editor, device):
    own = TOTPDevice.objects.create(user=editor, name="authenticator", confirmed=True)
    with time_machine.travel(T0, tick=False):
        client.force_login(editor)
        client.post("/accounts/2fa/verify/", {"token": _code(own)})
        response = client.post(DEVICES, {"device": device})
    assert response.status_code == 403
    assert b'role="alert"' in response.content
    assert TOTPDevice.objects.filter(pk=own.pk).exists()


def test_another_users_device_cannot_be_removed(client, two_factors_required, editor, analyst):
    own = TOTPDevice.objects.create(user=editor, name="authenticator", confirmed=True)
    TOTPDevice.objects.create(user=editor, name="authenticator 2", confirmed=True)
    theirs = TOTPDevice.objects.create(user=analyst, name="authenticator", confirmed=True)
    with time_machine.travel(T0 + timedelta(seconds=1), tick=False):
        client.force_login(editor)
        client.post("/accounts/2fa/verify/", {"token": _code(own)})
        assert client.post(DEVICES, {"device": theirs.pk}).status_code == 403
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()
