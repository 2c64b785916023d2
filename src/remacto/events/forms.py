"""Forms of the event pages; the services do the checking, these only read what was typed."""

import datetime
import re

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


AGENDA_LINE = re.compile(
    r"^\s*(?:(?P<day>\d{4}-\d{2}-\d{2})\s+)?(?P<start>\d{1,2}:\d{2})(?:\s*[-–]\s*(?P<end>\d{1,2}:\d{2}))?\s*$"
)


class AgendaForm(ReadableFieldsMixin, forms.Form):
    """The agenda typed as one line per item: ``[day] HH:MM-HH:MM | title | parallel group | speakers``, speakers
    separated by ``;``, each ``name, role, organisation``."""

    agenda = forms.CharField(
        label=_("Agenda"),
        max_length=20000,
        widget=forms.Textarea({"rows": 14}),
        help_text=_(
            "One item per line: 10:30-11:30 | title | parallel workshops (optional) | name, role, organisation; "
            "another speaker. Items with the same parallel workshops name run at the same time. Start the line "
            "with the date (2025-05-22 10:30) for an event of several days."
        ),
    )

    def clean_agenda(self) -> list[dict]:
        items = []
        for number, line in enumerate(self.cleaned_data["agenda"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")] + ["", "", ""]
            when = AGENDA_LINE.match(parts[0])
            if when is None:
                raise forms.ValidationError(
                    _("Line %(number)s: start with the time, as 10:30 or 10:30-11:30.") % {"number": number}
                )
            speakers = []
            for person in filter(None, (p.strip() for p in parts[3].split(";"))):
                name, role, organisation = ([p.strip() for p in person.split(",", 2)] + ["", ""])[:3]
                speakers.append({"name": name, "role": role, "organisation": organisation})
            day = when["day"]
            items.append(
                {
                    "day": datetime.date.fromisoformat(day) if day else None,
                    "starts_at": when["start"].zfill(5),
                    "ends_at": (when["end"] or "").zfill(5) if when["end"] else None,
                    "title": parts[1],
                    "parallel_group": parts[2],
                    "speakers": speakers,
                }
            )
        return items


def agenda_text(event: Event) -> str:
    """The event's agenda written back as the lines :class:`AgendaForm` reads."""
    several_days = event.ends_on != event.starts_on
    lines = []
    for item in event.agenda.all():
        when = item.starts_at.strftime("%H:%M") + (f"-{item.ends_at.strftime('%H:%M')}" if item.ends_at else "")
        if several_days:
            when = f"{item.day.isoformat()} {when}"
        people = "; ".join(
            ", ".join(part for part in (s.name, s.role, s.organisation) if part) for s in item.speakers.all()
        )
        lines.append(" | ".join([when, item.title, item.parallel_group, people]).rstrip(" |"))
    return "\n".join(lines)
