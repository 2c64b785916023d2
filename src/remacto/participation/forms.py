"""Forms of participation. Services validate again; these only shape the input and keep what people typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from remacto.core.forms import ReadableFieldsMixin

from .models import COMMENT_MAX_LENGTH, FLAG_DETAILS_MAX_LENGTH, REASON_MAX_LENGTH, Discussion, Flag


class CommentForm(ReadableFieldsMixin, forms.Form):
    """A comment or a reply. ``website`` is a honeypot hidden by CSS: people leave it empty, bots fill it."""

    body = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX_LENGTH, "dir": "auto"}),
        help_text=_("Plain text; **bold**, *italics*, lists and links work. Be respectful: comments are public."),
        required=False,  # the service says clearly what is missing, in one place
        strip=False,
    )
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, prefix_id: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if prefix_id:
            self.auto_id = f"id_{prefix_id}_%s"


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=Flag.Reason.choices, widget=forms.RadioSelect, required=False
    )
    details = forms.CharField(
        label=_("Details"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": FLAG_DETAILS_MAX_LENGTH}),
        required=False,
        help_text=_("Optional, except for “Other”. Only the moderators read it."),
    )


class ModerationForm(forms.Form):
    ACTIONS = [("hide", _("Hide")), ("restore", _("Restore")), ("dismiss_flags", _("Dismiss the reports"))]

    action = forms.ChoiceField(choices=ACTIONS, widget=forms.HiddenInput)  # sent by the button pressed
    reason = forms.CharField(
        label=_("Public reason"),
        required=False,
        help_text=_("Shown to everyone in the moderation log and sent to the author."),
        widget=forms.TextInput(attrs={"maxlength": REASON_MAX_LENGTH}),
    )


class DiscussionForm(ReadableFieldsMixin, forms.ModelForm):
    class Meta:
        model = Discussion
        fields = ["title", "body", "closes_at"]
        widgets = {"closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}
