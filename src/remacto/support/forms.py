"""Forms of the support desk; the services check everything again (forms only shape the input)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from remacto.cocreation.idea_forms import MultipleFileField
from remacto.core.forms import ReadableFieldsMixin

from .models import BODY_MAX_LENGTH, QUESTION_MAX_LENGTH, SUBJECT_MAX_LENGTH, Category, Status
from .services import NETWORK_REPLY_STATUSES

ATTACHMENTS_HELP = _("Up to 5 PDF documents or photos (JPEG, PNG), 5 MB each.")


class TicketForm(ReadableFieldsMixin, forms.Form):
    collectivity = forms.ModelChoiceField(label=_("Member"), queryset=None)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX_LENGTH)
    message = forms.CharField(label=_("Your question"), widget=forms.Textarea, max_length=BODY_MAX_LENGTH)
    files = MultipleFileField(label=_("Attachments"), required=False, help_text=ATTACHMENTS_HELP)

    def __init__(self, *args, collectivities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collectivity"].queryset = collectivities
        if len(collectivities) == 1:
            self.fields["collectivity"].initial = collectivities[0]


class ReplyForm(ReadableFieldsMixin, forms.Form):
    body = forms.CharField(label=_("Your reply"), widget=forms.Textarea, max_length=BODY_MAX_LENGTH)
    files = MultipleFileField(label=_("Attachments"), required=False, help_text=ATTACHMENTS_HELP)


class NetworkReplyForm(ReplyForm):
    KIND_CHOICES = [
        ("answered", _("Answer the member")),
        ("waiting", _("Ask the member for more")),
        ("note", _("Internal note (network team only)")),
    ]
    kind = forms.ChoiceField(
        label=_("Kind of message"), choices=KIND_CHOICES, widget=forms.RadioSelect, initial="answered"
    )

    def reply_status(self) -> str:
        kind = self.cleaned_data["kind"]
        return kind if kind in NETWORK_REPLY_STATUSES else ""


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)


class FilterForm(ReadableFieldsMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All statuses")), *Status.choices])
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories")), *Category.choices]
    )
    member = forms.SlugField(label=_("Member (slug)"), required=False, max_length=100)
    late = forms.BooleanField(label=_("Late only"), required=False)

    def filters(self) -> dict:
        values = self.cleaned_data if self.is_valid() else {}
        return {
            "status": values.get("status") or "",
            "category": values.get("category") or "",
            "member": values.get("member") or "",
            "late": bool(values.get("late")),
        }


class FaqForm(ReadableFieldsMixin, forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    question = forms.CharField(
        label=_("Question"),
        max_length=QUESTION_MAX_LENGTH,
        help_text=_("Reworded as anyone would ask it: no member, no person."),
    )
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea, max_length=BODY_MAX_LENGTH)


class FaqSearchForm(ReadableFieldsMixin, forms.Form):
    q = forms.CharField(label=_("Search the questions"), required=False, max_length=settings.SEARCH_MAX_LENGTH)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories")), *Category.choices]
    )
