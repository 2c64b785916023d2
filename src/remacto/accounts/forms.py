"""Forms for sign-up, the profile, roles and organisations."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from remacto.core.forms import ReadableFieldsMixin

from .models import Organisation, Role, User


class SignupForm(AllauthSignupForm):
    """Sign-up asks only for a display name besides email and password."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        help_text=_("Shown next to what you post. It can be a pseudonym."),
    )
    field_order = ["display_name", "email", "password1", "password2"]

    def save(self, request):
        user = super().save(request)
        user.display_name = self.cleaned_data["display_name"].strip()
        user.preferred_language = (request.LANGUAGE_CODE or "ar")[:5]
        user.save(update_fields=["display_name", "preferred_language"])
        return user


class ProfileForm(ReadableFieldsMixin, forms.ModelForm):
    """The profile; age band, gender and residence are optional and explained on the page."""

    class Meta:
        model = User
        fields = ["display_name", "preferred_language", "age_band", "gender", "residence"]


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
