"""Types for annotations: a request whose user has signed in.

The user model is ``core.models.User`` (``AUTH_USER_MODEL``); annotate users with it. A
view behind ``login_required`` takes an :class:`AuthenticatedHttpRequest`, whose ``user``
is a ``User`` rather than ``User | AnonymousUser``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from core.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """``HttpRequest`` after ``login_required``: only ever used in annotations."""

    user: User
