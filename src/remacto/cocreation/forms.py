"""Staff forms of the programme: creation, phases, axes, meetings, committee, projects, consultation, adoption.

Forms only parse and type the input; every rule lives in the services, whose errors are shown on the fields.
"""

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from remacto.core.forms import AmountField, ReadableFieldsMixin

from .models import Axis, CommitteeMember, Meeting, Phase, Programme, Project
from .services.meetings import MEETING_FIELDS
from .services.projects import PROJECT_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ProgrammeForm(ReadableFieldsMixin, forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "cycle",
            "title_ar",
            "title_fr",
            "description_ar",
            "description_fr",
            "implementation_start",
            "implementation_end",
        ]
        widgets = {"implementation_start": DATE, "implementation_end": DATE}


class PhaseMoveForm(ReadableFieldsMixin, forms.Form):
    phase = forms.ChoiceField(label=_("Move to phase"), choices=Phase.choices)
    note = forms.CharField(label=_("Note for the timeline"), max_length=500, required=False)


class PhaseDatesForm(ReadableFieldsMixin, forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)
    starts_on = forms.DateField(label=_("Starts on"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), required=False, widget=DATE)


class PrinciplesMixin(forms.ModelForm):
    """The four openness principles an axis or project serves, as one group of checkboxes with a legend."""

    principles = forms.MultipleChoiceField(
        label=_("Openness principles served"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(field, principle.label) for principle, field in Axis.PRINCIPLE_FIELDS.items()],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["principles"].initial = [f for f in Axis.PRINCIPLE_FIELDS.values() if getattr(self.instance, f)]

    def clean(self):
        data = super().clean()
        chosen = set(data.pop("principles", []))
        data.update({field: field in chosen for field in Axis.PRINCIPLE_FIELDS.values()})
        return data


class AxisForm(ReadableFieldsMixin, PrinciplesMixin):
    class Meta:
        model = Axis
        fields = ["order", "title_ar", "title_fr", "title_en", "description_ar", "description_fr", "principles"]


class MeetingForm(ReadableFieldsMixin, forms.ModelForm):
    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axis"].queryset = programme.axes.all()

    class Meta:
        model = Meeting
        fields = [f for f in MEETING_FIELDS if f not in ("title", "title_en", "title_zgh")]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}


class AttendanceForm(ReadableFieldsMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["attendees_women", "attendees_men", *Meeting.AGE_FIELDS]


class PhotoForm(ReadableFieldsMixin, forms.Form):
    # A plain file field: the service checks the type, size and pixels (Django's ImageField would decode it first).
    image = forms.FileField(
        label=_("Photo (JPEG or PNG, at most 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    caption = forms.CharField(label=_("Caption (what the photo shows)"), max_length=300)


class CommitteeAttendanceForm(ReadableFieldsMixin, forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=_("Committee members present"),
        queryset=CommitteeMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = meeting.programme.committee.all()
        self.fields["members"].initial = list(meeting.committee_attendees.values_list("pk", flat=True))


class CommitteeMemberForm(ReadableFieldsMixin, forms.ModelForm):
    email = forms.EmailField(label=_("Email of their account (optional)"), required=False)

    class Meta:
        model = CommitteeMember
        fields = ["name", "kind", "affiliation", "is_chair"]


class ProjectForm(ReadableFieldsMixin, PrinciplesMixin):
    budget = AmountField(label=_("Budget (MAD)"))

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.budget_to_estimate:
            self.initial["budget"] = None  # an empty field to fill, not a 0 to keep
        self.fields["axis"].queryset = programme.axes.all()
        self.fields["source_ideas"] = forms.ModelMultipleChoiceField(
            label=_("Source ideas"),
            queryset=programme.ideas.filter(status="accepted").order_by("title"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            initial=self.instance.source_ideas.all() if self.instance.pk else None,
        )

    class Meta:
        model = Project
        fields = [
            *(
                f
                for f in PROJECT_FIELDS
                if f not in ("title", "title_en", "title_zgh", *Axis.PRINCIPLE_FIELDS.values())
            ),
            "principles",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE}


class ActivityForm(ReadableFieldsMixin, forms.Form):
    title = forms.CharField(label=_("Activity"), max_length=300)
    target_groups = forms.CharField(label=_("Target groups"), max_length=500, required=False)
    starts_on = forms.DateField(label=_("Starts on"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), required=False, widget=DATE)


class IndicatorForm(ReadableFieldsMixin, forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=300)
    unit = forms.CharField(label=_("Unit"), max_length=50, required=False)
    baseline = forms.DecimalField(label=_("Baseline"), required=False, max_digits=14, decimal_places=2)
    target = forms.DecimalField(label=_("Target"), required=False, max_digits=14, decimal_places=2)


ActivityFormSet = formset_factory(ActivityForm, extra=2, max_num=30, validate_max=True)
IndicatorFormSet = formset_factory(IndicatorForm, extra=1, max_num=15, validate_max=True)


class AmendmentForm(ReadableFieldsMixin, forms.Form):
    budget = AmountField(label=_("New budget (MAD)"), required=False)
    starts_on = forms.DateField(label=_("New start date"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("New end date"), required=False, widget=DATE)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    reference = forms.CharField(label=_("Deliberation or decision reference"), max_length=100, required=False)


class FeedbackForm(ReadableFieldsMixin, forms.Form):
    text = forms.CharField(
        label=_("Feedback from the workshop"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class AnswerForm(ReadableFieldsMixin, forms.Form):
    taken_into_account = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Taken into account")), ("no", _("Not taken into account"))],
    )
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class AdoptionForm(ReadableFieldsMixin, forms.Form):
    session_date = forms.DateField(label=_("Session date"), widget=DATE)
    deliberation_number = forms.CharField(label=_("Deliberation number"), max_length=50)
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, initial=0)
    votes_abstain = forms.IntegerField(label=_("Abstentions"), min_value=0, initial=0)
    document = forms.FileField(label=_("Deliberation document (PDF)"), required=False)
