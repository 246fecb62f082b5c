"""What every page's header shows a signed-in user: unread notices, and what waits for them."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from core import notices


def notice_counts(request: HttpRequest) -> dict[str, object]:
    """``unread_notices`` and ``waiting_count``, counted only when a template reads them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notices": SimpleLazyObject(lambda: notices.unread_count(user)),
        "waiting_count": SimpleLazyObject(lambda: len(notices.waiting_for(user))),
    }
