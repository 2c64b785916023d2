"""Search normalisation for Arabic and Latin names.

Arabic spellings of one place differ in diacritics, hamza seats, alef forms and ta marbuta (أولاد / اولاد,
تايمة / تايمه); French ones in accents and case. Names are stored with a normalised copy and queries are
normalised the same way, so a plain substring match finds them on SQLite and PostgreSQL alike.

:func:`language_of_script` tells the language of a short title typed in one language only. The same module tells
text that no field accepts (:func:`has_control_characters`) and text that would show as
nothing (:func:`is_invisible`: zero-width characters, markup that sanitises away). Bidirectional controls are
``core.bidi``'s.
"""

import html
import re
import unicodedata

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_FOLDS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ئ": "ي",
    "ؤ": "و",
    "ة": "ه",
    "ء": "",
    "گ": "ك",
    "ڭ": "ك",
    "ڤ": "ف",
}
_ARABIC_TABLE = str.maketrans(_ARABIC_FOLDS)
# Accented Latin letters people type in French names; each folds to its base letter.
_LATIN_ACCENTED = "àâäçéèêëîïôöùûü"
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Fold ``text`` for searching: no diacritics, one alef/ya/ha form, no accents, lower case, single spaces."""
    text = _ARABIC_DIACRITICS.sub("", text or "")
    text = text.translate(_ARABIC_TABLE)
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _spellings() -> dict[str, str]:
    """For each folded letter, every letter that folds to it (itself first)."""
    groups: dict[str, list[str]] = {}
    for letter, base in _ARABIC_FOLDS.items():
        if base:
            groups.setdefault(base, [base]).append(letter)
    for letter in _LATIN_ACCENTED:
        groups.setdefault(normalise(letter), [normalise(letter)]).append(letter)
    return {base: "".join(letters) for base, letters in groups.items()}


_SPELLINGS = _spellings()
# What may sit between two letters of a stored text and is ignored: Arabic diacritics, tatweel, lone hamza.
_IGNORED_BETWEEN = "[\u064b-\u065f\u0670\u0640\u0621]*"


def search_regex(word: str) -> str:
    """A regular expression matching ``word`` (already :func:`normalise`-d) in text stored as typed.

    Each letter may appear in any spelling that :func:`normalise` folds to it, with diacritics between letters.
    SQLite (through Python's ``re``) and PostgreSQL understand it alike; use it with ``__iregex``.
    """
    parts = [f"[{_SPELLINGS[ch]}]" if ch in _SPELLINGS else re.escape(ch) for ch in word]
    return _IGNORED_BETWEEN.join(parts)


# C0 controls and DEL, except tab, line feed and carriage return (which text areas send). PostgreSQL cannot
# store a NUL; none of them belongs in a name, a search or a cell.
_DIGIT_TABLE = str.maketrans({**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)}})


def fold_digits(text: str) -> str:
    """``text`` with Arabic-Indic and Persian digits (as typed on Arabic keyboards) written as ASCII digits."""
    return text.translate(_DIGIT_TABLE)


_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_TIFINAGH_LETTER = re.compile("[\u2d30-\u2d7f]")


def language_of_script(text: str, latin: str = "fr") -> str:
    """The language a title is most likely written in, from its letters: Arabic script is Arabic, Tifinagh is
    Amazigh, anything else ``latin`` (the writer's French or English)."""
    if _ARABIC_LETTER.search(text or ""):
        return "ar"
    if _TIFINAGH_LETTER.search(text or ""):
        return "zgh"
    return latin


def has_control_characters(text: str) -> bool:
    """True when ``text`` holds NUL or another control character that no field accepts."""
    return bool(_CONTROL_CHARACTERS.search(text))


# Characters that show nothing: format characters (zero-width space and joiners, bidi controls, soft hyphen,
# BOM...), separators and the filler letters of Hangul and Braille that render as blanks.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f")
_TAGS = re.compile(r"<[^>]*>")


def _shows_nothing(ch: str) -> bool:
    category = unicodedata.category(ch)
    return ch.isspace() or category in ("Cf", "Cc", "Zs", "Zl", "Zp", "Mn", "Me") or ch in _BLANK_LETTERS


def is_invisible(text: str, *, rich: bool = False) -> bool:
    """True when ``text`` shows no character; ``rich`` text is judged as the site renders it (Markdown sanitised)."""
    if all(_shows_nothing(ch) for ch in text or ""):
        return True
    if not rich:
        return False
    from .markdown import render_markdown

    shown = html.unescape(_TAGS.sub("", render_markdown(text)))
    return all(_shows_nothing(ch) for ch in shown)
