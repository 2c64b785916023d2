"""Who may vote online in a campaign, and how they prove it.

A voter declares what the campaign asks (that they live in the collectivity, in which district, their date of
birth when there is a minimum age, their national ID number when the campaign checks CIN numbers), then passes
the campaign's identity check:

- ``email``: the account's primary email address is verified (nothing more to do);
- ``phone``: a six-digit code sent by SMS (hashed, 10 minutes, 5 attempts, resends limited) confirms the number;
- ``desk_code``: a one-time code handed out at a desk of the collectivity (one voter per code).

The result is a :class:`~remacto.budgets.models.VoterCheck` whose ``voter_key`` names the voter in the campaign:
``identity.voter_key(campaign, identity_kind(campaign), identity)``, the key paper ballots are entered with too,
so that one person votes once whichever channel they use. Only keyed hashes are stored: never the CIN number,
phone number, code or birth date (law 09-08).
"""

import datetime
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from types import SimpleNamespace

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from remacto.core import audit
from remacto.core.permissions import require
from remacto.participation import limits

from .. import identity, selectors, sms
from ..models import Campaign, CampaignPhase, DeskCode, District, PhoneCode, Verification, VoterCheck
from .campaigns import voting_open

VOTE = "budgets.vote"
ISSUE_CODES = "budgets.issue_codes"
CODE_DIGITS = 6
CODE_MINUTES = 10
MAX_ATTEMPTS = 5
MAX_DESK_CODES = 500
CIN_PATTERN = re.compile(r"^[A-Z]{1,2}[0-9]{1,7}$")
PHONE_PATTERN = re.compile(r"^\+212[5-7][0-9]{8}$")
DESK_CODE_PATTERN = re.compile(rf"^[{identity.RECEIPT_ALPHABET}]{{{identity.RECEIPT_LENGTH}}}$")


# Reads -----------------------------------------------------------------------------------------------------------


def residence_districts(campaign: Campaign) -> list[District]:
    """The districts a voter chooses between (none when the campaign has no districts, or only categories)."""
    return [d for d in campaign.districts.all() if d.kind == District.Kind.DISTRICT]


def check_of(user, campaign: Campaign) -> VoterCheck | None:
    """``user``'s check in ``campaign``, or ``None``."""
    if not user.is_authenticated:
        return None
    check = VoterCheck.objects.filter(campaign=campaign, user=user).first()
    if check is not None and check.district_id is not None:  # from the process memo rather than a join
        check.district = selectors.campaign_districts(campaign)[check.district_id]
    return check


def is_complete(check: VoterCheck | None, campaign: Campaign) -> bool:
    """The check covers everything ``campaign`` asks for (its declarations and its identity check)."""
    return (
        check is not None
        and check.is_verified
        and (check.residence_declared_at is not None or not campaign.requires_residence)
        and (check.age_declared_at is not None or not campaign.min_age)
    )


def require_eligible(user, campaign: Campaign) -> VoterCheck:
    """``user``'s complete check in ``campaign``, else ``ValidationError`` (code ``not_eligible``)."""
    check = check_of(user, campaign)
    if not is_complete(check, campaign):
        raise ValidationError(
            _("Before voting, confirm that you may vote in this campaign (the verification step)."),
            code="not_eligible",
        )
    return check


def age_on(born: datetime.date, day: datetime.date) -> int:
    """Full years between ``born`` and ``day``."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def desk_code_hash(campaign: Campaign, code: str) -> str:
    return identity.keyed_hash("desk_code", f"{campaign.pk}:{identity.parse_receipt(code)}")


def _sms_code_hash(check: VoterCheck, code: str) -> str:
    return identity.keyed_hash("sms_code", f"{check.pk}:{code.strip()}")


def desk_code_batches(campaign: Campaign) -> list[dict]:
    """The batches of desk codes of ``campaign``: label, codes issued, used, when (newest first)."""
    return list(
        DeskCode.objects.filter(campaign=campaign)
        .values("batch")
        .annotate(issued=Count("id"), used=Count("id", filter=Q(used_at__isnull=False)), issued_at=Max("issued_at"))
        .order_by("-issued_at")
    )


# Declarations and identity ---------------------------------------------------------------------------------------


@dataclass
class Declared:
    """What :func:`declare` did: ``check`` and whether an SMS code was sent (``code_sent``)."""

    check: VoterCheck
    code_sent: bool = False


def _open_check(actor, campaign: Campaign) -> VoterCheck:
    check, _created = VoterCheck.objects.get_or_create(campaign=campaign, user=actor)
    return VoterCheck.objects.select_for_update().get(pk=check.pk)


def _require_voting(actor, campaign: Campaign) -> None:
    require(actor, VOTE, campaign.collectivity)
    if not voting_open(campaign):
        raise ValidationError(_("Voting is not open in this campaign."), code="closed")


def _declarations(campaign: Campaign, values: Mapping) -> tuple[dict, dict]:
    """The checked declarations (``district``, ``cin``, ``phone``, ``desk_code``) and the errors, keyed by field."""
    errors: dict[str, str] = {}
    clean: dict = {}
    if campaign.requires_residence and not values.get("resident"):
        errors["resident"] = _("Only people who live in the collectivity may vote: tick the box if you do.")
    districts = residence_districts(campaign)
    district = values.get("district")
    if districts:
        if not isinstance(district, District) or district.pk not in {d.pk for d in districts}:
            errors["district"] = _("Choose the district where you live.")
        else:
            clean["district"] = district
    if campaign.min_age:
        born = values.get("birth_date")
        today = timezone.localdate()
        if not isinstance(born, datetime.date) or born > today or born.year < 1900:
            errors["birth_date"] = _("Give your date of birth.")
        elif age_on(born, today) < campaign.min_age:
            errors["birth_date"] = _("You must be %(age)d or older to vote in this campaign.") % {
                "age": campaign.min_age
            }
    if campaign.checks_cin:
        cin = identity.normalise_cin(values.get("cin") or "")
        if not CIN_PATTERN.match(cin):
            errors["cin"] = _(
                "Type the number of your national ID card as it is written on the card: one or two letters, then "
                "digits."
            )
        clean["cin"] = cin
    if campaign.verification == Verification.PHONE:
        phone = identity.normalise_phone(values.get("phone") or "")
        if not PHONE_PATTERN.match(phone):
            errors["phone"] = _("Type a Moroccan mobile number, for example 06 12 34 56 78.")
        clean["phone"] = phone
    elif campaign.verification == Verification.DESK_CODE:
        code = identity.parse_receipt(values.get("desk_code") or "")
        if not DESK_CODE_PATTERN.match(code):
            errors["desk_code"] = _("Type the voting code as printed on your slip: ten letters and digits.")
        clean["desk_code"] = code
    return clean, errors


def declare(actor, campaign: Campaign, values: Mapping) -> Declared:
    """Record the voter's declarations and run the campaign's identity check.

    ``values``: ``resident`` (bool), ``district`` (a :class:`District`), ``birth_date`` (a date), ``cin``,
    ``phone`` or ``desk_code`` as the campaign asks. With an email check the voter is verified at once when their
    primary address is; with a desk code when the code is valid and unused; with a phone number a code is sent by
    SMS and :func:`confirm_phone_code` finishes the check. Errors are keyed by field; nothing is saved then.
    """
    _require_voting(actor, campaign)
    clean, errors = _declarations(campaign, values)
    email = ""
    if campaign.verification == Verification.EMAIL:
        address = EmailAddress.objects.filter(user=actor, primary=True, verified=True).first()
        if address is None:
            errors["__all__"] = _(
                "Confirm your email address first: open the link we sent you, or ask for a new one in your profile."
            )
        else:
            email = address.email
    if errors:
        raise ValidationError(errors)
    code_to_send = ""
    with transaction.atomic():
        check = _open_check(actor, campaign)
        if is_complete(check, campaign):
            raise ValidationError(_("You are already verified for this campaign: you can vote."), code="verified")
        now = timezone.now()
        check.district = clean.get("district")
        check.residence_declared_at = now if campaign.requires_residence else None
        check.age_declared_at = now if campaign.min_age else None
        kind = identity.identity_kind(campaign)
        check.voter_key = identity.voter_key(campaign.pk, "cin", clean["cin"]) if campaign.checks_cin else ""
        check.verified_at = None
        if campaign.verification == Verification.EMAIL:
            check.verified_at = now
            if kind == "email":
                check.voter_key = identity.voter_key(campaign.pk, "email", email)
        elif campaign.verification == Verification.DESK_CODE:
            _use_desk_code(campaign, check, clean["desk_code"], now)
        _save_check(check, kind)
        if campaign.verification == Verification.PHONE:
            code_to_send = _new_phone_code(actor, campaign, check, clean["phone"])
    if code_to_send:
        sms.send_sms(
            clean["phone"],
            _("Your voting code: %(code)s. It is valid for %(minutes)d minutes. Never give it to anyone.")
            % {"code": code_to_send, "minutes": CODE_MINUTES},
        )
    return Declared(check, code_sent=bool(code_to_send))


def _use_desk_code(campaign: Campaign, check: VoterCheck, code: str, now) -> None:
    desk = (
        DeskCode.objects.select_for_update().filter(campaign=campaign, code_hash=desk_code_hash(campaign, code)).first()
    )
    if desk is None:
        raise ValidationError(
            {"desk_code": _("This voting code is not valid for this campaign. Check it and type it again.")}
        )
    if desk.used_at is not None:
        raise ValidationError(
            {
                "desk_code": _(
                    "This voting code has already been used. Each code is for one voter: ask the desk for a new one."
                )
            }
        )
    desk.used_at = now
    desk.save(update_fields=["used_at"])
    if not campaign.checks_cin:
        check.voter_key = identity.voter_key(campaign.pk, "code", code)
    check.verified_at = now


def _save_check(check: VoterCheck, kind: str) -> None:
    """Save ``check``; another account already verified with the same identity gets a clear refusal."""
    try:
        with transaction.atomic():
            check.save()
    except IntegrityError:
        messages = {
            "cin": ("cin", _("This national ID number is already used by another account in this campaign.")),
            "phone": ("phone", _("This phone number is already used by another account in this campaign.")),
            "code": ("desk_code", _("This voting code has already been used.")),
            "email": ("__all__", _("This email address is already used by another account in this campaign.")),
        }
        field, message = messages[kind]
        raise ValidationError({field: message}) from None


def _new_phone_code(actor, campaign: Campaign, check: VoterCheck, phone: str) -> str:
    """Store a new code for ``phone`` (earlier codes stop working) and return it in clear, to be sent."""
    phone_key = identity.voter_key(campaign.pk, "phone", phone)
    if not campaign.checks_cin and VoterCheck.objects.filter(campaign=campaign, voter_key=phone_key).exists():
        raise ValidationError({"phone": _("This phone number is already used by another account in this campaign.")})
    # Limited per account and per number, so that several accounts cannot flood one phone with codes.
    number = SimpleNamespace(pk=f"phone-{phone_key[:24]}")
    with limits.reserve(actor, "sms_codes", field="phone"), limits.reserve(number, "sms_codes", field="phone"):
        code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
        now = timezone.now()
        PhoneCode.objects.create(
            voter_check=check,
            phone_key=phone_key,
            code_hash=_sms_code_hash(check, code),
            sent_at=now,
            expires_at=now + datetime.timedelta(minutes=CODE_MINUTES),
        )
    return code


def confirm_phone_code(actor, campaign: Campaign, code: str) -> VoterCheck:
    """Finish a phone check with the code received by SMS: wrong, expired, exhausted or used codes are refused
    with a clear message (a wrong attempt counts, even though it is refused)."""
    _require_voting(actor, campaign)
    code = re.sub(r"\s+", "", code or "")
    with transaction.atomic():
        check = VoterCheck.objects.select_for_update().filter(campaign=campaign, user=actor).first()
        if check is not None and is_complete(check, campaign):
            return check
        pending = check.phone_codes.first() if check is not None else None
        problem = _code_problem(pending, code)
        if problem is None:
            now = timezone.now()
            pending.used_at = now
            pending.save(update_fields=["used_at"])
            if not campaign.checks_cin:
                check.voter_key = pending.phone_key
            check.verified_at = now
            _save_check(check, identity.identity_kind(campaign))
            return check
        if problem == "wrong":
            pending.attempts += 1
            pending.save(update_fields=["attempts"])
            left = MAX_ATTEMPTS - pending.attempts
    # Outside the transaction: the wrong attempt above is counted even though the answer is a refusal.
    if problem == "wrong":
        if left <= 0:
            raise ValidationError({"code": _("Wrong code, and that was the last attempt. Ask for a new code.")})
        raise ValidationError(
            {
                "code": ngettext(
                    "Wrong code. You have %(n)d more attempt.", "Wrong code. You have %(n)d more attempts.", left
                )
                % {"n": left}
            }
        )
    raise ValidationError({"code": problem})


def _code_problem(pending: PhoneCode | None, code: str) -> str | None:
    """What is wrong with ``code`` for the latest ``pending`` code: a message, ``"wrong"``, or ``None`` (right)."""
    if pending is None:
        return _("No code was sent for this campaign yet: give your phone number to receive one.")
    if pending.used_at is not None:
        return _("This code has already been used. Ask for a new code.")
    if pending.attempts >= MAX_ATTEMPTS:
        return _("Too many wrong codes. Ask for a new code.")
    if timezone.now() >= pending.expires_at:
        return _("This code has expired: codes are valid for %(minutes)d minutes. Ask for a new code.") % {
            "minutes": CODE_MINUTES
        }
    if not re.fullmatch(rf"[0-9]{{{CODE_DIGITS}}}", code):
        return _("Type the six digits of the code you received by SMS.")
    if not constant_time_compare(_sms_code_hash(pending.voter_check, code), pending.code_hash):
        return "wrong"
    return None


# Desk codes ------------------------------------------------------------------------------------------------------


@transaction.atomic
def issue_desk_codes(actor, campaign: Campaign, count: int, batch: str) -> list[str]:
    """Generate ``count`` one-time voting codes for a desk; returns them in clear, the only time they exist in
    clear (only their keyed hashes are stored)."""
    require(actor, ISSUE_CODES, campaign.collectivity)
    if campaign.verification != Verification.DESK_CODE:
        raise ValidationError(_("This campaign does not use voting codes handed out at a desk."))
    if campaign.phase in (CampaignPhase.COUNTING, CampaignPhase.RESULTS):
        raise ValidationError(_("Voting has closed: no more codes can be issued."))
    errors = {}
    if not isinstance(count, int) or not 1 <= count <= MAX_DESK_CODES:
        errors["count"] = _("Ask for between 1 and %(n)d codes at a time.") % {"n": MAX_DESK_CODES}
    batch = (batch or "").strip()
    if not batch or len(batch) > 100:
        errors["batch"] = _("Name the batch (for example the desk and the day), in 100 characters at most.")
    if errors:
        raise ValidationError(errors)
    codes = list(dict.fromkeys(identity.new_receipt() for _n in range(count)))
    now = timezone.now()
    DeskCode.objects.bulk_create(
        DeskCode(
            campaign=campaign, code_hash=desk_code_hash(campaign, code), batch=batch, issued_by=actor, issued_at=now
        )
        for code in codes
    )
    audit.record(
        actor, "campaign.desk_codes", campaign, collectivity=campaign.collectivity, count=len(codes), batch=batch
    )
    return codes
