"""The expected Islamic holidays of 2026 and 2027, marked ``expected``: network admins confirm or correct each date
once it is announced (the moon sighting can move it by a day)."""

import datetime

from django.db import migrations

EXPECTED = (
    ("eid_al_fitr", 1447, datetime.date(2026, 3, 20)),
    ("eid_al_adha", 1447, datetime.date(2026, 5, 27)),
    ("islamic_new_year", 1448, datetime.date(2026, 6, 16)),
    ("mawlid", 1448, datetime.date(2026, 8, 25)),
    ("eid_al_fitr", 1448, datetime.date(2027, 3, 9)),
    ("eid_al_adha", 1448, datetime.date(2027, 5, 16)),
    ("islamic_new_year", 1449, datetime.date(2027, 6, 6)),
    ("mawlid", 1449, datetime.date(2027, 8, 14)),
)


def add_expected(apps, schema_editor):
    IslamicHoliday = apps.get_model("cases", "IslamicHoliday")
    for key, hijri_year, date in EXPECTED:
        IslamicHoliday.objects.get_or_create(key=key, hijri_year=hijri_year, defaults={"date": date, "expected": True})


def remove_expected(apps, schema_editor):
    IslamicHoliday = apps.get_model("cases", "IslamicHoliday")
    for key, hijri_year, date in EXPECTED:
        IslamicHoliday.objects.filter(key=key, hijri_year=hijri_year, date=date, expected=True).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(add_expected, remove_expected)]
