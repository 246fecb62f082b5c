from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from core.models import User


@admin.register(User)
class CmsUserAdmin(UserAdmin):
    list_display = ["username", "email", "is_staff", "is_active", "roles", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]

    @admin.display(description="roles")
    def roles(self, obj):
        return ", ".join(group.name for group in obj.groups.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")
