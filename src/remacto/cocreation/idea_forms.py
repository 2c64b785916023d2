"""Forms of the idea pages: the public list's filters, online submission and edits, staff entry (bulk rows and
file import) and the committee's triage.

Forms only parse and type the input; every rule lives in the services, whose errors are shown on the fields.
"""

from django import forms
from django.conf import settings
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from remacto.core.forms import ReadableFieldsMixin, TranslatedSelect

from .models import Idea, Meeting, TriageDecision

TEXTAREA = {"rows": 4}


def _max(field: str) -> int:
    return Idea._meta.get_field(field).max_length


def _axis_choices(programme, empty_label) -> list[tuple[str, object]]:
    from remacto.core.translation import translated

    return [("", empty_label), *[(str(a.pk), translated(a, "title")) for a in programme.axes.all()]]


class IdeaFilterForm(forms.Form):
    """Search, filters and sort of the public idea list. Invalid values give a message, never an error page."""

    STATUS_FILTERS = {
        "awaiting": Idea.Status.SUBMITTED,
        "accepted": Idea.Status.ACCEPTED,
        "merged": Idea.Status.MERGED,
        "rejected": Idea.Status.REJECTED,
        "unrecorded": Idea.Status.UNRECORDED,
    }

    q = forms.CharField(
        label=_("Search in the ideas"),
        required=False,
        max_length=settings.SEARCH_MAX_LENGTH,
        error_messages={"max_length": _("Search text is too long (at most %(limit_value)d characters).")},
    )
    axis = forms.ChoiceField(label=_("Axis"), required=False, widget=TranslatedSelect)
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All channels")), *Idea.Channel.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All statuses")),
            ("awaiting", _("Awaiting triage")),
            ("accepted", _("Accepted")),
            ("merged", _("Merged into another idea")),
            ("rejected", _("Not accepted")),
            ("unrecorded", _("Decision not recorded")),
        ],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("newest", _("Newest first")), ("supported", _("Most supported first"))],
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axis"].choices = _axis_choices(programme, _("All axes"))

    def filters(self) -> dict[str, str]:
        """The valid filters; an invalid field is dropped (and its error shown) rather than failing the page."""
        self.is_valid()
        return {name: self.cleaned_data.get(name, "") for name in self.fields if name not in self.errors}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe); the service checks their number, size and type."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/png,image/jpeg,application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class IdeaForm(ReadableFieldsMixin, forms.Form):
    """An idea submitted online by its author, or edited by them until triage."""

    axis = forms.ChoiceField(label=_("Axis"), widget=TranslatedSelect)
    title = forms.CharField(label=_("Title"), max_length=_max("title"), help_text=_("A short name for your idea."))
    problem = forms.CharField(
        label=_("The problem"),
        max_length=_max("problem"),
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("What does not work today, and for whom?"),
    )
    solution = forms.CharField(
        label=_("Proposed solution"),
        max_length=_max("solution"),
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("What should the collectivity do?"),
    )
    expected_impact = forms.CharField(
        label=_("Expected impact"),
        max_length=_max("expected_impact"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    place = forms.CharField(
        label=_("Place (optional)"),
        max_length=_max("place"),
        required=False,
        help_text=_("A neighbourhood, a street or a public building, if the idea concerns one."),
    )
    # Honeypot: people never see it (hidden by CSS and from screen readers); robots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, programme, with_attachments: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.axes = {str(a.pk): a for a in programme.axes.all()}
        if self.axes:
            self.fields["axis"].choices = _axis_choices(programme, _("Choose an axis"))
        else:
            del self.fields["axis"]
        if with_attachments:
            self.fields["attachments"] = MultipleFileField(
                label=_("Photos or documents (optional)"),
                required=False,
                help_text=_("Up to 3 files: JPEG or PNG photos, or PDF documents, 5 MB each at most."),
            )
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))

    def values(self) -> dict:
        """The cleaned values as the services take them (the axis as an object)."""
        data = self.cleaned_data
        values = {f: data.get(f, "") for f in ("title", "problem", "solution", "expected_impact", "place")}
        values["axis"] = self.axes.get(data.get("axis") or "")
        return values


class RecordHeaderForm(ReadableFieldsMixin, forms.Form):
    """Where staff-entered ideas come from: the channel and, for workshop ideas, the workshop."""

    CHANNELS = [c for c in Idea.Channel.choices if c[0] != Idea.Channel.ONLINE]

    channel = forms.ChoiceField(label=_("Channel"), choices=CHANNELS, widget=forms.RadioSelect)
    workshop = forms.ModelChoiceField(
        label=_("Workshop"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("Choose the workshop"),
        help_text=_("For ideas given at a co-creation workshop."),
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = programme.meetings.filter(kind=Meeting.Kind.WORKSHOP).order_by(
            "starts_at", "id"
        )

    def clean(self):
        data = super().clean()
        if data.get("channel") == Idea.Channel.WORKSHOP and not data.get("workshop"):
            self.add_error("workshop", _("Choose the workshop the ideas came from."))
        if data.get("channel") != Idea.Channel.WORKSHOP:
            data["workshop"] = None
        return data


class IdeaRowForm(ReadableFieldsMixin, forms.Form):
    """One idea typed by staff: a row of the bulk form."""

    title = forms.CharField(label=_("Title"), max_length=_max("title"))
    problem = forms.CharField(label=_("The problem"), max_length=_max("problem"), widget=forms.Textarea({"rows": 2}))
    solution = forms.CharField(
        label=_("Proposed solution"), max_length=_max("solution"), widget=forms.Textarea({"rows": 2})
    )
    expected_impact = forms.CharField(
        label=_("Expected impact"),
        max_length=_max("expected_impact"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )
    axis = forms.ChoiceField(label=_("Axis"), required=False)
    author_name = forms.CharField(label=_("Given by (optional)"), max_length=_max("author_name"), required=False)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.axes = {str(a.pk): a for a in programme.axes.all()}
        self.fields["axis"].choices = [("", "—"), *[(k, str(a)) for k, a in self.axes.items()]]

    def values(self) -> dict:
        data = self.cleaned_data
        values = {f: data.get(f, "") for f in ("title", "problem", "solution", "expected_impact", "author_name")}
        values["axis"] = self.axes.get(data.get("axis") or "")
        return values


class BaseIdeaRowFormSet(forms.BaseFormSet):
    def __init__(self, *args, programme, **kwargs):
        self.programme = programme
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "programme": self.programme}

    def _construct_form(self, i, **kwargs):
        # Every row may stay blank (rows carried over after "add a row" included); blank rows are ignored.
        return super()._construct_form(i, empty_permitted=True, use_required_attribute=False, **kwargs)

    @property
    def empty_form(self):
        return self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            programme=self.programme,
            renderer=self.renderer,
        )

    def filled_forms(self) -> list:
        """The rows with something typed in, in order (blank rows are ignored)."""
        return [f for f in self.forms if f.has_changed()]


MAX_ROWS = 60


def row_formset(data=None, *, programme, initial=None, extra: int = 3) -> BaseIdeaRowFormSet:
    """The bulk form's rows (prefix ``rows``): ``extra`` blank rows after those given in ``initial``."""
    formset = formset_factory(
        IdeaRowForm,
        formset=BaseIdeaRowFormSet,
        extra=extra,
        max_num=MAX_ROWS,
        validate_max=True,
        absolute_max=MAX_ROWS,
    )
    return formset(data, prefix="rows", programme=programme, initial=initial)


class ImportForm(RecordHeaderForm):
    """A CSV or XLSX file of ideas, with the channel given to rows that do not name theirs."""

    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("At most 2 MB and 5,000 ideas."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_file(self):
        from .imports import MAX_FILE_BYTES, check_file

        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB. Split it into smaller files."))
        check_file(upload)
        return upload


class TriageForm(ReadableFieldsMixin, forms.Form):
    """The committee's decision on one idea: accepted, merged into another, or not accepted, with its reason."""

    MAX_MERGE_OPTIONS = 200

    decision = forms.ChoiceField(label=_("Decision"), choices=TriageDecision.Decision.choices, widget=forms.RadioSelect)
    merged_into = forms.TypedChoiceField(
        label=_("Merge into"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Only for a merged idea: the idea it joins."),
    )
    meeting = forms.TypedChoiceField(label=_("Committee meeting"), required=False, coerce=int, empty_value=None)
    reason = forms.CharField(
        label=_("Public reason"),
        max_length=TriageDecision._meta.get_field("reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Published on the idea's page and sent to its author."),
    )

    def __init__(self, *args, idea, merge_options, meetings, **kwargs):
        kwargs.setdefault("prefix", f"idea-{idea.pk}")
        super().__init__(*args, **kwargs)
        self.idea = idea
        if len(merge_options) > self.MAX_MERGE_OPTIONS:
            self.fields["merged_into"] = forms.IntegerField(
                label=_("Merge into idea number"),
                required=False,
                min_value=1,
                help_text=_("Only for a merged idea: the number (#) of the idea it joins."),
            )
        else:
            self.fields["merged_into"].choices = [
                ("", "—"),
                *[(o.pk, f"#{o.pk} {o.title}") for o in merge_options if o.pk != idea.pk],
            ]
        self.fields["meeting"].choices = [("", "—"), *[(m.pk, str(m)) for m in meetings]]
        self.meetings = {m.pk: m for m in meetings}

    def target_values(self) -> dict:
        """Arguments of ``services.triage.decide`` (the merge target and meeting as objects)."""
        data = self.cleaned_data
        merged_into = None
        if data.get("decision") == TriageDecision.Decision.MERGED and data.get("merged_into"):
            merged_into = Idea.objects.filter(pk=data["merged_into"]).first()
        return {
            "decision": data["decision"],
            "reason": data["reason"],
            "merged_into": merged_into,
            "meeting": self.meetings.get(data.get("meeting")),
        }
