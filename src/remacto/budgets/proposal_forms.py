"""Forms of the proposal pages: the public list's filters, proposing and editing, appeals, the reviewers' decision
and the answer to an appeal. Forms only parse and type the input; every rule lives in ``services.proposals``,
whose errors are shown on the fields."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from remacto.accounts.models import Organisation
from remacto.cocreation.idea_forms import MultipleFileField, MultipleFileInput
from remacto.core.forms import AmountField, ReadableFieldsMixin, TranslatedSelect
from remacto.core.translation import translated

from .models import Appeal, Proposal
from .services.proposals import MAX_PHOTOS, Decision


def _max(field: str) -> int:
    return Proposal._meta.get_field(field).max_length


def _district_choices(districts, empty_label) -> list:
    return [("", empty_label), *[(str(d.pk), translated(d, "name")) for d in districts]]


class ProposalFilterForm(forms.Form):
    """Search and filters of the public list. Invalid values give a message, never an error page."""

    q = forms.CharField(
        label=_("Search in the proposals"),
        required=False,
        max_length=settings.SEARCH_MAX_LENGTH,
        error_messages={"max_length": _("Search text is too long (at most %(limit_value)d characters).")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All statuses")),
            ("submitted", _("Awaiting review")),
            ("accepted", _("On the ballot")),
            ("rejected", _("Not feasible")),
            ("withdrawn", _("Withdrawn")),
        ],
    )
    district = forms.ChoiceField(label=_("District or category"), required=False, widget=TranslatedSelect)

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.districts = {str(d.pk): d for d in districts}
        if self.districts:
            self.fields["district"].choices = _district_choices(districts, _("All districts and categories"))
        else:
            del self.fields["district"]

    def filters(self) -> dict:
        """The valid filters; an invalid field is dropped (and its error shown) rather than failing the page."""
        self.is_valid()
        values = {name: self.cleaned_data.get(name, "") for name in self.fields if name not in self.errors}
        values["district"] = self.districts.get(values.get("district") or "")
        return values


class ProposalForm(ReadableFieldsMixin, forms.Form):
    """A proposal typed by its author (with photos when it is new), or by staff promoting an idea."""

    title = forms.CharField(label=_("Title"), max_length=_max("title"), help_text=_("A short name for your project."))
    description = forms.CharField(
        label=_("Description"),
        max_length=_max("description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What should be done, for whom, and why it matters."),
    )
    place = forms.CharField(
        label=_("Place (optional)"),
        max_length=_max("place"),
        required=False,
        help_text=_("A neighbourhood, a street or a public building, if the project concerns one."),
    )
    estimated_cost = AmountField(label=_("Estimated cost (MAD)"))
    district = forms.ChoiceField(label=_("District or category"), widget=TranslatedSelect)
    organisation = forms.ChoiceField(label=_("On behalf of an association (optional)"), required=False)

    def __init__(self, *args, districts, organisations=(), with_photos: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.districts = {str(d.pk): d for d in districts}
        if self.districts:
            self.fields["district"].choices = _district_choices(districts, _("Choose…"))
        else:
            del self.fields["district"]
        self.organisations = {str(o.pk): o for o in organisations}
        if self.organisations:
            self.fields["organisation"].choices = [
                ("", _("No: in my own name")),
                *[(key, o.name) for key, o in self.organisations.items()],
            ]
        else:
            del self.fields["organisation"]
        if with_photos:
            self.fields["photos"] = MultipleFileField(
                label=_("Photos (optional)"),
                required=False,
                widget=MultipleFileInput(attrs={"accept": "image/png,image/jpeg"}),
                help_text=ngettext(
                    "Up to %(n)d JPEG or PNG photo, 5 MB at most.",
                    "Up to %(n)d JPEG or PNG photos, 5 MB each at most.",
                    MAX_PHOTOS,
                )
                % {"n": MAX_PHOTOS},
            )

    def values(self) -> dict:
        """The cleaned values as the service takes them (district and association as objects)."""
        data = self.cleaned_data
        values = {name: data.get(name, "") for name in ("title", "description", "place")}
        values["estimated_cost"] = data.get("estimated_cost")
        values["district"] = self.districts.get(data.get("district") or "")
        values["organisation"] = self.organisations.get(data.get("organisation") or "")
        return values


def organisations_of(user) -> list[Organisation]:
    """The associations ``user`` may propose on behalf of."""
    return list(Organisation.objects.filter(memberships__user=user).order_by("name")) if user.is_authenticated else []


class ReviewForm(ReadableFieldsMixin, forms.Form):
    """A reviewer's decision on a proposal: accepted with a cost, or not feasible with a public reason."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(Decision.ACCEPT, _("Accepted: on the ballot")), (Decision.REJECT, _("Not feasible"))],
        widget=forms.RadioSelect,
    )
    cost = AmountField(
        label=_("Cost estimated by the services (MAD)"), required=False, help_text=_("Required to accept.")
    )
    reason = forms.CharField(
        label=_("Public reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the proposal's page and sent to its author. Required when not feasible."),
    )


class AppealForm(ReadableFieldsMixin, forms.Form):
    text = forms.CharField(
        label=_("Why should the decision change?"),
        max_length=Appeal._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("You can appeal once. The reviewers answer publicly."),
    )


class AppealAnswerForm(ReadableFieldsMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision on the appeal"), choices=Appeal.Decision.choices, widget=forms.RadioSelect
    )
    cost = AmountField(
        label=_("Cost estimated by the services (MAD)"), required=False, help_text=_("Required to overturn.")
    )
    answer = forms.CharField(
        label=_("Public answer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the proposal's page and sent to its author. Required to uphold."),
    )


class IdeaSearchForm(forms.Form):
    q = forms.CharField(label=_("Search in the ideas"), required=False, max_length=settings.SEARCH_MAX_LENGTH)
