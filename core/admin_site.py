from django.contrib import admin

from core.roles import ADMIN_ROLES, has_role
from core.security import is_verified, requires_two_factor


class CmsAdminSite(admin.AdminSite):
    site_header = "Counter-messaging content system"
    site_title = "Counter-messaging admin"
    index_title = "Administration"

    def has_permission(self, request) -> bool:
        """Let in active staff who are superusers, editors or custodians; nobody else.

        Where two factors are required, only once this session verified one (the middleware
        sends the user to verify first; this is the second lock on the same door).
        """
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        if requires_two_factor(user) and not is_verified(user):
            return False
        return user.is_superuser or has_role(user, *ADMIN_ROLES)
