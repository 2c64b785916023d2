"""Forms of online voting: the eligibility declaration, the SMS code, desk codes, receipts, and the parsing of a
ballot form. Forms only parse and type the input; every rule lives in the services."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from remacto.core.forms import ReadableFieldsMixin

from .models import BallotType, Campaign, Verification
from .services.eligibility import MAX_DESK_CODES, residence_districts

TAMPERED = gettext_lazy("The ballot form was changed or is out of date. Reload the page and try again.")


class VerifyForm(ReadableFieldsMixin, forms.Form):
    """The fields ``campaign`` asks for: residence, district, date of birth, CIN number, phone number or desk
    code. Every field is optional here: the service says what is missing, in words."""

    resident = forms.BooleanField(label=gettext_lazy("I live in this collectivity"), required=False)
    district = forms.ModelChoiceField(label=gettext_lazy("My district"), queryset=None, required=False)
    birth_date = forms.DateField(
        label=gettext_lazy("Date of birth"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text=gettext_lazy("Only used to check your age now; it is not kept."),
    )
    cin = forms.CharField(
        label=gettext_lazy("National ID card (CIN) number"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "dir": "ltr"}),
        help_text=gettext_lazy(
            "Your number is never stored: we keep only a coded fingerprint of it, which shows whether this card "
            "has already voted and cannot be turned back into the number (law 09-08 on personal data)."
        ),
    )
    phone = forms.CharField(
        label=gettext_lazy("Mobile phone number"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel", "dir": "ltr"}),
        help_text=gettext_lazy("We send you a code by SMS. We keep only a coded fingerprint of your number."),
    )
    desk_code = forms.CharField(
        label=gettext_lazy("Voting code"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "dir": "ltr"}),
        help_text=gettext_lazy("The code printed on the slip you received at a desk of the collectivity."),
    )

    def __init__(self, campaign: Campaign, *args, **kwargs):
        super().__init__(*args, **kwargs)
        districts = residence_districts(campaign)
        if districts:
            self.fields["district"].queryset = campaign.districts.filter(pk__in=[d.pk for d in districts])
        else:
            del self.fields["district"]
        if not campaign.requires_residence:
            del self.fields["resident"]
        if not campaign.min_age:
            del self.fields["birth_date"]
        if not campaign.checks_cin:
            del self.fields["cin"]
        if campaign.verification != Verification.PHONE:
            del self.fields["phone"]
        if campaign.verification != Verification.DESK_CODE:
            del self.fields["desk_code"]


class CodeForm(ReadableFieldsMixin, forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code received by SMS"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "dir": "ltr", "pattern": "[0-9 ]*"}
        ),
    )


class DeskCodesForm(ReadableFieldsMixin, forms.Form):
    count = forms.IntegerField(label=gettext_lazy("Number of codes"), min_value=1, max_value=MAX_DESK_CODES, initial=50)
    batch = forms.CharField(
        label=gettext_lazy("Batch"),
        max_length=100,
        help_text=gettext_lazy("For example the desk and the day: “Town hall, 12 May”."),
    )


class ReceiptForm(ReadableFieldsMixin, forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Receipt code"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "dir": "ltr"}),
    )


_WHOLE = re.compile(r"^[0-9]{1,6}$")


def _whole(value: str) -> int:
    value = value.strip()
    if not _WHOLE.match(value):
        raise ValidationError(_("Give whole numbers only."), code="tampered")
    return int(value)


def parse_ballot(campaign: Campaign, data) -> list[tuple[str, int]]:
    """The ``(proposal pk, points)`` entries of a ballot form, in the voter's order of preference for ranked
    ballots; ``ValidationError`` when the form was tampered with (the service checks the rest)."""
    if campaign.ballot_type in (BallotType.APPROVAL, BallotType.KNAPSACK):
        entries = []
        for value in data.getlist("choice"):
            if not _WHOLE.match(value.strip()):
                raise ValidationError(TAMPERED, code="tampered")
            entries.append((value.strip(), 1))
        return entries
    prefix = "points-" if campaign.ballot_type == BallotType.CUMULATIVE else "rank-"
    given = []
    for key in data:
        if not key.startswith(prefix):
            continue
        reference = key.removeprefix(prefix)
        value = data.get(key, "").strip()
        if not _WHOLE.match(reference):
            raise ValidationError(TAMPERED, code="tampered")
        if value in ("", "0"):
            continue
        given.append((reference, _whole(value)))
    if campaign.ballot_type == BallotType.CUMULATIVE:
        return given
    ranks = [rank for _reference, rank in given]
    if len(set(ranks)) < len(ranks):
        raise ValidationError(_("Give each project a different rank."), code="ranks")
    return [(reference, 1) for reference, _rank in sorted(given, key=lambda pair: pair[1])]


def posted_district(campaign: Campaign, data):
    """The district whose ballot the form showed (its hidden ``district`` field), or ``None``; ``ValidationError``
    when it is not one of the campaign's."""
    value = (data.get("district") or "").strip()
    if not value:
        return None
    district = campaign.districts.filter(pk=int(value)).first() if _WHOLE.match(value) else None
    if district is None:
        raise ValidationError(TAMPERED, code="tampered")
    return district
