"""Numbers and MAD amounts per language."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from remacto.core.formatting import format_mad, format_number, parse_amount


def test_grouping_per_language():
    assert format_number(1234567, language="ar") == "1.234.567"
    assert format_number(1234567, language="fr") == "1\u202f234\u202f567"
    assert format_number(1234567, language="en") == "1,234,567"


def test_decimals_round_half_up():
    assert format_number("2.005", 2, language="en") == "2.01"
    assert format_number(-1500.5, 1, language="fr") == "-1\u202f500,5"


def test_small_and_empty_values():
    assert format_number(0, language="ar") == "0"
    assert format_number(None) == ""
    assert format_mad("") == ""


def test_mad_amount_uses_the_catalogue_currency_word():
    with translation.override("ar"):
        assert format_mad(260000) == "260.000,00 درهم"
    with translation.override("fr"):
        assert format_mad(260000) == "260\u202f000,00 MAD"
    with translation.override("en"):
        assert format_mad(260000) == "260,000.00 MAD"


def test_dates_use_moroccan_month_names():
    import datetime

    from django.utils import formats

    day = datetime.date(2026, 8, 23)
    expected = {"ar": "23 غشت 2026", "fr": "23 août 2026", "zgh": "23 ⵖⵓⵛⵜ 2026"}
    for language, text in expected.items():
        with translation.override(language):
            assert formats.date_format(day) == text


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("450000", "450000"),
        ("450 000", "450000"),
        ("450\u202f000", "450000"),
        ("450.000,00", "450000.00"),
        ("450,000", "450000"),
        ("450.000", "450000"),
        ("450,000.50", "450000.50"),
        ("1500,5", "1500.5"),
        ("٤٥٠٠٠٠", "450000"),
        ("٤٥٠٬٠٠٠٫٥٠", "450000.50"),
        ("۴۵۰۰۰۰", "450000"),
        ("450 000 درهم", "450000"),
        ("450000 MAD", "450000"),
        ("-30", "-30"),
    ],
)
def test_amounts_as_people_write_them(typed, amount):
    assert parse_amount(typed) == Decimal(amount)


@pytest.mark.parametrize("typed", ["", "abc", "trente mille", "1.23.4", "12,3456", "4.5.6,78", "1,2,3", "450000,"])
def test_unreadable_amounts_say_how_to_write_them(typed):
    with translation.override("ar"), pytest.raises(ValidationError) as caught:
        parse_amount(typed)
    assert "450 000" in caught.value.messages[0] and not caught.value.messages[0].startswith("Write")
