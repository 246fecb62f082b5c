"""Enrolment links from a page: custodians and administrators, with a verified code (issue 14)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import AuditEntry, EnrolmentLink

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
PAGE = "/accounts/enrolment-links/"


@pytest.fixture
def two_factors_required(settings):
    settings.REQUIRE_2FA = True
    settings.OTP_REQUIRED_FOR_ROLES = ["Editor", "Custodian", "Analyst"]


def _verify(client, user):
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    client.force_login(user)
    assert client.post("/accounts/2fa/verify/", {"token": code}).status_code == 302


@pytest.mark.parametrize("issuer", ["custodian", "superuser"])
def test_a_verified_custodian_or_administrator_issues_a_link_shown_once(
    client, two_factors_required, issuer, analyst, request
):
    user = request.getfixturevalue(issuer)
    with time_machine.travel(T0, tick=False):
        _verify(client, user)
        page = client.post(PAGE, {"username": "t_analyst"})
    assert page.status_code == 200
    links = re.findall(r"http://testserver(/accounts/2fa/enrol/[^<\s]+/)", page.content.decode())
    assert len(links) == 1
    link = EnrolmentLink.objects.get(user=analyst)
    assert link.issued_by == user and link.expires_at > T0
    assert AuditEntry.objects.filter(action="auth.2fa_link_issued", actor_username=user.username)
    # The link is not shown again.
    assert links[0].encode() not in client.get(PAGE).content
    # It works once, for its user only.
    client.force_login(analyst)
    with time_machine.travel(T0, tick=False):
        assert client.get(links[0])["Location"].startswith("/accounts/2fa/setup/")
        assert client.get(links[0]).status_code == 403


def test_an_unverified_custodian_is_sent_to_verify_first(client, two_factors_required, custodian):
    TOTPDevice.objects.create(user=custodian, name="phone", confirmed=True)
    client.force_login(custodian)
    response = client.post(PAGE, {"username": "t_custodian"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/verify/")
    assert not EnrolmentLink.objects.exists()


def test_an_editor_is_refused(client, two_factors_required, editor, analyst):
    with time_machine.travel(T0, tick=False):
        _verify(client, editor)
        response = client.post(PAGE, {"username": "t_analyst"})
    assert response.status_code == 403
    assert b"Only a custodian or an administrator" in response.content
    assert not EnrolmentLink.objects.exists()


@pytest.mark.parametrize("username", ["", "nobody", "x" * 5000, "é\u202e", "\x00", "t_custodian"])
def test_odd_usernames_get_a_clear_answer(client, two_factors_required, custodian, username):
    with time_machine.travel(T0, tick=False):
        _verify(client, custodian)
        response = client.post(PAGE, {"username": username})
    assert response.status_code == 200
    assert b'role="alert"' in response.content
    assert not EnrolmentLink.objects.exists()
