"""The notification settings form."""

from django import forms
from django.utils.translation import gettext_lazy as _


class NotificationSettingsForm(forms.Form):
    email_enabled = forms.BooleanField(
        label=_("Also send me each notification by email"),
        required=False,
        help_text=_("Notifications always stay on this page; emails go to your verified primary address."),
    )
