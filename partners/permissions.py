"""Scopes: a view names the scope it needs; an API key must carry it. Staff may read every
read scope with their session; nobody else may use the API."""

from __future__ import annotations

from rest_framework.permissions import BasePermission

from core.roles import ROLES, has_role
from partners.authentication import PartnerClient
from partners.scopes import READ_SCOPES


def scope_required(view, request) -> str | None:
    scopes = getattr(view, "required_scopes", {})
    # HEAD is GET without the body: the same scope, or it would tell (ETag, length, 404
    # versus 200) what GET refuses.
    method = "GET" if request.method == "HEAD" else request.method
    return scopes.get(method) or scopes.get("*")


CONTENT_SCOPES = frozenset({"read:messages", "read:narratives", "read:excerpts"})


class HasScope(BasePermission):
    """The scope the view names for the method: on the API key, or a read scope for staff.

    A method the view does not serve needs no scope, only a caller who may use the API: the
    view then answers 405 (or OPTIONS) itself.
    """

    message = "Only API keys and staff sessions may use the API."

    def has_permission(self, request, view) -> bool:
        scope = scope_required(view, request)
        user = request.user
        if isinstance(user, PartnerClient):
            granted = set(request.auth.scopes)
            if scope is None:
                return True
            if scope == "any:changes":
                self.message = (
                    "This API key lacks a read scope for messages, narratives or excerpts."
                )
                return bool(granted & CONTENT_SCOPES)
            self.message = f"This API key lacks the scope {scope}."
            return scope in granted
        if user is not None and user.is_authenticated and user.is_active and user.is_staff:
            if not (user.is_superuser or has_role(user, *ROLES)):
                # Staff status alone is a flag, not a role: it opens nothing here.
                self.message = "This account has no role; ask an administrator to assign one."
                return False
            self.message = "Staff sessions may read; writing needs a partner's API key."
            return scope is None or scope == "any:changes" or scope in READ_SCOPES
        return False
