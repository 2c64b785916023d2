"""The expected Islamic holidays the table starts with (forecasts, marked ``expected`` until confirmed)."""

import datetime

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


def add_expected(model) -> None:
    """Add the expected rows missing from the table of ``model`` (the real model or a migration's)."""
    for key, hijri_year, date in EXPECTED:
        model.objects.get_or_create(key=key, hijri_year=hijri_year, defaults={"date": date, "expected": True})
