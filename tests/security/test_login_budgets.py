"""Lockouts that hold against spraying and distributed guessing (issue 14 #3)."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import lockout
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _login(username, password, ip, **extra):
    return Client().post(
        "/accounts/login/", {"username": username, "password": password, **extra}, REMOTE_ADDR=ip
    )


def _code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_one_address_spraying_many_usernames_is_limited(analyst, settings):
    for n in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        assert _login(f"sprayed{n}", "Winter2026!!", "203.0.113.9").status_code == 200
    # Spent: even a real account's right password from that address needs its code now.
    assert _login("t_analyst", PASSWORD, "203.0.113.9").status_code == 429
    assert _login("t_analyst", PASSWORD, "203.0.113.10").status_code == 302


def test_many_addresses_guessing_one_username_are_limited(analyst, settings):
    guesses = 0
    for a in range(5):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            _login("t_analyst", "not the password", f"198.51.100.{a}")
            guesses += 1
    assert guesses >= settings.LOGIN_USERNAME_FAILURE_LIMIT
    locked = _login("t_analyst", PASSWORD, "192.0.2.77")
    assert locked.status_code == 429
    assert b"Six-digit code" in locked.content


def test_the_owner_still_gets_in_with_password_and_code(analyst, settings):
    settings.REQUIRE_2FA = True
    settings.OTP_REQUIRED_FOR_ROLES = ["Analyst"]
    device = TOTPDevice.objects.create(user=analyst, name="phone", confirmed=True)
    for a in range(settings.LOGIN_USERNAME_FAILURE_LIMIT):
        _login("t_analyst", "not the password", f"198.51.100.{a}")
    assert _login("t_analyst", PASSWORD, "192.0.2.77").status_code == 429
    # A wrong code or a wrong password with the code gets the same refusal...
    assert _login("t_analyst", PASSWORD, "192.0.2.77", otp_token="000000").status_code == 429
    client = Client()
    bad = client.post(
        "/accounts/login/",
        {"username": "t_analyst", "password": "nope!", "otp_token": _code(device)},
        REMOTE_ADDR="192.0.2.77",
    )
    assert bad.status_code == 429
    # ...and both together pass, the session verified at once.
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    client = Client()
    ok = client.post(
        "/accounts/login/",
        {"username": "t_analyst", "password": PASSWORD, "otp_token": _code(device)},
        REMOTE_ADDR="192.0.2.77",
    )
    assert ok.status_code == 302
    assert client.get("/review/").status_code == 200


def test_the_username_and_address_lock_also_yields_to_password_and_code(analyst, settings):
    device = TOTPDevice.objects.create(user=analyst, name="phone", confirmed=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login("t_analyst", "not the password", "10.9.9.9")
    assert _login("t_analyst", PASSWORD, "10.9.9.9").status_code == 429
    ok = _login("t_analyst", PASSWORD, "10.9.9.9", otp_token=_code(device))
    assert ok.status_code == 302


def test_a_global_budget_stops_spraying_from_everywhere(analyst, settings):
    settings.LOGIN_GLOBAL_FAILURE_LIMIT = 12
    for n in range(12):
        _login(f"nobody{n}", "Spring2026!!", f"203.0.113.{n}")
    assert _login("t_analyst", PASSWORD, "192.0.2.200").status_code == 429


def test_counting_falls_back_to_the_database_without_redis(monkeypatch):
    monkeypatch.setattr(lockout, "_cache", lambda: None)
    for _ in range(3):
        lockout.record_failure("someone", "192.0.2.5")
    from core.models import LoginFailureCount

    assert sorted(LoginFailureCount.objects.values_list("count", flat=True)) == [3, 3, 3]
    assert lockout.over_budget("someone", "192.0.2.5") == []


def test_counting_is_shared_in_redis():
    UserFactory(username="t_x")
    for _ in range(2):
        lockout.record_failure("t_x", "192.0.2.6")
    window = lockout._window(__import__("time").time())
    assert lockout._read("ip:192.0.2.6", window) == 2
