"""Legal population of communes and prefectural or provincial councils, and the arrondissements flag (petition
thresholds). Councils of a prefecture or province take their census figure (RGPH 2024) from it."""

from django.db import migrations, models


def fill_councils(apps, schema_editor):
    Collectivity = apps.get_model("territories", "Collectivity")
    councils = Collectivity.objects.filter(
        kind__in=["prefecture_council", "province_council"], population__isnull=True, province__isnull=False
    ).select_related("province")
    for council in councils:
        if council.province.population_2024:
            council.population = council.province.population_2024
            council.save(update_fields=["population"])


def empty_councils(apps, schema_editor):
    Collectivity = apps.get_model("territories", "Collectivity")
    Collectivity.objects.filter(kind__in=["prefecture_council", "province_council"]).update(population=None)


class Migration(migrations.Migration):
    dependencies = [
        ("territories", "0002_kind_labels"),
    ]

    operations = [
        migrations.AddField(
            model_name="collectivity",
            name="population",
            field=models.PositiveIntegerField(
                blank=True,
                help_text="For communes and prefectural or provincial councils; a regional council uses its region's census figure.",
                null=True,
                verbose_name="legal population",
            ),
        ),
        migrations.AddField(
            model_name="collectivity",
            name="has_arrondissements",
            field=models.BooleanField(
                default=False,
                help_text="Communes divided into arrondissements have their own petition threshold.",
                verbose_name="commune with arrondissements",
            ),
        ),
        migrations.RunPython(fill_councils, empty_councils),
    ]
