"""The form of the Islamic holiday table's page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from remacto.core.forms import ReadableFieldsMixin

from .models import IslamicHoliday


class HolidayForm(ReadableFieldsMixin, forms.Form):
    key = forms.ChoiceField(label=_("Holiday"), choices=[("", "---------"), *IslamicHoliday.Key.choices])
    date = forms.DateField(
        label=_("First day"),
        widget=forms.DateInput(attrs={"type": "date", "dir": "ltr"}),
        help_text=_("Eid al-Fitr, Eid al-Adha and the Mawlid last two days from this date."),
    )
    expected = forms.BooleanField(
        label=_("Expected date, not yet announced"),
        required=False,
        help_text=_("Untick once the date is officially announced."),
    )
