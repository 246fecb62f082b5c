from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.conf import settings
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from core import runtime

if TYPE_CHECKING:
    from django.apps.registry import Apps


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Accounts and operations")

    def ready(self) -> None:
        # The explicit start-up step the settings leave to us: var/ and the secrets in it.
        runtime.prepare(
            settings.RUNTIME_DIRECTORIES, [settings.SECRET_KEY, *settings.FIELD_ENCRYPTION_KEY]
        )
        post_migrate.connect(_sync_roles_after_migrate, sender=self)
        from core import signals  # noqa: F401 - connects the audit receivers
        from core.egress import register_core_surfaces

        register_core_surfaces()


class CmsAdminConfig(AdminConfig):
    default_site = "core.admin_site.CmsAdminSite"


def _sync_roles_after_migrate(
    sender: object,
    app_config: AppConfig | None = None,
    using: str = "default",
    apps: Apps | None = None,
    **kwargs: object,
) -> None:
    # Permissions of every app are created in their own post_migrate handlers, some of which
    # run after this one; create them all first so the role table can be applied in full.
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    from core.roles import sync_roles

    for config in global_apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using, apps=global_apps)
    sync_roles(global_apps, using=using)
