"""The four roles, as groups with model permissions.

The table below is the single source of truth: a data migration creates the groups, and a
``post_migrate`` handler keeps their permissions in step with it as models are added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.apps.registry import Apps
    from django.contrib.auth.models import AnonymousUser

    from core.models import User

EDITOR = "Editor"
ANALYST = "Analyst"
CUSTODIAN = "Custodian"
PARTNER = "Partner"
ROLES = (EDITOR, ANALYST, CUSTODIAN, PARTNER)

# Roles whose members may enter the Django admin site (superusers always may).
ADMIN_ROLES = frozenset({EDITOR, CUSTODIAN})

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    # Builds campaigns and messages from approved excerpts, picks templates, schedules.
    EDITOR: (
        "narratives.view_reason",
        "narratives.view_excerpt",
        "campaigns.add_campaign",
        "campaigns.change_campaign",
        "campaigns.view_campaign",
        "campaigns.add_message",
        "campaigns.change_message",
        "campaigns.delete_message",
        "campaigns.view_message",
        "campaigns.schedule_message",
        "campaigns.withdraw_message",
        "campaigns.add_messageexcerpt",
        "campaigns.change_messageexcerpt",
        "campaigns.delete_messageexcerpt",
        "campaigns.view_messageexcerpt",
        "campaigns.add_visualtemplate",
        "campaigns.change_visualtemplate",
        "campaigns.view_visualtemplate",
        "campaigns.view_rendition",
        "campaigns.view_publishevent",
        "campaigns.view_publication",
        # Plans experiments on a campaign; an analyst approves the plan before it starts.
        "campaigns.add_experiment",
        "campaigns.change_experiment",
        "campaigns.view_experiment",
        "campaigns.add_variant",
        "campaigns.change_variant",
        "campaigns.delete_variant",
        "campaigns.view_variant",
        "campaigns.view_experimentchange",
    ),
    # Anonymizes, tags and approves narratives; reviews messages; reads the dashboard.
    ANALYST: (
        "narratives.add_reason",
        "narratives.change_reason",
        "narratives.view_reason",
        "narratives.add_narrative",
        "narratives.change_narrative",
        "narratives.view_narrative",
        "narratives.approve_narrative",
        "narratives.add_excerpt",
        "narratives.change_excerpt",
        "narratives.delete_excerpt",
        "narratives.view_excerpt",
        "narratives.add_excerpttranslation",
        "narratives.change_excerpttranslation",
        "narratives.view_excerpttranslation",
        "campaigns.view_campaign",
        "campaigns.view_message",
        "campaigns.approve_message",
        "campaigns.view_rendition",
        "campaigns.view_publishevent",
        "campaigns.view_experiment",
        "campaigns.view_variant",
        "campaigns.view_experimentchange",
        "campaigns.approve_experiment",
    ),
    # Holds the identifying source material: the only role that can open the vault.
    CUSTODIAN: (
        "narratives.add_narrative",
        "narratives.view_narrative",
        "narratives.view_reason",
        "narratives.add_sourcerecord",
        "narratives.change_sourcerecord",
        "narratives.view_sourcerecord",
        "narratives.view_vaultaccess",
        "narratives.withdraw_consent",
    ),
    # Partner organisations' people: read what is published, nothing else.
    PARTNER: (
        "narratives.view_reason",
        "narratives.view_excerpt",
        "campaigns.view_campaign",
        "campaigns.view_message",
        "campaigns.view_rendition",
    ),
}


def sync_roles(apps: Apps, using: str = "default") -> None:
    """Create the role groups and set their permissions to exactly the table above."""
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, codes in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.using(using).get_or_create(name=role)
        wanted = []
        for code in codes:
            app_label, codename = code.split(".")
            perm = (
                permission_model.objects.using(using)
                .filter(content_type__app_label=app_label, codename=codename)
                .first()
            )
            if perm is not None:  # a model not migrated yet; the next migrate adds it
                wanted.append(perm)
        group.permissions.set(wanted)


def has_role(user: User | AnonymousUser | None, *roles: str) -> bool:
    """Return whether ``user`` (possibly anonymous) is active and in any of ``roles``."""
    if user is None or not user.is_authenticated:
        return False
    return user.has_role(*roles)
