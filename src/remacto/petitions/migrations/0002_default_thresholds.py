"""The default signature thresholds (see :mod:`remacto.petitions.defaults`)."""

from django.db import migrations

from remacto.petitions import defaults


def create(apps, schema_editor):
    defaults.create(apps.get_model("petitions", "Threshold"))


def remove(apps, schema_editor):
    apps.get_model("petitions", "Threshold").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, remove)]
