"""Forms of the information pages; every check that matters is in the services (forms only parse)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from remacto.core.forms import ReadableFieldsMixin

from .models import (
    ANSWER_MAX_LENGTH,
    SUBJECT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    Complaint,
    DisclosureDocument,
    InformationRequest,
    Status,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _area(rows: int = 5):
    return forms.Textarea(attrs={"rows": rows, "dir": "auto"})


class RequestForm(ReadableFieldsMixin, forms.Form):
    subject = forms.CharField(
        label=_("Which information are you asking for?"),
        max_length=SUBJECT_MAX_LENGTH,
        help_text=_("For example: the minutes of the council's session of 5 March 2026."),
    )
    details = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=_area(),
        help_text=_("Anything that helps find the information: dates, places, the document's name."),
    )
    requester_kind = forms.ChoiceField(
        label=_("The requester is"),
        choices=InformationRequest.RequesterKind.choices,
        widget=forms.RadioSelect,
        help_text=_("Law 31.13 gives this right to citizens and to foreigners legally resident in Morocco."),
    )
    is_urgent = forms.BooleanField(
        label=_("Urgent: the information is needed to protect the life, safety or freedom of persons"),
        required=False,
        help_text=_("An urgent request is answered within 3 working days."),
    )
    urgency_reason = forms.CharField(label=_("Why is it urgent?"), required=False, max_length=1000, widget=_area(3))


class RecordForm(RequestForm):
    received_on = forms.DateField(
        label=_("Date of receipt"),
        widget=DATE,
        help_text=_("The date the collectivity received the request: the deadline runs from it."),
    )
    channel = forms.ChoiceField(
        label=_("How the request was received"),
        choices=[c for c in InformationRequest.Channel.choices if c[0] != InformationRequest.Channel.ONLINE],
        widget=forms.RadioSelect,
    )
    requester_name = forms.CharField(label=_("Requester's name"), max_length=120)
    requester_contact = forms.CharField(
        label=_("Where to send the answer (optional)"),
        required=False,
        max_length=200,
        help_text=_("Postal address or email of the requester. Seen by staff only."),
    )

    field_order = ["received_on", "channel", "requester_name", "requester_contact", "requester_kind"]


class AssignForm(forms.Form):
    officer = forms.ModelChoiceField(label=_("Officer in charge"), queryset=None, empty_label=None)

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        from remacto.accounts.models import User

        self.fields["officer"].queryset = User.objects.filter(pk__in=[person.pk for person in staff])


class ExtendForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons for the extension (sent to the requester)"), max_length=TEXT_MAX_LENGTH, widget=_area(4)
    )


class AnswerForm(ReadableFieldsMixin, forms.Form):
    text = forms.CharField(label=_("Answer"), required=False, max_length=ANSWER_MAX_LENGTH, widget=_area(6))
    document = forms.FileField(
        label=_("Document (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
        help_text=_("PDF, JPEG or PNG, at most 5 MB. Seen by the requester only."),
    )
    disclosure = forms.ModelChoiceField(
        label=_("Or point to a document the collectivity published"), queryset=None, required=False
    )

    def __init__(self, *args, disclosures=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["disclosure"].queryset = (
            disclosures if disclosures is not None else DisclosureDocument.objects.none()
        )


class RefuseForm(ReadableFieldsMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Legal reason"), choices=[("", "---------"), *InformationRequest.RefusalReason.choices], required=False
    )
    explanation = forms.CharField(
        label=_("Explanation to the requester"), required=False, max_length=TEXT_MAX_LENGTH, widget=_area(4)
    )


class PublishForm(forms.Form):
    question = forms.CharField(
        label=_("The question as the public will read it"),
        max_length=TEXT_MAX_LENGTH,
        widget=_area(3),
        help_text=_("Written without the requester's name or anything that identifies them."),
    )


class ComplaintForm(forms.Form):
    text = forms.CharField(
        label=_("Your complaint to the head of the collectivity"), max_length=TEXT_MAX_LENGTH, widget=_area(5)
    )


class ComplaintAnswerForm(ReadableFieldsMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Complaint.Outcome.choices, widget=forms.RadioSelect)
    answer = forms.CharField(
        label=_("Answer of the head of the collectivity"), max_length=TEXT_MAX_LENGTH, widget=_area(5)
    )


class DisclosureForm(ReadableFieldsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=[("", "---------"), *DisclosureDocument.Category.choices])
    published_on = forms.DateField(label=_("Date"), widget=DATE)
    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
        help_text=_("PDF, JPEG or PNG, at most 5 MB."),
    )
    link = forms.CharField(
        label=_("Or its web address"), required=False, max_length=500, widget=forms.URLInput(attrs={"dir": "ltr"})
    )
    description = forms.CharField(label=_("Description (optional)"), required=False, max_length=2000, widget=_area(3))


class DisclosureFilterForm(ReadableFieldsMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=settings.SEARCH_MAX_LENGTH)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories")), *DisclosureDocument.Category.choices]
    )


class RegisterFilterForm(ReadableFieldsMixin, forms.Form):
    q = forms.CharField(label=_("Number, subject or name"), required=False, max_length=settings.SEARCH_MAX_LENGTH)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All statuses")), *Status.choices])


class AnswerSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the published answers"), required=False, max_length=settings.SEARCH_MAX_LENGTH)
