"""Forms of co-evaluation: the citizens' questionnaire, the committee scorecard, and the staff forms (criterion,
opening, publication). Values are checked again by the services, which give the messages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from remacto.core.formatting import format_number
from remacto.core.forms import ReadableFieldsMixin

from .models import CitizenAnswer

RATING_HELP = _("1 = very poor, 5 = very good.")


def _rating_choices():
    return [(str(r), format_number(r)) for r in range(1, 6)]


class RatingField(forms.TypedChoiceField):
    """A rating from 1 to 5 as radio buttons (usable without script, large enough on a phone)."""

    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", RATING_HELP)
        super().__init__(choices=_rating_choices, coerce=int, **kwargs)


class AnswerForm(ReadableFieldsMixin, forms.Form):
    satisfaction = RatingField(label=_("Overall, how satisfied are you with the result?"))
    useful = forms.ChoiceField(
        label=_("Was it useful to you?"), choices=CitizenAnswer.Usefulness.choices, widget=forms.RadioSelect
    )
    informed = RatingField(label=_("How well were you informed while it was carried out?"))
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ScorecardForm(ReadableFieldsMixin, forms.Form):
    """One rating (and an optional comment) per criterion of the programme, then a general comment."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"rating_{criterion.pk}"] = RatingField(label=criterion.label, help_text=criterion.question)
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on this criterion (optional)"), required=False, max_length=1000
            )
        self.fields["comment"] = forms.CharField(
            label=_("General comment (optional)"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "ratings": {c.pk: data.get(f"rating_{c.pk}") for c in self.criteria},
            "comments": {c.pk: data.get(f"comment_{c.pk}", "") for c in self.criteria},
            "comment": data.get("comment", ""),
        }


class OpenForm(ReadableFieldsMixin, forms.Form):
    opens_on = forms.DateField(label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("Closes on"), widget=forms.DateInput(attrs={"type": "date"}))


class PublishForm(ReadableFieldsMixin, forms.Form):
    summary = forms.CharField(
        label=_("Conclusions"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the committee and the collectivity conclude from the results (Markdown)."),
    )


class CriterionForm(ReadableFieldsMixin, forms.Form):
    title = forms.CharField(label=_("Criterion"), max_length=200)
    description = forms.CharField(label=_("What it asks"), max_length=500, required=False)
