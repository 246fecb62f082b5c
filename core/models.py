from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


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


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit entry."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The audit trail is append-only.")

    def delete(self):
        raise AppendOnlyError("The audit trail is append-only.")


class AuditEntry(models.Model):
    """One security-relevant event: who, what, on which object, from where, when.

    Append-only (the model, its queryset and, on PostgreSQL and SQLite, database triggers
    refuse changes). It holds identifiers only, never narrative or vault text: ``detail``
    accepts numbers, booleans and short identifier-like strings (see ``core.audit``).
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=40, db_index=True)
    # Plain columns rather than a foreign key: the trail must outlive the account, and a
    # cascade or SET NULL would be an UPDATE or DELETE on an append-only table.
    actor_pk = models.BigIntegerField(null=True, blank=True)
    actor_username = models.CharField(max_length=150, blank=True, db_index=True)
    target_type = models.CharField(max_length=40, blank=True)
    target_id = models.CharField(max_length=64, blank=True, db_index=True)
    ip = models.CharField("IP address", max_length=45, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "audit entry"
        verbose_name_plural = "audit trail"

    def __str__(self) -> str:
        return f"{self.action} by {self.actor_username or 'system'}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The audit trail is append-only.")
