"""Search normalisation for Arabic and Latin names.

Arabic spellings of one place differ in diacritics, hamza seats, alef forms and ta marbuta (أولاد / اولاد,
تايمة / تايمه); French ones in accents and case. Names are stored with a normalised copy and queries are
normalised the same way, so a plain substring match finds them on SQLite and PostgreSQL alike.
"""

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
