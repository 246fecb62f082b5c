"""The interface language: English, French or Arabic, chosen per user.

A signed-in user's choice is stored on the account (``set_interface_language``) and wins over
the language cookie and ``Accept-Language``, which Django's ``LocaleMiddleware`` reads for
everyone else. ``UserLanguageMiddleware`` applies it on every request and keeps the cookie in
step, so the login page after a logout, or on another device's next login, speaks it too.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from core.models import User


def interface_languages() -> list[str]:
    """Return the codes of the interface languages, in settings order."""
    return [code for code, _name in settings.LANGUAGES]


def set_interface_language(*, user: User, language: str) -> None:
    """Remember ``language`` as the user's interface language ("" follows the browser)."""
    if language and language not in interface_languages():
        raise ValidationError(_("Unknown interface language."), code="unknown_language")
    User.objects.filter(pk=user.pk).update(interface_language=language)
    user.interface_language = language


def set_language_cookie(response: HttpResponse, language: str) -> None:
    """Set Django's language cookie as its own ``set_language`` view does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def _chosen_language(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    language = getattr(user, "interface_language", "")
    return language if language in interface_languages() else ""


class UserLanguageMiddleware:
    """Activate the signed-in user's own interface language (after authentication)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = _chosen_language(request)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        # Read again: the view may have logged someone in (or out).
        language = _chosen_language(request)
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            set_language_cookie(response, language)
        return response
