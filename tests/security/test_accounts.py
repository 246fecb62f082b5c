"""Staff accounts: Argon2, lockout after failed logins, two factors, session expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.hashers import identify_hasher
from django.core.exceptions import PermissionDenied
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

import config.settings as project_settings
from core import enrolment
from core.models import AuditEntry
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
LOGIN_PAGES = ["/accounts/login/", "/admin/login/"]


def _post_login(client: Client, path: str, username: str, password: str, ip="10.0.0.7"):
    return client.post(
        path, {"username": username, "password": password}, REMOTE_ADDR=ip, follow=False
    )


# --- Passwords ---------------------------------------------------------------------------


def test_argon2_hashes_new_passwords_outside_the_test_settings(settings):
    # The suite itself hashes with MD5 for speed; the project's settings put Argon2 first.
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user = UserFactory(username="t_argon", password="a long enough passphrase")
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password("a long enough passphrase")


def test_password_validators_are_kept():
    names = [v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert names == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]


# --- Lockout -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", LOGIN_PAGES)
def test_five_failures_lock_the_username_from_that_address(client, editor, path):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _post_login(client, path, "t_editor", "wrong password!").status_code == 200
    locked = _post_login(client, path, "t_editor", "wrong password!")
    assert locked.status_code == 429
    assert b"Too many failed logins" in locked.content
    assert b"Try again in 15 minutes" in locked.content
    # Even the right password is refused while locked, and does not log in.
    again = _post_login(client, path, "t_editor", PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another address, or another username from this address, is not locked.
    assert _post_login(Client(), path, "t_editor", PASSWORD, ip="10.0.0.8").status_code == 302
    assert AuditEntry.objects.filter(action="auth.locked_out", actor_username="t_editor").exists()


def test_the_lock_lifts_after_the_cool_off(client, analyst):
    with time_machine.travel(T0, tick=False):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _post_login(client, "/accounts/login/", "t_analyst", "wrong password!")
        assert _post_login(client, "/accounts/login/", "t_analyst", PASSWORD).status_code == 429
    with time_machine.travel(T0 + timedelta(minutes=16), tick=False):
        assert _post_login(client, "/accounts/login/", "t_analyst", PASSWORD).status_code == 302


def test_forged_forwarded_for_does_not_dodge_the_lockout(client, analyst):
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/login/",
            {"username": "t_analyst", "password": "nope, wrong"},
            REMOTE_ADDR="10.0.0.9",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    response = client.post(
        "/accounts/login/",
        {"username": "t_analyst", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.9",
        HTTP_X_FORWARDED_FOR="192.0.2.200",
    )
    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_client_is_locked(client, analyst, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/login/",
            {"username": "t_analyst", "password": "nope, wrong"},
            REMOTE_ADDR="10.1.1.1",  # the proxy
            HTTP_X_FORWARDED_FOR="spoofed, 198.51.100.4",
        )
    other_client_same_proxy = Client().post(
        "/accounts/login/",
        {"username": "t_analyst", "password": PASSWORD},
        REMOTE_ADDR="10.1.1.1",
        HTTP_X_FORWARDED_FOR="198.51.100.5",
    )
    assert other_client_same_proxy.status_code == 302
    same_client = Client().post(
        "/accounts/login/",
        {"username": "t_analyst", "password": PASSWORD},
        REMOTE_ADDR="10.1.1.1",
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert same_client.status_code == 429


# --- Two factors -------------------------------------------------------------------------


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def two_factors_required(settings):
    settings.REQUIRE_2FA = True
    settings.OTP_REQUIRED_FOR_ROLES = ["Editor", "Custodian"]


@pytest.mark.parametrize("role_user", ["editor", "custodian", "superuser"])
def test_admin_users_must_enrol_before_the_admin(client, two_factors_required, role_user, request):
    user = request.getfixturevalue(role_user)
    with time_machine.travel(T0, tick=False):
        response = _post_login(client, "/admin/login/", user.username, PASSWORD)
        assert response.status_code == 302  # the password was right
        admin = client.get("/admin/")
        assert admin.status_code == 302
        assert admin["Location"].startswith("/accounts/2fa/setup/?next=%2Fadmin%2F")
        # Nothing in the admin opens, not even by a direct link.
        assert client.get("/admin/auth/group/").status_code == 302
        # The password alone does not enrol (issue 14 #2): a one-time link is needed.
        refused = client.get(admin["Location"])
        assert refused.status_code == 403
        assert b"enrolment link" in refused.content
        assert not TOTPDevice.objects.filter(user=user).exists()
        link = enrolment.issue(issuer=None, user=user)
        assert client.get(f"{link}?next=/admin/")["Location"] == admin["Location"]

        setup = client.get(admin["Location"])
        assert setup.status_code == 200
        assert b"<svg" in setup.content
        assert b"otpauth://totp/" in setup.content
        device = TOTPDevice.objects.get(user=user)
        assert not device.confirmed

        wrong = client.post(admin["Location"], {"token": "000000", "next": "/admin/"})
        assert b"did not match" in wrong.content
    # A wrong code makes the device wait before it accepts another (throttling).
    with time_machine.travel(T0 + timedelta(seconds=5), tick=False):
        done = client.post(admin["Location"], {"token": _code(device), "next": "/admin/"})
        # Enrolled: the recovery codes are shown once, then the way on.
        assert done.status_code == 200
        assert b"recovery codes" in done.content and b'href="/admin/"' in done.content
        assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    actions = list(
        AuditEntry.objects.filter(actor_username=user.username).values_list("action", flat=True)
    )
    assert {"auth.login", "auth.2fa_failed", "auth.2fa_enrolled"} <= set(actions)


def test_an_enrolled_user_verifies_at_each_login(client, two_factors_required, editor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    with time_machine.travel(T0, tick=False):
        _post_login(client, "/admin/login/", "t_editor", PASSWORD)
        response = client.get("/admin/")
        assert response["Location"].startswith("/accounts/2fa/verify/")
        # The setup page will not show a new secret to someone who already has a device.
        assert client.get("/accounts/2fa/setup/")["Location"].startswith("/accounts/2fa/verify/")
        assert b"did not match" in client.post(response["Location"], {"token": "123456"}).content
        # Straight after a wrong code, even the right one waits (throttling).
        assert (
            b"did not match" in client.post(response["Location"], {"token": _code(device)}).content
        )
    with time_machine.travel(T0 + timedelta(seconds=90), tick=False):
        ok = client.post("/accounts/2fa/verify/", {"token": _code(device), "next": "/admin/"})
        assert ok["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200
    assert AuditEntry.objects.filter(action="auth.2fa_verified", actor_username="t_editor").exists()


def test_a_code_is_not_accepted_twice(client, two_factors_required, editor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    with time_machine.travel(T0, tick=False):
        code = _code(device)
        client.force_login(editor)
        assert client.post("/accounts/2fa/verify/", {"token": code})["Location"] == "/admin/"
        other = Client()
        other.force_login(editor)
        assert b"did not match" in other.post("/accounts/2fa/verify/", {"token": code}).content


def test_the_open_redirect_is_refused_after_verification(client, two_factors_required, editor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    with time_machine.travel(T0, tick=False):
        client.force_login(editor)
        response = client.post(
            "/accounts/2fa/verify/", {"token": _code(device), "next": "https://evil.example/"}
        )
    assert response["Location"] == "/admin/"


def test_analysts_need_a_second_factor_for_the_review_ui(client, settings, analyst):
    # Issue 14 #1: analysts read unpublished testimony; the default list covers every staff role.
    settings.REQUIRE_2FA = True
    settings.OTP_REQUIRED_FOR_ROLES = project_settings.OTP_REQUIRED_FOR_ROLES
    assert {"Editor", "Analyst", "Custodian"} <= set(settings.OTP_REQUIRED_FOR_ROLES)
    _post_login(client, "/accounts/login/", "t_analyst", PASSWORD)
    response = client.get("/review/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/")


def test_two_factors_are_optional_in_the_embedded_default(client, editor):
    assert settings.REQUIRE_2FA is False  # embedded mode, as `make run`
    _post_login(client, "/admin/login/", "t_editor", PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_production_turns_two_factors_on_by_default():
    source = (settings.BASE_DIR / "config" / "settings" / "security.py").read_text()
    assert 'REQUIRE_2FA = env.bool("REQUIRE_2FA", default=PRODUCTION)' in source


def test_an_unverified_session_gets_json_403_from_the_api(client, two_factors_required, editor):
    client.force_login(editor)
    response = client.get("/api/v1/anything")
    assert response.status_code == 403
    assert "Two-factor" in response.json()["detail"]


# --- Sessions ----------------------------------------------------------------------------


def test_an_idle_session_expires(client, analyst):
    with time_machine.travel(T0, tick=False):
        client.force_login(analyst)
        assert client.get("/review/").status_code == 200
    # Activity within the idle timeout keeps the session alive...
    with time_machine.travel(T0 + timedelta(minutes=25), tick=False):
        assert client.get("/review/").status_code == 200
    with time_machine.travel(T0 + timedelta(minutes=50), tick=False):
        assert client.get("/review/").status_code == 200
    # ...and a longer silence ends it.
    with time_machine.travel(T0 + timedelta(minutes=81), tick=False):
        response = client.get("/review/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_a_session_ends_after_its_maximum_age_however_active(client, analyst, settings):
    settings.SESSION_MAX_AGE = 3600
    with time_machine.travel(T0, tick=False):
        client.force_login(analyst)
    for minutes in (20, 40, 59):
        with time_machine.travel(T0 + timedelta(minutes=minutes), tick=False):
            assert client.get("/review/").status_code == 200
    with time_machine.travel(T0 + timedelta(minutes=61), tick=False):
        assert client.get("/review/").status_code == 302


def test_session_cookie_settings():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


# --- Enrolment links (issue 14 #2) -------------------------------------------------------


def test_an_enrolment_link_works_once_for_its_user_before_it_expires(
    client, two_factors_required, editor, custodian
):
    client.force_login(editor)
    assert client.get("/accounts/2fa/setup/").status_code == 403
    # An editor may not issue links, not even for themself; a custodian may.
    with pytest.raises(PermissionDenied):
        enrolment.issue(issuer=editor, user=editor)
    TOTPDevice.objects.create(user=custodian, name="phone", confirmed=True)
    custodian.is_verified = lambda: True
    link = enrolment.issue(issuer=custodian, user=editor)
    # Someone else, signed in, cannot use it.
    intruder = Client()
    intruder.force_login(UserFactory(username="t_other", role="Editor", is_staff=True))
    assert intruder.get(link).status_code == 403
    assert client.get(link).status_code == 302
    assert client.get("/accounts/2fa/setup/").status_code == 200
    # Used: a second visit (another session of the same user) is refused.
    again = Client()
    again.force_login(editor)
    assert again.get(link).status_code == 403
    assert again.get("/accounts/2fa/setup/").status_code == 403
    assert AuditEntry.objects.filter(action="auth.2fa_link_issued").count() == 1


def test_an_expired_enrolment_link_is_refused(client, two_factors_required, editor):
    link = enrolment.issue(issuer=None, user=editor)
    with time_machine.travel(datetime.now(UTC) + timedelta(hours=25)):
        client.force_login(editor)
        assert client.get(link).status_code == 403
