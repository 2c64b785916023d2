"""Forms of the advisory pages; the services do the checking, these only read what was typed."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from remacto.accounts.models import Role
from remacto.budgets.models import Campaign
from remacto.cocreation.models import Programme
from remacto.core.forms import ReadableFieldsMixin, TypedTitlesSelect

from .models import ALLOWED_KINDS, AskedBy, Body, BodyKind, BureauRole, SubjectKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PDF = forms.ClearableFileInput(attrs={"accept": "application/pdf"})


class BodyForm(ReadableFieldsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of body"), choices=BodyKind.choices)
    name = forms.CharField(label=_("Name of the body"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=4000, widget=forms.Textarea({"rows": 4})
    )

    def __init__(self, *args, collectivity=None, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = ALLOWED_KINDS.get(collectivity.kind, ()) if collectivity else ()
        self.fields["kind"].choices = [(k.value, k.label) for k in allowed]


class MemberForm(ReadableFieldsMixin, forms.Form):
    user = forms.ModelChoiceField(
        label=_("Member with an account (advisory-member role)"),
        required=False,
        queryset=get_user_model().objects.none(),
        widget=TypedTitlesSelect,
    )
    name = forms.CharField(label=_("Or the name of a member without an account"), required=False, max_length=160)
    affiliation = forms.CharField(label=_("Association or affiliation"), required=False, max_length=200)
    role = forms.ChoiceField(label=_("Role in the bureau"), choices=BureauRole.choices, initial=BureauRole.MEMBER)

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(roles__collectivity=body.collectivity_id, roles__kind=Role.Kind.ADVISORY_MEMBER)
            .order_by("display_name")
        )


class MeetingForm(ReadableFieldsMixin, forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    agenda = forms.CharField(label=_("Agenda"), max_length=4000, widget=forms.Textarea({"rows": 4}))
    minutes = forms.CharField(
        label=_("Minutes (once the meeting was held)"),
        required=False,
        max_length=10000,
        widget=forms.Textarea({"rows": 8}),
    )
    minutes_document = forms.FileField(label=_("Signed minutes (PDF, optional)"), required=False, widget=PDF)


class RequestForm(ReadableFieldsMixin, forms.Form):
    body = forms.ModelChoiceField(label=_("Body asked"), queryset=Body.objects.none(), widget=TypedTitlesSelect)
    asked_by = forms.ChoiceField(label=_("Requested by"), choices=AskedBy.choices)
    subject_kind = forms.ChoiceField(label=_("Draft"), choices=SubjectKind.choices)
    programme = forms.ModelChoiceField(
        label=_("Draft programme"), required=False, queryset=Programme.objects.none(), widget=TypedTitlesSelect
    )
    campaign = forms.ModelChoiceField(
        label=_("Participatory-budget campaign"),
        required=False,
        queryset=Campaign.objects.none(),
        widget=TypedTitlesSelect,
    )
    subject_title = forms.CharField(label=_("Title of the draft (for a budget)"), required=False, max_length=200)
    subject_description = forms.CharField(
        label=_("Description of the draft"), required=False, max_length=4000, widget=forms.Textarea({"rows": 3})
    )
    subject_document = forms.FileField(label=_("Draft document (PDF, optional)"), required=False, widget=PDF)
    question = forms.CharField(
        label=_("Question put to the body"), required=False, max_length=2000, widget=forms.Textarea({"rows": 3})
    )
    received_on = forms.DateField(label=_("Received by the body on"), widget=DATE)
    deadline_amount = forms.IntegerField(label=_("Deadline (days)"), min_value=1, max_value=365, initial=15)
    deadline_unit = forms.ChoiceField(
        label=_("Days counted"), choices=[("working", _("working days")), ("calendar", _("calendar days"))]
    )

    def __init__(self, *args, collectivity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(collectivity=collectivity)
        self.fields["programme"].queryset = Programme.objects.filter(collectivity=collectivity).exclude(
            phase__in=("implementation", "evaluation", "closed")
        )
        self.fields["campaign"].queryset = Campaign.objects.filter(
            collectivity=collectivity, rules_locked_at__isnull=True
        )


class OpinionForm(ReadableFieldsMixin, forms.Form):
    received_on = forms.DateField(label=_("Adopted by the body on"), widget=DATE)
    text = forms.CharField(label=_("Opinion"), max_length=10000, widget=forms.Textarea({"rows": 8}))
    votes_for = forms.IntegerField(label=_("Votes for"), required=False)
    votes_against = forms.IntegerField(label=_("Votes against"), required=False)
    votes_abstain = forms.IntegerField(label=_("Abstentions"), required=False)
    recommendations = forms.CharField(
        label=_("Recommendations (one per line)"), required=False, widget=forms.Textarea({"rows": 5})
    )
    document = forms.FileField(label=_("Signed opinion (PDF, optional)"), required=False, widget=PDF)

    def clean_recommendations(self) -> list[str]:
        return [line for line in self.cleaned_data.get("recommendations", "").splitlines() if line.strip()]


class CloseForm(ReadableFieldsMixin, forms.Form):
    reason = forms.CharField(label=_("Why is the request closed?"), max_length=2000, widget=forms.Textarea({"rows": 3}))
