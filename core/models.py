from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A staff or partner account; what it may do comes from its role groups."""

    def has_role(self, *roles: str) -> bool:
        """Return whether the user belongs to any of the named role groups."""
        if not self.is_active:
            return False
        names = getattr(self, "_role_names", None)
        if names is None:
            names = self._role_names = frozenset(self.groups.values_list("name", flat=True))
        return bool(names.intersection(roles))
