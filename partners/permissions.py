"""Scopes: a view names the scope it needs; an API key must carry it. Staff may read every
read scope with their session; nobody else may use the API."""

from __future__ import annotations

from rest_framework.permissions import BasePermission

from partners.authentication import PartnerClient
from partners.scopes import READ_SCOPES


def scope_required(view, request) -> str | None:
    scopes = getattr(view, "required_scopes", {})
    return scopes.get(request.method) or scopes.get("*")


class HasScope(BasePermission):
    message = "This API key does not carry the scope this endpoint needs."

    def has_permission(self, request, view) -> bool:
        scope = scope_required(view, request)
        user = request.user
        if isinstance(user, PartnerClient):
            if scope == "any:changes":
                return bool(
                    set(request.auth.scopes) & {"read:messages", "read:narratives", "read:excerpts"}
                )
            return scope is not None and scope in request.auth.scopes
        if user is not None and user.is_authenticated and user.is_active and user.is_staff:
            return scope == "any:changes" or scope in READ_SCOPES
        return False
