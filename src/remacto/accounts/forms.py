"""Forms for sign-up, the profile, roles and organisations."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from remacto.core.forms import LanguageSelect, ReadableFieldsMixin, TranslatedSelect
from remacto.core.translation import translated
from remacto.core.validators import require_visible

from .models import Organisation, Role, User


class SignupForm(AllauthSignupForm):
    """Sign-up asks only for a display name besides email and password."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        help_text=_("Shown next to what you post. It can be a pseudonym."),
    )
    field_order = ["display_name", "email", "password1", "password2"]

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"].strip()
        try:
            require_visible({"display_name": name})
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["display_name"]) from exc
        return name

    def save(self, request):
        user = super().save(request)
        user.display_name = self.cleaned_data["display_name"].strip()
        user.preferred_language = (request.LANGUAGE_CODE or "ar")[:5]
        user.save(update_fields=["display_name", "preferred_language"])
        return user


class ProfileForm(ReadableFieldsMixin, forms.ModelForm):
    """The profile; age band, gender and residence are optional, explained on the page and asked with consent."""

    statistics_consent = forms.BooleanField(
        label=_("I agree that my age band, gender and province feed the anonymous inclusion statistics."),
        help_text=_("Untick to withdraw your consent: these three answers are then erased."),
        required=False,
    )

    class Meta:
        model = User
        fields = ["display_name", "preferred_language", "statistics_consent", "age_band", "gender", "residence"]
        widgets = {"preferred_language": LanguageSelect, "residence": TranslatedSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statistics_consent"].initial = self.instance.statistics_consent_at is not None
        self.fields["residence"].label_from_instance = lambda province: translated(province, "name")


class AccountDeleteForm(forms.Form):
    """Deleting one's account is confirmed with the password."""

    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class RoleGrantForm(forms.Form):
    """Grant a role in one collectivity to the account with the given email."""

    email = forms.EmailField(label=_("Email of the person"))
    kind = forms.ChoiceField(label=_("Role"), choices=[c for c in Role.Kind.choices if c[0] != Role.Kind.NETWORK_ADMIN])
    title = forms.CharField(label=_("Public title"), max_length=120, required=False)

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(_("No account uses this email address."))
        self.cleaned_data["user"] = user
        return email


class OrganisationForm(ReadableFieldsMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "description", "collectivity"]


class OrganisationMemberForm(forms.Form):
    email = forms.EmailField(label=_("Email of the person"))
    is_admin = forms.BooleanField(label=_("Admin of the association"), required=False)
