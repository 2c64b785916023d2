"""The default response-time targets: two working days for a first answer, five for a legal question."""

from django.db import migrations

DEFAULTS = {"platform": 2, "methodology": 2, "legal": 5, "technical": 2, "training": 5, "other": 2}


def add_defaults(apps, schema_editor):
    target = apps.get_model("support", "ResponseTarget")
    for category, days in DEFAULTS.items():
        target.objects.get_or_create(category=category, defaults={"working_days": days})


def remove_defaults(apps, schema_editor):
    apps.get_model("support", "ResponseTarget").objects.filter(category__in=DEFAULTS, updated_by__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, remove_defaults)]
