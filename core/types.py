"""Types for annotations: the user model, and a request whose user has signed in.

``User`` is ``core.models.User``, the ``AUTH_USER_MODEL``: annotate users and actors with it
(``User | None`` where the system acts). ``request.user`` is ``User | AnonymousUser``; a view
behind ``login_required`` takes an :class:`AuthenticatedHttpRequest`, whose ``user`` is a
``User``.
"""

from __future__ import annotations

from django.http import HttpRequest

from core.models import User

__all__ = ["AuthenticatedHttpRequest", "User"]


class AuthenticatedHttpRequest(HttpRequest):
    """``HttpRequest`` after ``login_required``: only ever used in annotations."""

    user: User
