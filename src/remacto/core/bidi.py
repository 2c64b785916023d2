"""Keeping numbers, number ranges, dates and cycle labels in order inside right-to-left text.

After Arabic letters, the Unicode bidirectional algorithm reads digits as Arabic numbers, and a hyphen between
two of them no longer binds them: the cycle "2026-2027" shows as «2027-2026», and "29/11/2026 14:30" puts the
time before the date. :func:`isolate` wraps a value in ``<bdi>``: left to right when it has no right-to-left
letter (numbers, cycles, numeric dates, Tifinagh or Latin dates), otherwise in its own direction with every
number range inside kept left to right. :func:`isolate_text` does the same with Unicode isolate marks for
places that take no markup (page titles).
"""

import re

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# Digits joined by separators the algorithm would otherwise split: 2026-2027, 29/11/2026, 14:30, 1.234.
_NUMBER_RUN = re.compile(r"\d+(?:\s?[-–—/.:,]\s?\d+)+")
_LRI, _FSI, _PDI = "\u2066", "\u2068", "\u2069"


def has_rtl_letters(text: str) -> bool:
    return bool(_RTL_LETTER.search(text))


def isolate(value) -> SafeString:
    """``value`` escaped and isolated in ``<bdi>``; see the module docstring. Empty values give ""."""
    text = "" if value is None else str(value)
    if not text:
        return mark_safe("")
    if not has_rtl_letters(text):
        return format_html('<bdi dir="ltr">{}</bdi>', text)
    escaped = str(conditional_escape(text))
    inner = _NUMBER_RUN.sub(lambda match: f'<bdi dir="ltr">{match.group(0)}</bdi>', escaped)
    return mark_safe(f"<bdi>{inner}</bdi>")  # noqa: S308 - ``inner`` is escaped text plus our own tags


def isolate_text(value) -> str:
    """Plain-text form of :func:`isolate` with Unicode isolate marks (LRI/FSI … PDI)."""
    text = "" if value is None else str(value)
    if not text:
        return ""
    if not has_rtl_letters(text):
        return f"{_LRI}{text}{_PDI}"
    return _FSI + _NUMBER_RUN.sub(lambda match: f"{_LRI}{match.group(0)}{_PDI}", text) + _PDI
