from django.contrib import admin

from core.roles import ADMIN_ROLES, has_role


class CmsAdminSite(admin.AdminSite):
    site_header = "Counter-messaging content system"
    site_title = "Counter-messaging admin"
    index_title = "Administration"

    def has_permission(self, request) -> bool:
        """Let in active staff who are superusers, editors or custodians; nobody else."""
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        return user.is_superuser or has_role(user, *ADMIN_ROLES)
