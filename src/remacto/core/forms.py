"""Form helpers shared by the apps' views: service errors on forms, and the one field for money amounts."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from .formatting import AMOUNT_HELP, parse_amount

_NEGATIVE = gettext_lazy("The amount cannot be negative.")


class AmountField(forms.CharField):
    """A dirham amount typed as people write it (``450 000``, ``450.000,00``, ``٤٥٠٠٠٠``), read by ``parse_amount``.

    Refused amounts come back with a message saying how to write them; negative amounts are refused.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("help_text", AMOUNT_HELP)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "dir": "ltr"}

    def clean(self, value):
        text = super().clean(value)
        if text in self.empty_values:
            return None
        amount = parse_amount(text)
        if amount < 0:
            raise ValidationError(_NEGATIVE, code="negative")
        return amount


def apply_service_errors(form, exc: ValidationError) -> None:
    """Show a service's ``ValidationError`` on the form: on its fields when named, else on top of the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
