"""Forms of the petition pages; every check beyond the field types is the services' (shown with
``apply_service_errors``)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext, gettext_lazy

from remacto.accounts.models import Organisation
from remacto.core.forms import ReadableFieldsMixin, TranslatedSelect
from remacto.core.translation import translated
from remacto.territories.models import Collectivity, Province

from . import conditions
from .models import Petition, Threshold

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PUBLIC = [value for value in Petition.Status.values if value != Petition.Status.DRAFT]
STATUS_CHOICES = [("", gettext_lazy("Any status"))] + [
    (value, label) for value, label in Petition.Status.choices if value != Petition.Status.DRAFT
]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Words of the subject"), required=False, max_length=settings.SEARCH_MAX_LENGTH
    )
    member = forms.ChoiceField(label=gettext_lazy("Member"), required=False, widget=TranslatedSelect)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False, choices=STATUS_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        members = Collectivity.objects.filter(petitions__status__in=PUBLIC, membership__isnull=False).distinct()
        choices = sorted(((m.slug, translated(m, "name")) for m in members), key=lambda choice: str(choice[1]))
        self.fields["member"].choices = [("", gettext("Every member")), *choices]


class PetitionForm(ReadableFieldsMixin, forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Who files the petition?"), choices=Petition.Kind.choices, widget=forms.RadioSelect
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Association (you are its legal representative)"), required=False, queryset=None
    )
    conditions = forms.MultipleChoiceField(
        label=gettext_lazy("Admissibility conditions (tick each one that is met)"),
        required=False,
        choices=[(key, text) for key, text in (conditions.CITIZENS | conditions.ASSOCIATION).items()],
        widget=forms.CheckboxSelectMultiple,
    )
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=300)
    reasons = forms.CharField(label=gettext_lazy("Reasons"), max_length=6000, widget=forms.Textarea({"rows": 6}))
    expected_outcome = forms.CharField(
        label=gettext_lazy("Expected outcome"), max_length=3000, widget=forms.Textarea({"rows": 4})
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            memberships__user=user, memberships__is_admin=True
        ).order_by("name")


class OpenForm(forms.Form):
    closes_on = forms.DateField(label=gettext_lazy("Signatures are collected until"), widget=DATE)


class ProvinceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class NoEchoInput(forms.TextInput):
    """A text input that never sends back what was typed: a refused form does not show the ID number again."""

    def format_value(self, value):
        return None


class SignatureFields(ReadableFieldsMixin, forms.Form):
    cin = forms.CharField(
        label=gettext_lazy("National ID card (CIN) number"),
        max_length=20,
        widget=NoEchoInput({"autocomplete": "off", "dir": "ltr"}),
        help_text=gettext_lazy("Kept only as a keyed code that proves one signature per person; never shown."),
    )
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=160)
    province = ProvinceField(label=gettext_lazy("Prefecture or province of residence"), queryset=None, required=False)
    show_name = forms.BooleanField(label=gettext_lazy("Show my name publicly among the signers"), required=False)

    def __init__(self, *args, petition=None, **kwargs):
        super().__init__(*args, **kwargs)
        if petition is not None and petition.collectivity.kind == "region":
            self.fields["province"].queryset = Province.objects.filter(region_id=petition.collectivity.region_id)
            self.fields["province"].required = True
            self.fields["province"].empty_label = gettext("Choose…")
        else:
            del self.fields["province"]


class SignForm(SignatureFields):
    confirms = forms.BooleanField(
        label=gettext_lazy("I reside or exercise an economic, commercial or professional activity in this territory."),
        required=False,
    )


class PaperRowForm(SignatureFields):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        self.fields["show_name"].label = gettext_lazy("Name may be shown")


PaperFormSet = forms.formset_factory(PaperRowForm, extra=10, max_num=50)


class PaperListForm(forms.Form):
    collected_on = forms.DateField(label=gettext_lazy("List collected on"), widget=DATE)


class AcceptForm(ReadableFieldsMixin, forms.Form):
    session_date = forms.DateField(label=gettext_lazy("Date of the next ordinary session"), widget=DATE)
    committee = forms.CharField(label=gettext_lazy("Standing committee"), max_length=200)
    decision = forms.CharField(
        label=gettext_lazy("Note (optional)"), required=False, max_length=6000, widget=forms.Textarea({"rows": 3})
    )


class RejectForm(ReadableFieldsMixin, forms.Form):
    decision = forms.CharField(
        label=gettext_lazy("Reasons of the rejection"), max_length=6000, widget=forms.Textarea({"rows": 4})
    )


class OutcomeForm(ReadableFieldsMixin, forms.Form):
    outcome = forms.CharField(
        label=gettext_lazy("Outcome of the session"), max_length=6000, widget=forms.Textarea({"rows": 4})
    )


class ThresholdForm(ReadableFieldsMixin, forms.ModelForm):
    class Meta:
        model = Threshold
        fields = [
            "min_population",
            "max_population",
            "signatures",
            "province_share",
            *[f"legal_source_{code}" for code in settings.MODELTRANSLATION_LANGUAGES],
            "to_confirm",
            "grace_days",
            "grace_to_confirm",
        ]


class PopulationForm(forms.Form):
    population = forms.IntegerField(label=gettext_lazy("Legal population"), required=False, min_value=0)
    has_arrondissements = forms.BooleanField(label=gettext_lazy("Commune with arrondissements"), required=False)
