"""The expected Islamic holidays of 2026 and 2027, marked ``expected``: network admins confirm or correct each date
once it is announced (the moon sighting can move it by a day)."""

from django.db import migrations

from remacto.cases.expected import EXPECTED, add_expected


def add(apps, schema_editor):
    add_expected(apps.get_model("cases", "IslamicHoliday"))


def remove(apps, schema_editor):
    IslamicHoliday = apps.get_model("cases", "IslamicHoliday")
    for key, hijri_year, date in EXPECTED:
        IslamicHoliday.objects.filter(key=key, hijri_year=hijri_year, date=date, expected=True).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(add, remove)]
