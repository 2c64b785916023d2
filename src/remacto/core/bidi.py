"""Bidirectional text: numbers and dates kept in order inside right-to-left text, and the controls people type
(U+202E and kin) kept from reversing their neighbours.

After Arabic letters, the Unicode bidirectional algorithm reads digits as Arabic numbers, and a hyphen between
two of them no longer binds them: the cycle "2026-2027" shows as «2027-2026», and "29/11/2026 14:30" puts the
time before the date. :func:`isolate` wraps a value in ``<bdi>``: left to right when it has no right-to-left
letter (numbers, cycles, numeric dates, Tifinagh or Latin dates), otherwise in its own direction with every
number range inside kept left to right (:func:`number_runs_kept` keeps the ranges without the outer isolate: the
``bdi`` filter and ``tr_inline`` use it on typed names and titles). :func:`isolate_text` does the same with
Unicode isolate marks for places that take no markup (page titles).

Text people typed may hold bidi controls. In HTML it goes in ``<bdi>`` (the ``bdi`` template filter). Where no
markup can isolate it: :func:`strip_bidi` removes every control (CSV cells, PDFs), :func:`isolate_plain` removes
them and wraps the text in one isolate (notifications, emails), and :func:`balance` removes embeddings and
overrides and closes unbalanced isolates, so that the isolates :func:`isolate_text` adds survive (page titles).
"""

import re

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, SafeString, mark_safe

_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# Digits joined by separators the algorithm would otherwise split: 2026-2027, 29/11/2026, 14:30, 1.234.
_NUMBER_RUN = re.compile(r"\d+(?:\s?[-–—/.:,]\s?\d+)+")
_LRI, _FSI, _PDI = "\u2066", "\u2068", "\u2069"
# Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): they change the order of the text
# around them until closed. The marks (LRM, RLM, ALM) only weigh on their neighbours and are kept.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_EMBEDDINGS_AND_OVERRIDES = re.compile("[\u202a-\u202e]")
_ISOLATE_INITIATORS = frozenset("\u2066\u2067\u2068")


def has_rtl_letters(text: str) -> bool:
    return bool(_RTL_LETTER.search(text))


def isolate(value) -> SafeString:
    """``value`` escaped and isolated in ``<bdi>``; see the module docstring. Empty values give ""."""
    text = "" if value is None else str(value)
    if not text:
        return mark_safe("")
    if not has_rtl_letters(text):
        return format_html('<bdi dir="ltr">{}</bdi>', text)
    inner = _ranges_left_to_right(str(conditional_escape(text)))
    return mark_safe(f"<bdi>{inner}</bdi>")  # noqa: S308 - ``inner`` is escaped text plus our own tags


def _ranges_left_to_right(escaped: str) -> str:
    return _NUMBER_RUN.sub(lambda match: f'<bdi dir="ltr">{match.group(0)}</bdi>', escaped)


def number_runs_kept(value) -> SafeString:
    """``value`` escaped, each number range in it kept left to right when it holds right-to-left letters (a typed
    title "برنامج 2026-2027" would otherwise show «2027-2026»). Markup already marked safe is returned as it is:
    its attributes must not be touched."""
    if isinstance(value, SafeData):
        return mark_safe(value)  # noqa: S308 - already safe
    text = "" if value is None else str(value)
    escaped = str(conditional_escape(text))
    if not has_rtl_letters(text):
        return mark_safe(escaped)  # noqa: S308 - escaped above
    return mark_safe(_ranges_left_to_right(escaped))  # noqa: S308 - escaped text plus our own tags


def isolate_text(value) -> str:
    """Plain-text form of :func:`isolate` with Unicode isolate marks (LRI/FSI … PDI)."""
    text = "" if value is None else str(value)
    if not text:
        return ""
    if not has_rtl_letters(text):
        return f"{_LRI}{text}{_PDI}"
    return _FSI + _NUMBER_RUN.sub(lambda match: f"{_LRI}{match.group(0)}{_PDI}", text) + _PDI


def strip_bidi(text: str | None) -> str:
    """``text`` without bidirectional embeddings, overrides and isolates (for cells of a CSV or a PDF)."""
    return _BIDI_CONTROLS.sub("", text or "")


def isolate_plain(text: str | None) -> str:
    """``text`` stripped of bidi controls and wrapped in one first-strong isolate, for a plain-text sentence.

    Its direction is its own (an Arabic name inside a French sentence keeps its order) and nothing in it can
    reorder the words around it. In HTML use ``<bdi>`` instead (the ``bdi`` template filter).
    """
    text = strip_bidi(text)
    return f"{_FSI}{text}{_PDI}" if text else ""


def balance(text: str | None) -> str:
    """``text`` without embeddings and overrides, its isolates balanced: a pop without its isolate is dropped and
    an isolate left open is closed at the end. Balanced isolates reorder nothing outside them, so what
    :func:`isolate_text` put in a page title is kept while nothing typed can reverse the rest of the title."""
    out, open_isolates = [], 0
    for ch in _EMBEDDINGS_AND_OVERRIDES.sub("", text or ""):
        if ch in _ISOLATE_INITIATORS:
            open_isolates += 1
        elif ch == _PDI:
            if not open_isolates:
                continue
            open_isolates -= 1
        out.append(ch)
    return "".join(out) + _PDI * open_isolates
