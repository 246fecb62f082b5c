import secrets

from django.db import migrations, models

import campaigns.models


def fill_tokens(apps, schema_editor):
    Rendition = apps.get_model("campaigns", "Rendition")
    for rendition in Rendition.objects.filter(token__isnull=True).only("pk"):
        Rendition.objects.filter(pk=rendition.pk).update(token=secrets.token_urlsafe(24))


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0005_rendition_file_hash_and_lease"),
    ]

    operations = [
        migrations.AddField(
            model_name="rendition",
            name="token",
            field=models.CharField(editable=False, max_length=40, null=True),
        ),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="rendition",
            name="token",
            field=models.CharField(
                default=campaigns.models.new_rendition_token,
                editable=False,
                max_length=40,
                unique=True,
            ),
        ),
    ]
