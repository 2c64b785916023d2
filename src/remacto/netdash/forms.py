"""The dashboard's filters, read from the query string; bad values are refused with a message, never guessed."""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from remacto.territories.models import Collectivity, Region

from .selectors import CHOOSABLE, DEFAULT_MEASURE, SORTS, STAFF_SORTS, Filters

SORT_LABELS = {
    "name": _("Name"),
    "population": _("Population"),
    "ideas_per_1000": _("Ideas per 1,000 inhabitants"),
    "answered_share": _("Ideas answered with a public reason"),
    "phase": _("Programme phase"),
    "adoption_date": _("Adoption date"),
    "execution_rate": _("Execution rate"),
    "on_time_share": _("Legal cases answered on time"),
    "women_share": _("Women among participants"),
    "under_30_share": _("Participants under 30"),
    "last_moved_on": _("Last moved"),
}
# The measure chooser's short names (the chosen measure's chart carries its full title).
MEASURE_LABELS = {
    "ideas_per_1000": pgettext_lazy("dashboard measure", "Ideas"),
    "answered_share": pgettext_lazy("dashboard measure", "Answers"),
    "phase": pgettext_lazy("dashboard measure", "Phase"),
    "adoption_date": pgettext_lazy("dashboard measure", "Adoption"),
    "execution_rate": pgettext_lazy("dashboard measure", "Spending"),
    "on_time_share": pgettext_lazy("dashboard measure", "Deadlines"),
    "women_share": pgettext_lazy("dashboard measure", "Women"),
    "under_30_share": pgettext_lazy("dashboard measure", "Under 30"),
}
SORTING = ("sort", "order")  # used by the member table only: kept hidden on the measures page
YES_NO = [("", _("All")), ("yes", _("Yes")), ("no", _("No"))]


class FilterForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Collectivity.Kind.choices]
    )
    cohort = forms.IntegerField(label=_("Cohort year"), required=False, min_value=2022, max_value=2100)
    ogp = forms.ChoiceField(label=_("OGP Local"), required=False, choices=YES_NO)
    stalled = forms.ChoiceField(label=_("Programme stalled"), required=False, choices=YES_NO)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)
    order = forms.ChoiceField(
        label=_("Order"), required=False, choices=[("asc", _("Ascending")), ("desc", _("Descending"))]
    )
    measure = forms.ChoiceField(
        label=_("Measure"),
        required=False,
        choices=[(m, MEASURE_LABELS[m]) for m in CHOOSABLE],
        widget=forms.HiddenInput,
    )

    def __init__(self, data, *, regions: list[Region], staff: bool, sorting: bool = True):
        super().__init__(data)
        self.sorting = sorting  # False on the measures page, whose rankings have their own order
        self.fields["region"].choices = [("", _("All regions"))] + [(r.code, r.name) for r in regions]
        sorts = {**SORTS, **STAFF_SORTS} if staff else SORTS
        self.fields["sort"].choices = [(key, SORT_LABELS[key]) for key in sorts]
        if not staff:
            del self.fields["stalled"]

    def clean_measure(self) -> str:
        return self.cleaned_data.get("measure") or DEFAULT_MEASURE

    def shown(self) -> list[forms.BoundField]:
        """The fields the reader sets in the filter box (the sorting only on the member table)."""
        return [f for f in self.visible_fields() if self.sorting or f.name not in SORTING]

    def kept(self) -> list[forms.BoundField]:
        """The fields carried along as hidden inputs: the measure, and the sorting on the measures page."""
        return [f for f in self if f.is_hidden or (not self.sorting and f.name in SORTING)]

    def active(self) -> list[str]:
        """The filters in use, as the reader chose them (said in the folded filter box's summary)."""
        data, labels = self.cleaned_data, []
        for name in ("region", "kind", "cohort", "ogp", "stalled"):
            if name not in self.fields or data.get(name) in (None, ""):
                continue
            field = self.fields[name]
            value = dict(field.choices).get(data[name]) if isinstance(field, forms.ChoiceField) else data[name]
            named = {"filter": field.label, "value": value}
            labels.append(str(value) if name in ("region", "kind") else gettext("%(filter)s: %(value)s") % named)
        return labels

    def query(self, **changes) -> str:
        """The query string of these filters (from the cleaned values, so equal filters give equal links), with
        ``changes``; empty values left out."""
        values = {name: self.cleaned_data.get(name) for name in self.fields} | changes
        return urlencode({name: value for name, value in values.items() if value not in (None, "")})

    def csv_query(self) -> str:
        return self.query(measure="")

    def filters(self) -> Filters:
        data = self.cleaned_data
        flag = {"yes": True, "no": False}
        return Filters(
            region=data.get("region") or "",
            kind=data.get("kind") or "",
            cohort=data.get("cohort"),
            ogp=flag.get(data.get("ogp") or ""),
            stalled=flag.get(data.get("stalled") or ""),
            sort=data.get("sort") or "name",
            descending=data.get("order") == "desc",
        )
