"""Recovery codes: shown once, stored hashed, spent once, audited, throttled (issue 14)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.hashers import identify_hasher
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client, RequestFactory
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import lockout, recovery
from core.models import AuditEntry, RecoveryCode, RecoveryCodeDevice

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def two_factors_required(settings):
    settings.REQUIRE_2FA = True
    settings.OTP_REQUIRED_FOR_ROLES = ["Editor", "Custodian", "Analyst"]


@pytest.fixture
def enrolled(editor):
    return TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_codes_are_stored_only_as_password_hashes(editor):
    codes = recovery.generate_recovery_codes(user=editor)
    assert len(codes) == 10 and len(set(codes)) == 10
    rows = list(
        RecoveryCode.objects.filter(device__user=editor).values_list("code_hash", flat=True)
    )
    assert len(rows) == 10
    for code, stored in zip(codes, rows, strict=False):
        identify_hasher(stored)  # a Django password hash, salted
        assert code not in stored and recovery.normalise(code) not in stored
    assert recovery.remaining(editor) == 10


def test_a_code_signs_in_once_and_the_use_is_audited(
    client, two_factors_required, editor, enrolled
):
    codes = recovery.generate_recovery_codes(user=editor)
    client.force_login(editor)
    response = client.post("/accounts/2fa/verify/", {"token": codes[3].upper(), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    page = client.get("/admin/", follow=True)
    assert page.status_code == 200
    assert b"9 of your recovery codes remain" in page.content
    assert recovery.remaining(editor) == 9
    entry = AuditEntry.objects.get(action="auth.2fa_recovery_used", actor_username="t_editor")
    assert entry.detail == {"remaining": 9}
    for row in AuditEntry.objects.all():
        assert recovery.normalise(codes[3]) not in str(row.detail)
    other = Client()
    other.force_login(editor)
    again = other.post("/accounts/2fa/verify/", {"token": codes[3]})
    assert again.status_code == 200
    assert b"used already" in again.content


def test_regenerating_invalidates_the_old_set(editor):
    old = recovery.generate_recovery_codes(user=editor)
    new = recovery.generate_recovery_codes(user=editor)
    assert recovery.remaining(editor) == 10
    assert recovery.consume_recovery_code(user=editor, code=old[0]) is None
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=5)):
        assert recovery.consume_recovery_code(user=editor, code=new[0]) is not None
    assert recovery.remaining(editor) == 9


def test_regenerating_needs_a_verified_second_factor(
    client, two_factors_required, editor, enrolled
):
    recovery.generate_recovery_codes(user=editor)
    request = RequestFactory().get("/")
    request.user = editor
    editor.is_verified = lambda: False
    with pytest.raises(PermissionDenied):
        recovery.regenerate_recovery_codes(user=editor, request=request)
    client.force_login(editor)
    assert client.get("/accounts/2fa/recovery/")["Location"].startswith("/accounts/2fa/verify/")
    assert client.post("/accounts/2fa/recovery/")["Location"].startswith("/accounts/2fa/verify/")
    with time_machine.travel(T0, tick=False):
        client.post("/accounts/2fa/verify/", {"token": _code(enrolled)})
        status = client.get("/accounts/2fa/recovery/")
        assert b"You have 10 unused recovery codes" in status.content
        fresh = client.post("/accounts/2fa/recovery/")
    assert fresh.status_code == 200
    shown = fresh.content.decode().split("<code>")[1:]
    assert len(shown) == 10
    first = shown[0].split("</code>")[0]
    assert recovery.consume_recovery_code(user=editor, code=first) is not None


def test_wrong_codes_throttle_and_count_against_the_login_budgets(editor, settings):
    settings.LOGIN_USERNAME_FAILURE_LIMIT = 3
    codes = recovery.generate_recovery_codes(user=editor)
    with time_machine.travel(T0, tick=False):
        assert (
            recovery.consume_recovery_code(user=editor, code="aaaaa-aaaaa", ip="192.0.2.9") is None
        )
        # Straight after a wrong code, even a right one waits.
        assert recovery.consume_recovery_code(user=editor, code=codes[0], ip="192.0.2.9") is None
        recovery.consume_recovery_code(user=editor, code="bbbbb-bbbbb", ip="192.0.2.9")
        assert "user" in lockout.over_budget("t_editor", None, now=T0.timestamp())
    with time_machine.travel(T0 + timedelta(seconds=60), tick=False):
        assert recovery.consume_recovery_code(user=editor, code=codes[0]) is not None
    assert (
        AuditEntry.objects.filter(action="auth.2fa_failed", actor_username="t_editor").count() == 3
    )


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_uses_of_one_code_spend_it_once(editor):
    if connection.vendor == "sqlite":
        pytest.skip("needs a database with concurrent connections (PostgreSQL in CI)")
    codes = recovery.generate_recovery_codes(user=editor)
    results = []
    barrier = threading.Barrier(2)

    def use():
        barrier.wait()
        try:
            results.append(recovery.consume_recovery_code(user=editor, code=codes[0]))
        finally:
            connection.close()

    threads = [threading.Thread(target=use) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(result is not None for result in results) == 1
    assert recovery.remaining(editor) == 9


def test_a_spent_code_row_cannot_be_spent_again_by_a_stale_reader(editor):
    # The conditional delete: a second spender that read the row before the first deleted it
    # deletes nothing and is refused.
    codes = recovery.generate_recovery_codes(user=editor)
    device = RecoveryCodeDevice.objects.get(user=editor)
    stale = list(device.codes.all())
    assert recovery.consume_recovery_code(user=editor, code=codes[0]) is not None
    row = next(r for r in stale if not RecoveryCode.objects.filter(pk=r.pk).exists())
    assert RecoveryCode.objects.filter(pk=row.pk).delete()[0] == 0


@pytest.mark.parametrize(
    "token", ["", "12345", "1234567", "x" * 5000, "ééééé-ééééé", "١٢٣٤٥٦", "abcde_23456", "\x00"]
)
def test_odd_inputs_at_the_code_step_give_a_clear_error_not_a_5xx(
    client, two_factors_required, editor, enrolled, token
):
    recovery.generate_recovery_codes(user=editor)
    client.force_login(editor)
    response = client.post("/accounts/2fa/verify/", {"token": token})
    assert response.status_code == 200
    assert b"Enter the six digits" in response.content or b"did not match" in response.content
    assert recovery.remaining(editor) == 10


def test_the_admin_shows_only_how_many_codes_remain(client, superuser, editor):
    codes = recovery.generate_recovery_codes(user=editor)
    client.force_login(superuser)
    page = client.get("/admin/core/user/")
    assert page.status_code == 200
    assert b"recovery codes left" in page.content.lower()
    hashes = RecoveryCode.objects.values_list("code_hash", flat=True)
    body = page.content.decode()
    assert all(code not in body for code in codes)
    assert all(h not in body for h in hashes)
    change = client.get(f"/admin/core/user/{editor.pk}/change/").content.decode()
    assert all(h not in change for h in hashes) and all(code not in change for code in codes)
