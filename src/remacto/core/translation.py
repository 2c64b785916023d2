"""Reading translatable content fields with a visible fallback.

Content fields are translated with django-modeltranslation (``name_ar``, ``name_fr``, ``name_en``,
``name_zgh``). When the reader's language is empty, the text comes from the fallback chain (ar → fr → en, then
any other language that has it) and pages say so ("shown in Arabic"), with the right ``lang`` and ``dir`` on the
text.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language, get_language_info


@dataclass(frozen=True)
class TranslatedText:
    """A content value with the language it is actually written in."""

    text: str
    language: str
    requested: str

    @property
    def is_fallback(self) -> bool:
        return bool(self.text) and self.language != self.requested

    @property
    def direction(self) -> str:
        return "rtl" if self.language in settings.LANGUAGES_BIDI else "ltr"

    @property
    def language_name(self) -> str:
        return get_language_info(self.language)["name_translated"]

    def __str__(self) -> str:
        return self.text


def fallback_chain(language: str) -> list[str]:
    """The reader's language first, then the configured fallbacks, without repeats."""
    chain = [language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]]
    return list(dict.fromkeys(chain))


def translated(obj, field: str, language: str | None = None) -> TranslatedText:
    """The value of ``obj.<field>`` in ``language`` (default: active), falling back along the chain."""
    requested = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    chain = fallback_chain(requested)
    # Then any other language: a title written only in Amazigh is shown rather than nothing.
    chain += [code for code in settings.MODELTRANSLATION_LANGUAGES if code not in chain]
    for code in chain:
        value = getattr(obj, f"{field}_{code}", "") or ""
        if value:
            return TranslatedText(value, code, requested)
    return TranslatedText("", requested, requested)
