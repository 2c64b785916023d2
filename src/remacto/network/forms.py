"""Forms of the network pages; the services do the real checks."""

from django import forms
from django.utils.translation import gettext_lazy

from remacto.core.forms import ReadableFieldsMixin
from remacto.territories.models import Province, Region

from .models import MembershipApplication, NewsPost


class CollectivityChoiceField(forms.ModelChoiceField):
    """Options read "Provincial council: Tiznit", since a council bears its province's name."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.get_kind_display()}: {obj.name}"


class ApplicationForm(ReadableFieldsMixin, forms.Form):
    collectivity = CollectivityChoiceField(
        label=gettext_lazy("Collectivity"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("My commune is not in the list"),
        help_text=gettext_lazy(
            "Every regional, prefectural and provincial council is listed. A commune that is not listed names "
            "itself below."
        ),
    )
    commune_name_ar = forms.CharField(
        label=gettext_lazy("Name of the commune (Arabic)"), max_length=120, required=False
    )
    commune_name_fr = forms.CharField(
        label=gettext_lazy("Name of the commune (French)"), max_length=120, required=False
    )
    commune_province = forms.ModelChoiceField(
        label=gettext_lazy("Province or prefecture of the commune"),
        queryset=Province.objects.order_by("name"),
        required=False,
        empty_label=gettext_lazy("Choose…"),
    )
    deliberation = forms.FileField(
        label=gettext_lazy("Council deliberation approving the membership (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    charter_accepted = forms.BooleanField(
        label=gettext_lazy("The collectivity accepts the network charter"), required=False
    )
    focal_name = forms.CharField(label=gettext_lazy("Focal point's name"), max_length=120, required=False)
    focal_title = forms.CharField(label=gettext_lazy("Focal point's title"), max_length=120, required=False)
    focal_email = forms.CharField(label=gettext_lazy("Focal point's email"), max_length=254, required=False)
    focal_phone = forms.CharField(label=gettext_lazy("Focal point's phone"), max_length=20, required=False)

    def __init__(self, *args, collectivities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collectivity"].queryset = collectivities
        self.fields["focal_email"].widget.attrs.update(dir="ltr", type="email", autocomplete="email")
        self.fields["focal_phone"].widget.attrs.update(dir="ltr", type="tel", autocomplete="tel")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("accept", gettext_lazy("Accept")), ("reject", gettext_lazy("Reject"))],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=gettext_lazy("Public decision text (the reason, when rejected)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 3, "dir": "auto"}),
    )
    cohort_year = forms.IntegerField(label=gettext_lazy("Cohort year"), required=False, min_value=2022, max_value=2100)


class ApplicationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All")), *MembershipApplication.Status.choices],
    )
    region = forms.ChoiceField(label=gettext_lazy("Region"), required=False)
    q = forms.CharField(label=gettext_lazy("Name"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", gettext_lazy("All")), *((r.code, r.name) for r in Region.objects.all())]
        self.fields["q"].widget.attrs["dir"] = "auto"

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {key: self.cleaned_data.get(key) or "" for key in ("status", "region", "q")}


class NewsForm(ReadableFieldsMixin, forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200, required=False)
    body = forms.CharField(
        label=gettext_lazy("Text (Markdown)"), max_length=20000, required=False, widget=forms.Textarea({"rows": 10})
    )
    image = forms.FileField(
        label=gettext_lazy("Image (JPEG or PNG, optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=NewsPost.Status.choices)
