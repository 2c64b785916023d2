"""Form helpers shared by the apps' views."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from .translation import TranslatedText


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
