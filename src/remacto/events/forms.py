"""Forms of the event pages; the services do the checking, these only read what was typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from remacto.core.forms import ReadableFieldsMixin, TranslatedSelect
from remacto.territories.models import Collectivity, Region

from .models import Category, Event, Kind, Level, Mode, Output, Topic

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def member_collectivities():
    return Collectivity.objects.filter(membership__isnull=False).order_by("name")


class RegistrationForm(ReadableFieldsMixin, forms.Form):
    category = forms.ChoiceField(label=_("I take part as"), choices=Category.choices)
    collectivity = forms.ModelChoiceField(
        label=_("Collectivity"),
        required=False,
        queryset=Collectivity.objects.none(),
        widget=TranslatedSelect,
        help_text=_("The member collectivity you come from, if any."),
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Category.choices)
        allowed = event.categories or Category.values
        self.fields["category"].choices = [(value, labels[value]) for value in allowed if value in labels]
        self.fields["collectivity"].queryset = member_collectivities()


class EventForm(ReadableFieldsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    region = forms.ModelChoiceField(label=_("Region"), required=False, queryset=Region.objects.order_by("code"))
    title = forms.CharField(label=_("Title"), max_length=200)
    theme = forms.CharField(label=_("Theme or slogan"), max_length=300, required=False)
    description = forms.CharField(label=_("Description"), max_length=6000, required=False, widget=forms.Textarea)
    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)
    start_time = forms.TimeField(label=_("Start time"), widget=TIME)
    end_time = forms.TimeField(label=_("End time"), widget=TIME)
    place = forms.CharField(label=_("Place"), max_length=200)
    organisers = forms.CharField(label=_("Organisers"), max_length=400)
    partners = forms.CharField(label=_("Partners"), max_length=600, required=False)
    categories = forms.MultipleChoiceField(
        label=_("Participant categories"),
        choices=Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    expected_headcount = forms.IntegerField(label=_("Expected headcount"), required=False)
    capacity = forms.IntegerField(label=_("Capacity"), required=False, help_text=_("Empty: no limit."))
    waiting_list = forms.BooleanField(label=_("Waiting list when full"), required=False, initial=True)
    registration_open = forms.BooleanField(label=_("Registration open"), required=False, initial=True)
    topic = forms.ChoiceField(label=_("Topic (trainings)"), choices=[("", "—"), *Topic.choices], required=False)
    audience = forms.CharField(label=_("Audience (trainings)"), max_length=300, required=False)
    trainer = forms.CharField(label=_("Trainer (trainings)"), max_length=200, required=False)
    mode = forms.ChoiceField(label=_("Mode"), choices=Mode.choices)

    def __init__(self, *args, collectivity=None, **kwargs):
        super().__init__(*args, **kwargs)
        if collectivity is not None:
            self.fields["level"].choices = [(Level.COLLECTIVITY, Level.COLLECTIVITY.label)]
            del self.fields["region"]
        else:
            self.fields["level"].choices = [
                (Level.NATIONAL, Level.NATIONAL.label),
                (Level.REGIONAL, Level.REGIONAL.label),
            ]


class OutputForm(ReadableFieldsMixin, forms.Form):
    type = forms.ChoiceField(label=_("Type"), choices=Output.Type.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File (PDF, or JPEG/PNG for a photo)"))


class RecommendationsForm(ReadableFieldsMixin, forms.Form):
    recommendations = forms.CharField(
        label=_("Recommendations"), max_length=8000, required=False, widget=forms.Textarea({"rows": 6})
    )
