"""Text that shows nothing once displayed is refused, by one validator that every posting service calls."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from remacto.core.text import is_invisible
from remacto.core.validators import clean_text, require_visible

INVISIBLE = [
    "\u200b\u200b\u200b",  # zero-width spaces
    "\u200c\u200d\u2060\ufeff",  # joiners, word joiner, byte-order mark
    "\u202e\u202d\u2066\u2069",  # bidi controls
    "\u00ad \u3164 \u2800",  # soft hyphen, Hangul filler, blank Braille
    " \u00a0\u2003\n\t",  # spaces of every width
]
RICH_ONLY = [
    "<script>alert(1)</script>",
    "<b></b><i>\u200b</i>",
    "***",
    "[](https://example.org)",
    "<img src=x onerror=alert(1)>",
    "<!-- -->",
]


@pytest.mark.parametrize("text", INVISIBLE)
def test_invisible_characters_show_nothing(text):
    assert is_invisible(text) and is_invisible(text, rich=True)


@pytest.mark.parametrize("text", RICH_ONLY)
def test_markup_that_sanitises_to_nothing_shows_nothing_as_rich_text(text):
    assert is_invisible(text, rich=True)
    assert not is_invisible(text)  # as plain text, the characters themselves are shown


@pytest.mark.parametrize("text", ["فكرة", "a", "ⴰ", "1", "**مهم**", "<b>x</b>", "\u200bنص\u200b", "…", "😀"])
def test_visible_text_passes(text):
    assert not is_invisible(text, rich=True)


def test_require_visible_names_each_field_in_the_readers_language():
    with translation.override("ar"), pytest.raises(ValidationError) as exc:
        require_visible({"title": "\u200b", "problem": "مشكلة", "body": "<b></b>", "empty": ""}, rich=["body"])
    assert set(exc.value.message_dict) == {"title", "body"}
    assert "غير مرئية" in exc.value.message_dict["title"][0]
    assert exc.value.error_dict["title"][0].code == "invisible"


@pytest.mark.parametrize(
    ("limit", "arabic", "french"),
    [
        (1, "الحد الأقصى حرف واحد (يتضمن هذا النص 150).", "1 caractère au plus"),
        (2, "الحد الأقصى حرفان (يتضمن هذا النص 150).", "2 caractères au plus"),
        (3, "الحد الأقصى 3 أحرف (يتضمن هذا النص 150).", "3 caractères au plus"),
        (120, "الحد الأقصى 120 حرفا (يتضمن هذا النص 150).", "120 caractères au plus"),
        (100, "الحد الأقصى 100 حرف (يتضمن هذا النص 150).", "100 caractères au plus"),
    ],
)
def test_a_text_too_long_is_refused_with_its_limit_in_the_right_form(limit, arabic, french):
    for language, expected in (("ar", arabic), ("fr", french)):
        with translation.override(language), pytest.raises(ValidationError) as exc:
            clean_text("ب" * 150, "body", max_length=limit)
        assert exc.value.message_dict["body"][0].startswith(expected)
