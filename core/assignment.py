"""Who may be assigned to review a narrative or a message, in one place for both apps.

Only analysts review, so only analysts are assigned, and only analysts assign (one may also
claim an item for themself). Four eyes: whoever shaped the item (its author, or someone whose
edit is in the version under review) may not approve it, so may not be assigned it either.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.models import User
from core.roles import ANALYST, has_role


def require_assigner(user: User) -> None:
    """Refuse anyone but an analyst (or a superuser) who tries to assign a reviewer."""
    if not (has_role(user, ANALYST) or user.is_superuser):
        raise PermissionDenied(_("Only analysts can assign reviewers."))


def require_assignable(assignee: User, *, shaped_it: bool, error: type[Exception]) -> None:
    """Refuse an assignee who is not an active analyst, or who shaped the item under review."""
    if not has_role(assignee, ANALYST):
        raise error(_("Only analysts can be assigned to review."))
    if shaped_it:
        raise error(
            _(
                "This analyst wrote or edited what is under review and may not approve it: "
                "assign another analyst."
            )
        )


def analysts() -> QuerySet[User]:
    """The active analysts, by username: whom an item may be assigned to."""
    return User.objects.filter(is_active=True, groups__name=ANALYST).order_by("username").distinct()
