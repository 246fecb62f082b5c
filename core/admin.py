from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from core.models import AuditEntry, User


@admin.register(User)
class CmsUserAdmin(UserAdmin):
    list_display = ["username", "email", "is_staff", "is_active", "roles", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]

    @admin.display(description="roles")
    def roles(self, obj):
        return ", ".join(group.name for group in obj.groups.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail, for superusers to read; nobody adds, changes or deletes."""

    list_display = ["at", "action", "actor_username", "target_type", "target_id", "ip"]
    list_filter = ["action", "actor_username", "target_type", ("at", admin.DateFieldListFilter)]
    search_fields = ["actor_username", "target_id", "ip", "action"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    list_per_page = 100
    show_full_result_count = False  # counting a long trail on every page is slow
    actions = None

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
