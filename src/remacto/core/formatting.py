"""Locale-aware formatting of numbers and Moroccan dirham amounts.

Morocco writes Western digits in every language. Grouping and decimal marks follow the usual practice of each
language: ``1.234.567,50`` in Arabic, ``1 234 567,50`` in French and Amazigh, ``1,234,567.50`` in English.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language, gettext

_MARKS = {"ar": (".", ","), "fr": ("\u202f", ","), "zgh": ("\u202f", ","), "en": (",", ".")}


def _marks(language: str | None) -> tuple[str, str]:
    return _MARKS.get((language or get_language() or "ar").split("-")[0], _MARKS["ar"])


def format_number(value, decimals: int = 0, language: str | None = None) -> str:
    """Group thousands and round to ``decimals`` places with the marks of ``language`` (default: active)."""
    if value is None or value == "":
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    amount = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, _, fraction = f"{abs(amount):f}".partition(".")
    group, decimal = _marks(language)
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = sign + group.join(groups)
    return f"{text}{decimal}{fraction}" if decimals else text


def format_mad(value, language: str | None = None) -> str:
    """A dirham amount with two decimals and the currency word of ``language``: ``260.000,00 درهم``."""
    if value is None or value == "":
        return ""
    # Translators: the Moroccan dirham currency name after an amount, e.g. "260 000,00 MAD".
    return gettext("%(amount)s MAD") % {"amount": format_number(value, 2, language)}
