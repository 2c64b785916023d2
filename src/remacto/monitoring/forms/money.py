"""Staff forms of money: a spending line typed by hand, a file of lines to import, the list's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from remacto.cocreation import imports
from remacto.core.forms import ReadableFieldsMixin

from ..models import SpendingLine
from ..services import spending

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{spending.project_code(obj)} {obj.title}"


class SpendingLineForm(ReadableFieldsMixin, forms.Form):
    """One line typed by hand; the amount is read and checked by the service (``spending.check_amount``)."""

    project = ProjectChoiceField(label=_("Project"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=SpendingLine.Kind.choices)
    amount = forms.CharField(
        label=_("Amount (MAD)"),
        max_length=30,
        help_text=_("Digits, with or without a space or dot between thousands: 450000, 450 000 or 450.000,50."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
    )
    spent_on = forms.DateField(label=_("Date"), widget=DATE)
    reference = forms.CharField(
        label=_("Reference"), max_length=100, help_text=_("The commitment or payment order number.")
    )
    label = forms.CharField(label=_("Label"), max_length=300, required=False)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = programme.projects.select_related("axis").order_by(
            "axis__order", "order", "id"
        )


class SpendingImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("At most 5 MB and 50,000 lines."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        imports.check_file(upload, spending.MAX_IMPORT_BYTES)
        return upload


class SpendingFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    project = forms.ChoiceField(label=_("Project"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=DATE)
    until = forms.DateField(label=_("To"), required=False, widget=DATE)

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = [("", _("All projects"))] + [
            (str(p.pk), f"{spending.project_code(p)} {p.title}") for p in projects
        ]
        self.fields["kind"].choices = [("", _("All kinds")), *SpendingLine.Kind.choices]
        self.fields["q"].widget.attrs["dir"] = "auto"
