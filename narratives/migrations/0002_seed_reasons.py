"""Seed the reasons for leaving, and their sub-reasons, from the 2015 study of 58 defectors."""

from django.db import migrations

REASONS = [
    (
        "infighting",
        "Infighting among Sunni groups",
        "The group fought other Sunni rebels instead of the regime.",
        [
            ("infighting_sunni_rebels", "Fighting other Sunni rebel groups"),
            ("infighting_assad", "Too little done against the Assad regime"),
            ("infighting_spies", "Leadership obsessed with spies and traitors"),
        ],
    ),
    (
        "brutality",
        "Brutality against Sunni Muslims",
        "Violence against the very people the group claimed to protect.",
        [
            ("brutality_civilians", "Civilian casualties ignored"),
            ("brutality_hostages", "Killing of hostages"),
            ("brutality_villagers", "Mistreatment of villagers"),
            ("brutality_own_fighters", "Execution of own fighters"),
        ],
    ),
    (
        "corruption",
        "Corruption and un-Islamic behaviour",
        "Leaders and members who did not live by the ideals they preached.",
        [
            ("corruption_favouritism", "Favouritism"),
            ("corruption_foreign_fighters", "Privileges for foreign fighters"),
            ("corruption_leaders", "Leaders failing the group's ideals"),
            ("corruption_enemy_deals", "Business deals with enemies"),
        ],
    ),
    (
        "quality_of_life",
        "Quality of life",
        "The life promised was not the life delivered.",
        [
            ("qol_promises", "Promised goods never came"),
            ("qol_shortages", "Shortages of basics and electricity"),
            ("qol_menial", "Boring, menial duties"),
            ("qol_cannon_fodder", "Used as cannon fodder or as a suicide bomber"),
        ],
    ),
]


def seed(apps, schema_editor):
    Reason = apps.get_model("narratives", "Reason")
    for position, (code, name, description, children) in enumerate(REASONS):
        parent, _ = Reason.objects.update_or_create(
            code=code,
            defaults={"name": name, "description": description, "position": position},
        )
        for child_position, (child_code, child_name) in enumerate(children):
            Reason.objects.update_or_create(
                code=child_code,
                defaults={"name": child_name, "parent": parent, "position": child_position},
            )


class Migration(migrations.Migration):
    dependencies = [("narratives", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
