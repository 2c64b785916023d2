"""Staff forms of paper ballots and integrity review. They only parse the input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from remacto.core.forms import ReadableFieldsMixin

from .models import District, IntegrityFlag, PaperEntry

LTR = {"dir": "ltr", "autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}


class BatchForm(ReadableFieldsMixin, forms.Form):
    desk = forms.CharField(label=_("Polling desk"), max_length=150, help_text=_("The desk's name or number."))


class SheetForm(ReadableFieldsMixin, forms.Form):
    """One paper sheet typed in a batch; ``campaign`` says whether a district must be chosen."""

    round = forms.TypedChoiceField(
        label=_("Entry"),
        coerce=int,
        choices=[(PaperEntry.Round.FIRST, _("First entry")), (PaperEntry.Round.SECOND, _("Second entry"))],
    )
    sheet = forms.IntegerField(label=_("Sheet number"), min_value=1, max_value=1_000_000)
    identity = forms.CharField(label=_("Voter's identity"), max_length=100)
    district = forms.ModelChoiceField(label=_("District"), queryset=District.objects.none(), required=False)
    choices = forms.CharField(
        label=_("Projects chosen"),
        max_length=1000,
        help_text=_("Project codes as on the sheet, separated by spaces (P1 P4 P7). With points: P1:3 P4:2."),
    )

    def __init__(self, *args, campaign, identity_label: str = "", correction: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if correction:
            del self.fields["round"]
        districts = campaign.districts.filter(kind=District.Kind.DISTRICT)
        if districts.exists():
            self.fields["district"].queryset = districts
            self.fields["district"].required = True
        else:
            del self.fields["district"]
        if identity_label:
            self.fields["identity"].label = identity_label
        self.fields["sheet"].widget.attrs.update({"inputmode": "numeric", "dir": "ltr", "autofocus": True})
        self.fields["identity"].widget.attrs.update(LTR)
        self.fields["choices"].widget.attrs.update(LTR)


class FlagDecisionForm(ReadableFieldsMixin, forms.Form):
    CLEAR = "clear"
    EXCLUDE = "exclude"
    REINCLUDE = "reinclude"

    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (CLEAR, _("Clear the signal: no ballot is excluded")),
            (EXCLUDE, _("Exclude the chosen ballots from the count")),
            (REINCLUDE, _("Count the chosen ballots again")),
        ],
    )
    ballots = forms.TypedMultipleChoiceField(
        label=_("Ballots"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Reasons for exclusions are shown with the results: name nobody."),
    )

    def __init__(self, *args, flag: IntegrityFlag, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ballots"].choices = [(pk, _("Ballot no. %(n)s") % {"n": pk}) for pk in flag.ballot_ids]
