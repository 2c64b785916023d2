"""Forms of the library's pages; every check beyond the field types is the services' (shown with
``apply_service_errors``)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext, gettext_lazy

from remacto.cocreation.models import Principle, Programme
from remacto.core.forms import ReadableFieldsMixin
from remacto.territories.models import Collectivity

from .models import SUMMARY_MAX, TITLE_MAX, Practice

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PRINCIPLE_LABELS = {
    "serves_transparency": gettext_lazy("transparency and accountability"),
    "serves_information": gettext_lazy("access to information"),
    "serves_participation": gettext_lazy("citizen participation"),
    "serves_digitalisation": gettext_lazy("digitalisation"),
}


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Words"), required=False, max_length=settings.SEARCH_MAX_LENGTH)
    axis = forms.CharField(label=gettext_lazy("Axis"), required=False, max_length=settings.SEARCH_MAX_LENGTH)
    principle = forms.ChoiceField(
        label=gettext_lazy("Principle"),
        required=False,
        choices=[("", gettext_lazy("Every principle")), *Principle.choices],
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of collectivity"),
        required=False,
        choices=[("", gettext_lazy("Every kind")), *Collectivity.Kind.choices],
    )
    member = forms.SlugField(required=False, max_length=80, widget=forms.HiddenInput)


class PracticeForm(ReadableFieldsMixin, forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=TITLE_MAX)
    summary = forms.CharField(
        label=gettext_lazy("Summary"), max_length=SUMMARY_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    description = forms.CharField(
        label=gettext_lazy("What was done"),
        help_text=gettext_lazy("Markdown: lists, links, emphasis."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    results = forms.CharField(label=gettext_lazy("Results"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    started_on = forms.DateField(label=gettext_lazy("Started on"), required=False, widget=DATE)
    ended_on = forms.DateField(label=gettext_lazy("Ended on"), required=False, widget=DATE)
    serves_transparency = forms.BooleanField(label=PRINCIPLE_LABELS["serves_transparency"], required=False)
    serves_information = forms.BooleanField(label=PRINCIPLE_LABELS["serves_information"], required=False)
    serves_participation = forms.BooleanField(label=PRINCIPLE_LABELS["serves_participation"], required=False)
    serves_digitalisation = forms.BooleanField(label=PRINCIPLE_LABELS["serves_digitalisation"], required=False)
    source_programme = forms.ModelChoiceField(
        label=gettext_lazy("Copy the axes and projects of a programme"),
        queryset=Programme.objects.none(),
        required=False,
    )
    structure = forms.CharField(
        label=gettext_lazy("Axes and projects"),
        help_text=gettext_lazy("One axis per line; its projects below it, each on a line starting with “-”."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    contact_name = forms.CharField(label=gettext_lazy("Contact person"), max_length=120)
    contact_email = forms.EmailField(label=gettext_lazy("Contact email"), required=False)
    contact_phone = forms.CharField(label=gettext_lazy("Contact phone"), required=False, max_length=30)
    document = forms.FileField(label=gettext_lazy("Document (PDF or photo, 5 MB at most)"), required=False)
    document_title = forms.CharField(label=gettext_lazy("Title of the document"), required=False, max_length=TITLE_MAX)

    def __init__(self, *args, collectivity: Collectivity, practice: Practice | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if practice is None:
            self.fields["source_programme"].queryset = Programme.objects.filter(collectivity=collectivity)
            self.fields["source_programme"].empty_label = gettext("(none: type them below)")
        else:
            del self.fields["source_programme"]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class TemplateForm(forms.Form):
    programme = forms.ModelChoiceField(label=gettext_lazy("Programme"), queryset=Programme.objects.none())

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
