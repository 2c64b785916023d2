"""Checks shared by every service that stores text a person typed."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .text import has_control_characters, is_invisible


def require_visible(values: Mapping[str, str], *, rich: Iterable[str] = ()) -> None:
    """Refuse every non-empty field of ``values`` that would show as nothing.

    Text made only of zero-width or other invisible characters, or (for the ``rich`` fields, rendered as
    Markdown) of markup that sanitises to nothing, is refused with one message per field. Empty fields are
    left to the ``required`` checks of the model or the service.
    """
    rich = set(rich)
    errors = {
        field: ValidationError(
            _("This text shows nothing once displayed (invisible characters or markup only). Write it in words."),
            code="invisible",
        )
        for field, value in values.items()
        if value and is_invisible(value, rich=field in rich)
    }
    if errors:
        raise ValidationError(errors)


def clean_text(value, field: str, *, max_length: int, empty: str = "", rich: bool = False) -> str:
    """``value`` stripped, or ``ValidationError`` on ``field``: empty while ``empty`` (an untranslated msgid saying
    what to write) makes it required, showing nothing once displayed, or longer than ``max_length``. An optional
    field left empty gives ``""``. NUL and other control characters are refused first: a service may be called
    without a form, whose fields would refuse them."""
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError({field: _("The text contains control characters (such as NUL) that no field accepts.")})
    text = (value or "").strip()
    if not text:
        if empty:
            raise ValidationError({field: _(empty)})
        return ""
    require_visible({field: text}, rich=[field] if rich else [])
    if len(text) > max_length:
        raise ValidationError(
            {
                field: ngettext(
                    "At most %(limit)d character, please (this text has %(count)d).",
                    "At most %(limit)d characters, please (this text has %(count)d).",
                    max_length,
                )
                % {"limit": max_length, "count": len(text)}
            }
        )
    return text


def clean_fields(specs, errors: dict) -> dict:
    """Each ``(field, value, max_length, empty)`` of ``specs`` through :func:`clean_text`: the cleaned values, every
    refusal added to ``errors`` (so that all the problems of a form are said at once)."""
    cleaned = {}
    for field, value, max_length, empty in specs:
        try:
            cleaned[field] = clean_text(value, field, max_length=max_length, empty=empty)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    return cleaned
