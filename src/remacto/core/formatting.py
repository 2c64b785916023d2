"""Locale-aware formatting and parsing of numbers and Moroccan dirham amounts.

Morocco writes Western digits in every language. Grouping and decimal marks follow the usual practice of each
language: ``1.234.567,50`` in Arabic, ``1 234 567,50`` in French and Amazigh, ``1,234,567.50`` in English.
``parse_amount`` reads back what people type in any of these forms, Eastern Arabic digits included; every money
field of the staff forms and services goes through it.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext, gettext_lazy

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


# Eastern Arabic (U+0660...) and Persian (U+06F0...) digits, the Arabic decimal and thousands marks, apostrophes.
_DIGITS = str.maketrans(
    {**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)}, "\u066b": ",", "\u066c": "."}
)
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f'’]+")
_CURRENCY = re.compile(r"(?i)(درهم|dhs?|mad)\.?$")
AMOUNT_HELP = gettext_lazy("Digits, with or without a space or dot between thousands: 450000, 450 000 or 450.000,50.")
_INVALID = gettext_lazy(
    "Write the amount with digits, for example 450000, 450 000 or 450.000,50 (at most two decimals)."
)


def _grouped(whole: str, mark: str) -> str:
    if not re.fullmatch(r"\d{1,3}(?:" + re.escape(mark) + r"\d{3})+", whole):
        raise ValidationError(_INVALID, code="invalid")
    return whole.replace(mark, "")


def parse_amount(value) -> Decimal:
    """An amount as people write it: ``450000``, ``450 000``, ``450.000,00``, ``450,000``, ``450000.5``, ``٤٥٠٠٠٠``.

    A mark followed by exactly three digits groups thousands; the last of two different marks, or a single mark
    followed by one or two digits, is the decimal mark. Anything else raises a ``ValidationError`` whose message
    says how to write the amount.
    """
    if isinstance(value, int | Decimal):
        return Decimal(value)
    text = _CURRENCY.sub("", _SPACES.sub("", str(value).translate(_DIGITS)))
    sign = ""
    if text and text[0] in "-+":
        sign, text = text[0].replace("+", ""), text[1:]
    if not re.fullmatch(r"\d(?:[\d.,]*\d)?", text):
        raise ValidationError(_INVALID, code="invalid")
    marks = [c for c in text if c in ".,"]
    whole, fraction = text, ""
    if marks:
        last = marks[-1]
        head, _, tail = text.rpartition(last)
        if set(marks) == {".", ","} or (marks.count(last) == 1 and len(tail) != 3):
            whole, fraction = head, tail
            group = {".": ",", ",": "."}[last]
            whole = _grouped(whole, group) if group in whole else whole
        else:
            whole = _grouped(text, last)
    if not whole.isdigit() or len(fraction) > 2 or (fraction and not fraction.isdigit()):
        raise ValidationError(_INVALID, code="invalid")
    return Decimal(f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}")
