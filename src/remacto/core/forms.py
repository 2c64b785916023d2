"""Form helpers shared by the apps' views: service errors on forms, readable staff forms, and the one field for
money amounts."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info, gettext, gettext_lazy

from .formatting import AMOUNT_HELP, parse_amount
from .translation import TranslatedText

_NEGATIVE = gettext_lazy("The amount cannot be negative.")


_LANGUAGES = {code for code, _name in settings.LANGUAGES}
_TEXT_WIDGETS = (forms.TextInput, forms.Textarea, forms.EmailInput, forms.URLInput, forms.SearchInput)


class ReadableFieldsMixin:
    """Labels people can read and inputs that follow what is typed in them.

    Per-language model fields are labelled "Title (French)" instead of modeltranslation's "Title [fr]"; choice
    lists start with a worded empty choice instead of "---------"; text inputs and textareas get ``dir="auto"``
    so Arabic and French each run in their own direction.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            code = name.rpartition("_")[2]
            suffix = f" [{code}]"
            if code in _LANGUAGES and str(field.label).endswith(suffix):
                field.label = gettext("%(field)s (%(language)s)") % {
                    "field": str(field.label).removesuffix(suffix),
                    "language": get_language_info(code)["name_translated"],
                }
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label == "---------":
                    field.empty_label = gettext("Choose…") if field.required else gettext("(none)")
            elif isinstance(field, forms.ChoiceField) and ("", "---------") in field.choices:
                field.choices = [(k, gettext("Choose…") if v == "---------" else v) for k, v in field.choices]
            if isinstance(field.widget, _TEXT_WIDGETS) and not isinstance(field, AmountField):
                field.widget.attrs.setdefault("dir", "auto")


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


class TranslatedSelect(forms.Select):
    """A select whose options shown in a fallback language carry their own ``lang`` and ``dir``.

    Labels given as :class:`~remacto.core.translation.TranslatedText` (content names such as regions or axes)
    keep the language they are written in; other labels render as usual.
    """

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if isinstance(label, TranslatedText) and label.is_fallback:
            option["attrs"] = {**option["attrs"], "lang": label.language, "dir": label.direction}
        return option


class LanguageSelect(forms.Select):
    """The choice of a language, each option named in its own language and marked so (``lang``, ``dir``)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value:
            direction = "rtl" if value in settings.LANGUAGES_BIDI else "ltr"
            option["attrs"] = {**option["attrs"], "lang": value, "dir": direction}
        return option


class TypedTitlesSelect(forms.Select):
    """A select of titles people typed: each option is its own bidi isolate (``dir="auto"``)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value:
            option["attrs"] = {**option["attrs"], "dir": "auto"}
        return option
