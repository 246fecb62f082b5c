from django.db import migrations

import narratives.fields


def derive_existing(apps, schema_editor):
    """Run the detectors over the free text of every record already in the vault."""
    from narratives.vault import SOURCE_FIELDS, derive_identifiers

    SourceRecord = apps.get_model("narratives", "SourceRecord")
    batch = []
    for record in SourceRecord.objects.only(*SOURCE_FIELDS).iterator(chunk_size=200):
        record.derived_identifiers = derive_identifiers(
            [getattr(record, name) or "" for name in SOURCE_FIELDS]
        )
        batch.append(record)
        if len(batch) == 200:
            SourceRecord.objects.bulk_update(batch, ["derived_identifiers"])
            batch = []
    if batch:
        SourceRecord.objects.bulk_update(batch, ["derived_identifiers"])


class Migration(migrations.Migration):
    dependencies = [
        ("narratives", "0004_dashboard_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="sourcerecord",
            name="derived_identifiers",
            field=narratives.fields.EncryptedJSONField(
                blank=True,
                editable=False,
                help_text="What the scanner's detectors found in the free-text fields, for the gate.",
                null=True,
            ),
        ),
        # Records written later derive on save; a record missed here is derived on read.
        migrations.RunPython(derive_existing, migrations.RunPython.noop, elidable=True),
    ]
