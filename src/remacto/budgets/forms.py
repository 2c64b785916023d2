"""Staff forms of campaigns: settings and districts. Forms only parse and type the input; every rule lives in
the services, whose errors are shown on the fields."""

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from remacto.core.forms import AmountField, ReadableFieldsMixin

from .models import Campaign, District, ImplementationStatus
from .services.campaigns import DATE_FIELDS, FROZEN_FIELDS, RULE_FIELDS

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CampaignForm(ReadableFieldsMixin, forms.ModelForm):
    budget = AmountField(label=_("Total budget (MAD)"))

    class Meta:
        model = Campaign
        fields = ["title_ar", "title_fr", "description_ar", "description_fr", "budget", *DATE_FIELDS, *RULE_FIELDS]
        widgets = {name: DATETIME for name in DATE_FIELDS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_ar"].required = True
        for name in DATE_FIELDS:
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M"]
        if self.instance.pk and self.instance.rules_locked:
            for name in FROZEN_FIELDS:
                self.fields[name].disabled = True

    def values(self) -> dict:
        """What to hand the service: the fields that were not disabled."""
        return {name: value for name, value in self.cleaned_data.items() if not self.fields[name].disabled}


class DistrictForm(ReadableFieldsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=District.Kind.choices)
    name = forms.CharField(label=_("Name"), max_length=150)
    budget = AmountField(label=_("Budget (MAD)"))


DistrictFormSet = formset_factory(DistrictForm, extra=2, can_delete=True, max_num=50, validate_max=True)


# --- Counting and results -------------------------------------------------------------------------------------


class ImplementationForm(ReadableFieldsMixin, forms.Form):
    """Where a selected project stands: status, progress and a public note."""

    status = forms.ChoiceField(label=_("Implementation"), choices=ImplementationStatus.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(
        label=_("Public note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was done, what comes next, what holds the project up."),
    )
