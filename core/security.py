"""Account security: the client's address, the lockout backend, and the two-factor gate."""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from core.roles import has_role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from core.models import User

LOGIN_AT_SESSION_KEY = "cms_login_at"
SEEN_AT_SESSION_KEY = "cms_seen_at"


def client_ip(request: HttpRequest) -> str | None:
    """Return the client's address: REMOTE_ADDR, or the one our trusted proxies saw.

    With ``TRUSTED_PROXY_COUNT = n``, the n-th address from the right of X-Forwarded-For is
    the client as seen by the outermost trusted proxy; anything left of it is the client's
    own claim and is ignored, so a forged header cannot dodge the lockout.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= count:
            candidate = hops[-count]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                return remote
    return remote


OTP_DEVICE_ATTR = "_cms_login_otp_device"


def _password_and_code(username: str | None, password: str | None, code: str) -> object | None:
    """The user's confirmed device matching ``code``, if ``password`` is also theirs."""
    from django.contrib.auth import get_user_model
    from django_otp import match_token

    if not (username and password and code):
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None or not user.is_active or not user.check_password(password):
        return None
    return match_token(user, code)


class LockoutBackend(AxesStandaloneBackend):
    """The lockouts, for web logins only; it never signs anyone in itself.

    * A login that carries the password *and* a valid authenticator code (``otp_token``)
      passes every lock: an outsider who spends a username's budget cannot keep its owner
      out. The next backend then checks the password as usual; the session starts verified.
    * Otherwise a spent budget (core/lockout.py: per username, per address, in all) refuses
      the attempt before the password is checked, then django-axes' username-and-address lock.

    A login without a request (a shell, the test client's ``login()``) has no address to
    lock out, so it is left to the next backend instead of being refused outright.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        from django.core.exceptions import PermissionDenied

        from core.lockout import over_budget

        code = request.POST.get("otp_token", "").strip() if request.method == "POST" else ""
        if code:
            device = _password_and_code(username, password, code)
            if device is not None:
                setattr(request, OTP_DEVICE_ATTR, device)
                return None
        spent = over_budget(username, client_ip(request))
        if spent:
            request.axes_locked_out = True
            raise PermissionDenied(_("Too many failed logins: the password needs a code now."))
        return super().authenticate(request, username=username, password=password, **kwargs)


# --- Two-factor authentication -------------------------------------------------------------


def requires_two_factor(user: User | AnonymousUser | None) -> bool:
    """Return whether this user must verify a TOTP device before using the site."""
    if not settings.REQUIRE_2FA or user is None or not user.is_authenticated:
        return False
    if user.is_superuser and settings.OTP_REQUIRED_FOR_SUPERUSERS:
        return True
    return has_role(user, *settings.OTP_REQUIRED_FOR_ROLES)


def is_verified(user: User | AnonymousUser | None) -> bool:
    # django_otp's middleware gives the request's user ``is_verified()``.
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def has_confirmed_device(user: User) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


# Paths a user who still has to verify may reach: the two-factor pages themselves, logging
# out, static files and the health check.
# The language switcher too: the two-factor pages offer it before verification.
_OPEN_PREFIXES = ("/accounts/2fa/", "/accounts/logout/", "/healthz", "/i18n/")


class SessionExpiryMiddleware:
    """End a session after ``SESSION_COOKIE_AGE`` seconds without a request (idle expiry) or
    ``SESSION_MAX_AGE`` seconds after its login, whichever comes first.

    Activity is written back at most once a minute, rather than saving the session on every
    request: the session row's expiry moves on with it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            session = request.session
            login_at = session.setdefault(LOGIN_AT_SESSION_KEY, now)
            seen_at = session.setdefault(SEEN_AT_SESSION_KEY, now)
            idle = settings.SESSION_COOKIE_AGE
            if now - seen_at > idle or now - login_at > settings.SESSION_MAX_AGE:
                logout(request)
                login_url = reverse("login")
                return redirect(f"{login_url}?{urlencode({'next': request.get_full_path()})}")
            if now - seen_at > min(60, idle / 4):
                session[SEEN_AT_SESSION_KEY] = now
        return self.get_response(request)


def start_session_clock(request: HttpRequest) -> None:
    """Stamp a new login's session with its login time (called on ``user_logged_in``)."""
    now = time.time()
    request.session[LOGIN_AT_SESSION_KEY] = now
    request.session[SEEN_AT_SESSION_KEY] = now


class RequireTwoFactorMiddleware:
    """Send a user who must use two factors to enrolment or verification first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response = self._needs_second_factor(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _needs_second_factor(self, request: HttpRequest, user: User) -> HttpResponse | None:
        path = request.path
        static_url = "/" + settings.STATIC_URL.lstrip("/")
        if path.startswith((*_OPEN_PREFIXES, static_url)):
            return None
        if not requires_two_factor(user) or is_verified(user):
            return None
        if path.startswith("/api/"):
            return JsonResponse(
                {"detail": "Two-factor verification is required for this account."}, status=403
            )
        target = "otp_verify" if has_confirmed_device(user) else "otp_setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


def lockout_response(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    """The page shown to a locked-out login: what happened and when to try again."""
    from django.shortcuts import render

    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(
        request,
        "registration/locked_out.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": minutes,
            "username": (request.POST.get("username", "") if request.method == "POST" else "")[
                :150
            ],
        },
        status=429,
    )
