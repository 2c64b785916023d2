"""Search normalisation for Arabic and Latin names.

Arabic spellings of one place differ in diacritics, hamza seats, alef forms and ta marbuta (أولاد / اولاد,
تايمة / تايمه); French ones in accents and case. Names are stored with a normalised copy and queries are
normalised the same way, so a plain substring match finds them on SQLite and PostgreSQL alike.
"""

import re
import unicodedata

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_FOLDS = str.maketrans(
    {
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
)
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Fold ``text`` for searching: no diacritics, one alef/ya/ha form, no accents, lower case, single spaces."""
    text = _ARABIC_DIACRITICS.sub("", text or "")
    text = text.translate(_ARABIC_FOLDS)
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", text.casefold()).strip()
