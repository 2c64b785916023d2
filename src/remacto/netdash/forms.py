"""The dashboard's filters, read from the query string; bad values are refused with a message, never guessed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from remacto.territories.models import Collectivity, Region

from .selectors import SORTS, STAFF_SORTS, Filters

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

    def __init__(self, data, *, regions: list[Region], staff: bool):
        super().__init__(data)
        self.fields["region"].choices = [("", _("All regions"))] + [(r.code, r.name) for r in regions]
        sorts = {**SORTS, **STAFF_SORTS} if staff else SORTS
        self.fields["sort"].choices = [(key, SORT_LABELS[key]) for key in sorts]
        if not staff:
            del self.fields["stalled"]

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
