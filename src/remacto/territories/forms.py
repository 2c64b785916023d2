"""Forms of the territories pages: the directory's filters."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from remacto.core.forms import TranslatedSelect
from remacto.core.translation import translated

from .models import Collectivity, Region


class DirectoryFilterForm(forms.Form):
    """Search and filters of the member directory. Invalid values give a message, never an error page."""

    q = forms.CharField(
        label=_("Search by name"),
        required=False,
        max_length=settings.SEARCH_MAX_LENGTH,
        error_messages={"max_length": _("Search text is too long (at most %(limit_value)d characters).")},
    )
    region = forms.ChoiceField(label=_("Region"), required=False, widget=TranslatedSelect)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Collectivity.Kind.choices]
    )
    cohort = forms.ChoiceField(label=_("Cohort"), required=False)
    open_now = forms.BooleanField(label=_("Only members with something open now"), required=False)

    def __init__(self, *args, cohorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All regions"))] + [
            (r.code, translated(r, "name")) for r in Region.objects.order_by("code")
        ]
        self.fields["cohort"].choices = [
            ("", _("All cohorts")),
            *[(str(y), str(y)) for y in cohorts],
            ("none", _("Year not known")),
        ]

    def filters(self) -> dict[str, str]:
        """The valid filters; an invalid field is dropped (and its error shown) rather than failing the page."""
        self.is_valid()
        return {name: self.cleaned_data.get(name, "") for name in self.fields if name not in self.errors}
