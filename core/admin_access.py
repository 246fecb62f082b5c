"""Admin classes whose permissions come from two predicates: who may see, who may write."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


class GatedAdmin(admin.ModelAdmin):
    """`may_see` answers module and view permission; `may_write` add, change and delete.

    Both refuse by default, so a subclass that only says who may see is read-only.
    """

    def may_see(self, request: HttpRequest) -> bool:
        return False

    def may_write(self, request: HttpRequest) -> bool:
        return False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.may_see(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.may_see(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.may_write(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.may_write(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.may_write(request)
