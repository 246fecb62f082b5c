"""Create the Editor, Analyst, Custodian and Partner groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from core.roles import sync_roles


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create them now so the
    # groups can hold them from the start.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
        app_config.models_module = None
    sync_roles(apps, using=schema_editor.connection.alias)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Editor", "Analyst", "Custodian", "Partner"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("narratives", "0002_seed_reasons"),
        ("campaigns", "0002_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
