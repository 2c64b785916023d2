"""Forms of progress: the update with its photos and documents, one row per activity (its new status, if any) and
one per indicator (a new measurement, if any), and the assignment of staff. They only parse what is typed; the
services decide."""

from django import forms
from django.forms import formset_factory
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from remacto.cocreation.idea_forms import MultipleFileField, MultipleFileInput
from remacto.core.forms import ReadableFieldsMixin

from .models import ActivityStatus
from .services.progress import MAX_DOCUMENTS, MAX_PHOTOS

DATE = {"type": "date"}


def _photos_help() -> str:
    """The photos field's help, read in the language of each request (a class attribute is built only once)."""
    return ngettext(
        "Up to %(n)d JPEG or PNG photo, 5 MB at most.", "Up to %(n)d JPEG or PNG photos, 5 MB each at most.", MAX_PHOTOS
    ) % {"n": MAX_PHOTOS}


class UpdateForm(ReadableFieldsMixin, forms.Form):
    reported_on = forms.DateField(
        label=_("Date of the situation"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    progress = forms.IntegerField(
        label=_("Physical progress (%)"),
        help_text=_("From 0 to 100."),
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "inputmode": "numeric"}),
    )
    narrative = forms.CharField(label=_("What was done"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    decrease_reason = forms.CharField(
        label=_("Reason for lower progress"),
        max_length=500,
        required=False,
        help_text=_("Required when progress is lower than in the previous update."),
    )
    completed = forms.BooleanField(
        label=_("The project is completed"), required=False, help_text=_("Only at 100% physical progress.")
    )
    photos = MultipleFileField(
        label=_("Photos"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/png,image/jpeg"}),
        help_text=lazy(_photos_help, str)(),
    )
    documents = MultipleFileField(
        label=_("Documents"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "application/pdf"}),
        help_text=_("Up to %(n)d PDF documents, 5 MB each at most.") % {"n": MAX_DOCUMENTS},
    )


class ActivityChangeForm(ReadableFieldsMixin, forms.Form):
    """An activity's new status; left empty, the activity keeps its status."""

    activity = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("New status"), required=False, choices=[("", _("(no change)")), *ActivityStatus.Status.choices]
    )
    started_on = forms.DateField(
        label=_("Actual start"), required=False, widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    finished_on = forms.DateField(
        label=_("Actual end"), required=False, widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class IndicatorMeasureForm(ReadableFieldsMixin, forms.Form):
    """A new measurement of an indicator; left empty, nothing is recorded."""

    indicator = forms.IntegerField(widget=forms.HiddenInput)
    value = forms.DecimalField(
        label=_("Value measured"),
        required=False,
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
    )
    measured_on = forms.DateField(
        label=_("Measured on"), required=False, widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    source = forms.CharField(label=_("Source"), max_length=300, required=False)


ActivityChangeFormSet = formset_factory(ActivityChangeForm, extra=0)
IndicatorMeasureFormSet = formset_factory(IndicatorMeasureForm, extra=0)


def activity_changes(formset) -> list[dict]:
    """The rows of ``formset`` that give a new status."""
    return [
        {key: form.cleaned_data.get(key) for key in ("activity", "status", "started_on", "finished_on", "note")}
        for form in formset.forms
        if form.cleaned_data.get("status")
    ]


def indicator_values(formset) -> list[dict]:
    """The rows of ``formset`` that give a value."""
    return [
        {key: form.cleaned_data.get(key) for key in ("indicator", "value", "measured_on", "source")}
        for form in formset.forms
        if form.cleaned_data.get("value") is not None
    ]


class AssignForm(ReadableFieldsMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email address of the person's account"), widget=forms.EmailInput(attrs={"dir": "ltr"})
    )
