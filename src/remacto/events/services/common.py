"""Checks the event services share: typed text without control characters."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from remacto.core.text import has_control_characters
from remacto.core.validators import clean_text


def text(value, field: str, *, max_length: int, empty: str = "") -> str:
    """``core.validators.clean_text``, refusing NUL and other control characters too."""
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError({field: _("The text contains control characters (such as NUL) that no field accepts.")})
    return clean_text(value, field, max_length=max_length, empty=empty)
