"""Two-factor pages: enrol a TOTP device, then verify a code at each login."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, cast
from urllib.parse import urlencode

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import audit, enrolment, recovery
from core.models import User
from core.roles import ADMIN_ROLES, CUSTODIAN, has_role
from core.security import client_ip, has_confirmed_device, is_verified, requires_two_factor
from core.types import AuthenticatedHttpRequest

_View = Callable[..., HttpResponse]

UNCONFIRMED_NAME = "authenticator (being set up)"


class TokenForm(forms.Form):
    token = forms.RegexField(
        regex=r"^\s*\d{6}\s*$",
        label=gettext_lazy("Six-digit code"),
        error_messages={
            "invalid": gettext_lazy("Enter the six digits your authenticator app shows.")
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].strip()


class VerifyForm(forms.Form):
    token = forms.CharField(
        max_length=40,
        label=gettext_lazy("Six-digit code or recovery code"),
        error_messages={
            "required": gettext_lazy(
                "Enter the six digits your authenticator app shows, or a recovery code."
            ),
            "max_length": gettext_lazy(
                "Enter the six digits your authenticator app shows, or a recovery code."
            ),
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A NUL gets the same "what to enter" answer as any other wrong form (clean_token).
        self.fields["token"].validators = []

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not (re.fullmatch(r"\d{6}", token) or recovery.looks_like_code(token)):
            raise forms.ValidationError(
                _(
                    "Enter the six digits your authenticator app shows, or one of your recovery "
                    "codes (ten letters and digits, such as abcde-23456)."
                )
            )
        return token


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    user = request.user
    if user.is_staff and (user.is_superuser or has_role(user, *ADMIN_ROLES)):
        return "/admin/"
    return "/review/"


def _qr_svg(uri: str) -> str:
    # Drawn here, as inline SVG: the secret never goes to a QR service or another origin.
    return segno.make(uri, error="m").svg_inline(scale=4, dark="#1a1a1a", light="#ffffff")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Show a new TOTP secret (as a QR code and text) and confirm it with a first code."""
    user = request.user
    if has_confirmed_device(user) and not enrolment.has_grant(request):
        # A second device needs a verified code from the first (devices page) or a link.
        return redirect(f"{reverse('otp_verify')}?{urlencode({'next': _next_url(request)})}")
    if not enrolment.has_grant(request):
        # The password alone never enrols a device: whoever holds it could enrol their own.
        return render(request, "otp/need_link.html", status=403)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=UNCONFIRMED_NAME, confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if device.verify_token(form.cleaned_data["token"]):
                device.confirmed = True
                count = TOTPDevice.objects.filter(user=user, confirmed=True).count()
                device.name = "authenticator" if not count else f"authenticator {count + 1}"
                device.save(update_fields=["confirmed", "name"])
                otp_login(request, device)
                enrolment.clear_grant(request)
                audit.record(action=audit.Action.OTP_ENROLLED, actor=user, target=("user", user.pk))
                if recovery.remaining(user):
                    return redirect(_next_url(request))
                codes = recovery.generate_recovery_codes(user=user)
                return _show_codes(request, codes)
        audit.record(action=audit.Action.OTP_FAILED, actor=user, detail={"enrolment": True})
        form.add_error(
            "token", _("That code did not match. Check the clock on your phone and try again.")
        )
    uri = device.config_url
    secret = uri.split("secret=", 1)[1].split("&", 1)[0]
    return render(
        request,
        "otp/setup.html",
        {
            "form": form,
            "otpauth_uri": uri,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "qr_svg": _qr_svg(uri),
            "next": _next_url(request),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Ask for the current code of the user's device and mark the session verified."""
    user = request.user
    if is_verified(user):
        return redirect(_next_url(request))
    if not has_confirmed_device(user):
        return redirect(f"{reverse('otp_setup')}?{urlencode({'next': _next_url(request)})}")
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        if recovery.looks_like_code(token):
            device = recovery.consume_recovery_code(user=user, code=token, ip=client_ip(request))
            if device is not None:
                otp_login(request, device)
                left = recovery.remaining(user)
                messages.warning(
                    request,
                    ngettext(
                        "You signed in with a recovery code; %(left)s of your recovery codes "
                        "remains. Make a new set under Recovery codes if you are running low.",
                        "You signed in with a recovery code; %(left)s of your recovery codes "
                        "remain. Make a new set under Recovery codes if you are running low.",
                        left,
                    )
                    % {"left": left},
                )
                return redirect(_next_url(request))
            form.add_error(
                "token",
                _(
                    "That recovery code did not match or was used already, or too many codes "
                    "were wrong: wait a little and try again, or use your authenticator app."
                ),
            )
        else:
            # Each device throttles wrong codes itself (a growing delay after each failure).
            device = match_token(user, token)
            if device is not None:
                otp_login(request, device)
                audit.record(action=audit.Action.OTP_VERIFIED, actor=user)
                return redirect(_next_url(request))
            audit.record(action=audit.Action.OTP_FAILED, actor=user)
            form.add_error(
                "token",
                _("That code did not match, or too many codes were wrong: wait and try again."),
            )
    return render(request, "otp/verify.html", {"form": form, "next": _next_url(request)})


@never_cache
@login_required
@require_http_methods(["GET"])
def enrol(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    """Redeem a one-time enrolment link for the signed-in user, then set up the device."""
    if not enrolment.redeem(request, token):
        return render(request, "otp/need_link.html", {"invalid": True}, status=403)
    return redirect(f"{reverse('otp_setup')}?{urlencode({'next': _next_url(request)})}")


def _show_codes(request: HttpRequest, codes: list[str]) -> HttpResponse:
    # Shown this once; only their hashes are kept.
    return render(request, "otp/recovery_codes.html", {"codes": codes, "next": _next_url(request)})


def _verified_page(url_name: str) -> Callable[[_View], _View]:
    """A GET/POST page for a signed-in user with a verified code; else verify, then come back."""

    def decorate(view: _View) -> _View:
        @functools.wraps(view)
        def checked(request: AuthenticatedHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not is_verified(request.user):
                query = urlencode({"next": reverse(url_name)})
                return redirect(f"{reverse('otp_verify')}?{query}")
            return view(request, *args, **kwargs)

        return cast(
            _View, never_cache(login_required(require_http_methods(["GET", "POST"])(checked)))
        )

    return decorate


@_verified_page("otp_recovery")
def recovery_codes(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Show how many recovery codes remain; make a new set (needs a verified second factor)."""
    user = request.user
    if request.method == "POST":
        return _show_codes(request, recovery.regenerate_recovery_codes(user=user, request=request))
    return render(
        request,
        "otp/recovery_status.html",
        {"remaining": recovery.remaining(user), "next": _next_url(request)},
    )


class EnrolmentLinkForm(forms.Form):
    username = forms.CharField(
        max_length=150,
        label=gettext_lazy("Username of the person who needs the link"),
        error_messages={
            "required": gettext_lazy("Enter the username of the person who needs the link.")
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def issue_enrolment_link(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Let a custodian or administrator (with a verified code) issue a one-time link."""
    issuer = request.user
    if not (issuer.is_superuser or has_role(issuer, CUSTODIAN)):
        return render(request, "otp/issue_link.html", {"refused": True}, status=403)
    if requires_two_factor(issuer) and not is_verified(issuer):
        return redirect(f"{reverse('otp_verify')}?{urlencode({'next': request.path})}")
    form = EnrolmentLinkForm(request.POST or None)
    link = None
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["username"].strip()
        user = User.objects.filter(username=name, is_active=True).first()
        if user is None:
            form.add_error(
                "username", _("No active account has that username: check the spelling.")
            )
        else:
            try:
                link = request.build_absolute_uri(enrolment.issue(issuer=issuer, user=user))
            except PermissionDenied:
                form.add_error(
                    "username",
                    _(
                        "You cannot issue a link for this account (your own needs another "
                        "custodian or an administrator)."
                    ),
                )
            else:
                form = EnrolmentLinkForm()
    return render(
        request,
        "otp/issue_link.html",
        {"form": form, "link": link, "for_user": name if link else ""},
    )


@_verified_page("otp_devices")
def devices(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List the user's authenticators; add one (verified code needed) or remove one."""
    user = request.user
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "add":
                enrolment.grant_from_verified_factor(request)
                return redirect(
                    f"{reverse('otp_setup')}?{urlencode({'next': reverse('otp_devices')})}"
                )
            raw = request.POST.get("device", "")
            if not raw.isascii() or not raw.isdigit() or len(raw) > 12:
                raise PermissionDenied(_("Choose an authenticator from the list."))
            enrolment.remove_device(request=request, device_id=int(raw))
            return redirect(reverse("otp_devices"))
        except PermissionDenied as exc:
            error = str(exc)
    listed = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk")
    return render(
        request,
        "otp/devices.html",
        {"devices": listed, "error": error},
        status=403 if error else 200,
    )
