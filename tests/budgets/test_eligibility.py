"""Eligibility and verification: declarations (residence, district, age, CIN), the email, SMS-code and desk-code
checks, what is stored (keyed hashes only), and desk codes issued per role."""

import datetime
import logging
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from remacto.budgets import identity, sms
from remacto.budgets.models import DeskCode, District, PhoneCode, VoterCheck
from remacto.budgets.services import eligibility
from remacto.core.models import AuditLogEntry

from ..conftest import make_user
from .conftest import campaign_in, move_to

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English (the site's default language is Arabic)."""
    with translation.override("en"):
        yield


CIN = "AB123456"
PHONE = "06 12 34 56 78"


def born(years: int, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=days)


def messages_of(error: ValidationError) -> dict:
    return error.value.message_dict


# Email ------------------------------------------------------------------------------------------------------------


def test_a_verified_email_verifies_at_once_keyed_by_the_email(citizen, campaign):
    done = eligibility.declare(citizen, campaign, {"resident": True})
    check = done.check
    assert not done.code_sent and eligibility.is_complete(check, campaign)
    assert check.voter_key == identity.voter_key(campaign.pk, "email", "CITIZEN@example.ma ")
    assert check.residence_declared_at and check.verified_at
    assert eligibility.require_eligible(citizen, campaign) == check


def test_an_unconfirmed_email_is_refused_and_nothing_is_saved(citizen, campaign):
    EmailAddress.objects.filter(user=citizen).update(verified=False)
    with pytest.raises(ValidationError) as error:
        eligibility.declare(citizen, campaign, {"resident": True})
    assert "Confirm your email address first" in str(error.value)
    assert not VoterCheck.objects.exists()


def test_residence_must_be_declared(citizen, campaign):
    with pytest.raises(ValidationError) as error:
        eligibility.declare(citizen, campaign, {"resident": False})
    assert "live in the collectivity" in messages_of(error)["resident"][0]
    assert not VoterCheck.objects.exists()


def test_no_residence_asked_when_the_campaign_does_not(citizen, commune):
    campaign = campaign_in(commune, requires_residence=False)
    check = eligibility.declare(citizen, campaign, {}).check
    assert eligibility.is_complete(check, campaign) and check.residence_declared_at is None


def test_a_district_campaign_asks_for_the_voters_own_district(citizen, commune, other_campaign):
    campaign = campaign_in(commune)
    north = District.objects.create(campaign=campaign, name="الشمال", budget=100_000)
    elsewhere = District.objects.create(campaign=other_campaign, name="Ailleurs", budget=1000)
    for district in (None, elsewhere):
        with pytest.raises(ValidationError) as error:
            eligibility.declare(citizen, campaign, {"resident": True, "district": district})
        assert messages_of(error)["district"] == ["Choose the district where you live."]
    check = eligibility.declare(citizen, campaign, {"resident": True, "district": north}).check
    assert check.district == north


def test_categories_are_not_a_district_to_choose(citizen, commune):
    campaign = campaign_in(commune)
    District.objects.create(campaign=campaign, name="Sport", budget=100_000, kind=District.Kind.CATEGORY)
    check = eligibility.declare(citizen, campaign, {"resident": True}).check
    assert check.district is None and eligibility.is_complete(check, campaign)


def test_minimum_age(citizen, commune):
    campaign = campaign_in(commune, min_age=18)
    for birth_date, message in (
        (None, "Give your date of birth."),
        (timezone.localdate() + datetime.timedelta(days=1), "Give your date of birth."),
        (born(18) + datetime.timedelta(days=1), "You must be 18 or older to vote in this campaign."),
    ):
        with pytest.raises(ValidationError) as error:
            eligibility.declare(citizen, campaign, {"resident": True, "birth_date": birth_date})
        assert messages_of(error)["birth_date"] == [message]
    assert not VoterCheck.objects.exists()
    check = eligibility.declare(citizen, campaign, {"resident": True, "birth_date": born(18)}).check
    assert check.age_declared_at is not None
    assert not any("birth" in f.name for f in VoterCheck._meta.fields)  # the date is not kept


def test_age_on():
    assert eligibility.age_on(datetime.date(2008, 5, 12), datetime.date(2026, 5, 11)) == 17
    assert eligibility.age_on(datetime.date(2008, 5, 12), datetime.date(2026, 5, 12)) == 18


# CIN ---------------------------------------------------------------------------------------------------------------


def test_the_cin_number_is_kept_only_as_a_keyed_hash(citizen, commune, caplog):
    campaign = campaign_in(commune, checks_cin=True)
    caplog.set_level(logging.DEBUG)
    check = eligibility.declare(citizen, campaign, {"resident": True, "cin": "ab 123456"}).check
    assert check.voter_key == identity.voter_key(campaign.pk, "cin", CIN)
    stored = " ".join(str(v) for v in VoterCheck.objects.values().get())
    assert "123456" not in stored and CIN not in stored
    assert "123456" not in caplog.text


def test_a_cin_used_by_another_account_is_refused(citizen, commune):
    campaign = campaign_in(commune, checks_cin=True)
    eligibility.declare(citizen, campaign, {"resident": True, "cin": CIN})
    other = make_user("neighbour@example.ma")
    with pytest.raises(ValidationError) as error:
        eligibility.declare(other, campaign, {"resident": True, "cin": "ab-123456"})
    assert messages_of(error)["cin"] == ["This national ID number is already used by another account in this campaign."]
    assert VoterCheck.objects.count() == 1


@pytest.mark.parametrize("number", ["", "123456", "ABC123", "A-B", "AB12345678"])
def test_a_malformed_cin_is_refused(citizen, commune, number):
    campaign = campaign_in(commune, checks_cin=True)
    with pytest.raises(ValidationError) as error:
        eligibility.declare(citizen, campaign, {"resident": True, "cin": number})
    assert "national ID card" in messages_of(error)["cin"][0]


# Phone -------------------------------------------------------------------------------------------------------------


@pytest.fixture
def phone_campaign(commune):
    return campaign_in(commune, verification="phone")


def send_code(user, campaign, outbox, phone=PHONE) -> str:
    done = eligibility.declare(user, campaign, {"resident": True, "phone": phone})
    assert done.code_sent and not eligibility.is_complete(done.check, campaign)
    return re.search(r"\d{6}", outbox[-1].body)[0]


def test_a_code_by_sms_verifies_the_phone(citizen, phone_campaign, sms_outbox):
    code = send_code(citizen, phone_campaign, sms_outbox)
    assert sms_outbox[-1].phone == "+212612345678"
    stored = PhoneCode.objects.get()
    assert code not in (stored.code_hash, stored.phone_key) and "612345678" not in stored.phone_key
    check = eligibility.confirm_phone_code(citizen, phone_campaign, f" {code[:3]} {code[3:]} ")
    assert eligibility.is_complete(check, phone_campaign)
    assert check.voter_key == identity.voter_key(phone_campaign.pk, "phone", "+212 6 12 34 56 78")
    assert PhoneCode.objects.get().used_at is not None


def test_wrong_codes_count_and_five_end_the_code(citizen, phone_campaign, sms_outbox):
    code = send_code(citizen, phone_campaign, sms_outbox)
    wrong = "000000" if code != "000000" else "111111"
    for left in (4, 3, 2, 1):
        with pytest.raises(ValidationError) as error:
            eligibility.confirm_phone_code(citizen, phone_campaign, wrong)
        assert messages_of(error)["code"][0].startswith(f"Wrong code. You have {left} more attempt")
    with pytest.raises(ValidationError) as error:
        eligibility.confirm_phone_code(citizen, phone_campaign, wrong)
    assert "last attempt" in messages_of(error)["code"][0]
    with pytest.raises(ValidationError) as error:
        eligibility.confirm_phone_code(citizen, phone_campaign, code)  # even the right one, now
    assert messages_of(error)["code"] == ["Too many wrong codes. Ask for a new code."]
    assert not eligibility.is_complete(VoterCheck.objects.get(), phone_campaign)


def test_an_expired_code_is_refused(citizen, phone_campaign, sms_outbox):
    code = send_code(citizen, phone_campaign, sms_outbox)
    PhoneCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    with pytest.raises(ValidationError) as error:
        eligibility.confirm_phone_code(citizen, phone_campaign, code)
    assert "expired" in messages_of(error)["code"][0]


def test_a_used_or_replaced_code_is_refused(citizen, phone_campaign, sms_outbox):
    first = send_code(citizen, phone_campaign, sms_outbox)
    second = send_code(citizen, phone_campaign, sms_outbox)
    if first != second:
        with pytest.raises(ValidationError, match="Wrong code"):
            eligibility.confirm_phone_code(citizen, phone_campaign, first)  # only the latest code works
    PhoneCode.objects.filter(pk=PhoneCode.objects.first().pk).update(used_at=timezone.now())
    with pytest.raises(ValidationError) as error:
        eligibility.confirm_phone_code(citizen, phone_campaign, second)
    assert messages_of(error)["code"] == ["This code has already been used. Ask for a new code."]


def test_no_code_asked_yet(citizen, phone_campaign):
    with pytest.raises(ValidationError, match="No code was sent"):
        eligibility.confirm_phone_code(citizen, phone_campaign, "123456")


def test_codes_are_limited(citizen, phone_campaign, sms_outbox):
    for _n in range(3):
        send_code(citizen, phone_campaign, sms_outbox)
    with pytest.raises(ValidationError) as error:
        eligibility.declare(citizen, phone_campaign, {"resident": True, "phone": PHONE})
    assert "codes by SMS recently" in messages_of(error)["phone"][0]
    assert len(sms_outbox) == 3 and PhoneCode.objects.count() == 3


def test_codes_to_one_number_are_limited_whatever_the_account(citizen, phone_campaign, sms_outbox):
    for n in range(3):
        send_code(make_user(f"sender{n}@example.ma"), phone_campaign, sms_outbox)
    with pytest.raises(ValidationError, match="codes by SMS recently"):
        eligibility.declare(citizen, phone_campaign, {"resident": True, "phone": PHONE})
    assert len(sms_outbox) == 3
    send_code(citizen, phone_campaign, sms_outbox, phone="0698765432")  # another number still gets its code


def test_a_phone_number_verifies_one_account(citizen, phone_campaign, sms_outbox):
    eligibility.confirm_phone_code(citizen, phone_campaign, send_code(citizen, phone_campaign, sms_outbox))
    other = make_user("neighbour@example.ma")
    with pytest.raises(ValidationError) as error:
        eligibility.declare(other, phone_campaign, {"resident": True, "phone": "+212612345678"})
    assert messages_of(error)["phone"] == ["This phone number is already used by another account in this campaign."]
    assert len(sms_outbox) == 1


@pytest.mark.parametrize("number", ["", "12345", "+33612345678", "0412345678"])
def test_a_malformed_phone_number_is_refused(citizen, phone_campaign, sms_outbox, number):
    with pytest.raises(ValidationError, match="Moroccan mobile number"):
        eligibility.declare(citizen, phone_campaign, {"resident": True, "phone": number})
    assert not sms_outbox and not VoterCheck.objects.exists()


def test_the_console_backend_masks_the_number(settings, caplog):
    settings.SMS_BACKEND = "remacto.budgets.sms.ConsoleBackend"
    caplog.set_level(logging.INFO)
    sms.send_sms("+212612345678", "code 123456")
    assert "+212•••••••78" in caplog.text and "612345678" not in caplog.text


def test_cin_and_phone_the_voter_is_the_card(citizen, commune, sms_outbox):
    campaign = campaign_in(commune, verification="phone", checks_cin=True)
    done = eligibility.declare(citizen, campaign, {"resident": True, "phone": PHONE, "cin": CIN})
    code = re.search(r"\d{6}", sms_outbox[-1].body)[0]
    check = eligibility.confirm_phone_code(citizen, campaign, code)
    assert done.code_sent and check.voter_key == identity.voter_key(campaign.pk, "cin", CIN)


# Desk codes --------------------------------------------------------------------------------------------------------


@pytest.fixture
def desk_campaign(commune):
    return campaign_in(commune, verification="desk_code")


def test_desk_codes_are_stored_hashed_and_audited(polling_officer, desk_campaign):
    codes = eligibility.issue_desk_codes(polling_officer, desk_campaign, 20, "Town hall, 12 May")
    assert len(codes) == 20 and all(re.fullmatch(r"[A-Z0-9]{10}", c) for c in codes)
    stored = set(DeskCode.objects.values_list("code_hash", flat=True))
    assert not stored & set(codes) and eligibility.desk_code_hash(desk_campaign, codes[0]) in stored
    entry = AuditLogEntry.objects.get(action="campaign.desk_codes")
    assert entry.details["count"] == 20 and entry.actor == polling_officer
    assert eligibility.desk_code_batches(desk_campaign)[0] | {"issued_at": None} == {
        "batch": "Town hall, 12 May",
        "issued": 20,
        "used": 0,
        "issued_at": None,
    }


def test_a_desk_code_verifies_one_voter(citizen, polling_officer, desk_campaign):
    code = eligibility.issue_desk_codes(polling_officer, desk_campaign, 1, "A")[0]
    check = eligibility.declare(
        citizen, desk_campaign, {"resident": True, "desk_code": identity.format_receipt(code)}
    ).check
    assert eligibility.is_complete(check, desk_campaign)
    assert check.voter_key == identity.voter_key(desk_campaign.pk, "code", code.lower())
    other = make_user("neighbour@example.ma")
    with pytest.raises(ValidationError) as error:
        eligibility.declare(other, desk_campaign, {"resident": True, "desk_code": code})
    assert "already been used" in messages_of(error)["desk_code"][0]
    assert not VoterCheck.objects.filter(user=other).exists()


@pytest.mark.parametrize("typed", ["", "ACDEF", "ACDEF-GHJKL"])
def test_an_unknown_desk_code_is_refused(citizen, polling_officer, desk_campaign, typed):
    eligibility.issue_desk_codes(polling_officer, desk_campaign, 1, "A")
    with pytest.raises(ValidationError) as error:
        eligibility.declare(citizen, desk_campaign, {"resident": True, "desk_code": typed})
    assert messages_of(error)["desk_code"]
    assert not VoterCheck.objects.exists() and not DeskCode.objects.filter(used_at__isnull=False).exists()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("citizen", False),
        ("committee_member", False),
        ("moderator", False),
        ("other_focal_point", False),
        ("focal_point", True),
        ("polling_officer", True),
        ("network_admin", True),
    ],
)
def test_who_issues_desk_codes(request, desk_campaign, role, allowed):
    actor = request.getfixturevalue(role)
    if allowed:
        assert len(eligibility.issue_desk_codes(actor, desk_campaign, 2, "B")) == 2
    else:
        with pytest.raises(PermissionDenied):
            eligibility.issue_desk_codes(actor, desk_campaign, 2, "B")
        assert not DeskCode.objects.exists()


@pytest.mark.parametrize(("count", "batch", "field"), [(0, "A", "count"), (501, "A", "count"), (5, " ", "batch")])
def test_desk_code_batches_are_checked(polling_officer, desk_campaign, count, batch, field):
    with pytest.raises(ValidationError) as error:
        eligibility.issue_desk_codes(polling_officer, desk_campaign, count, batch)
    assert field in messages_of(error) and not DeskCode.objects.exists()


def test_no_desk_codes_for_other_checks_or_after_voting(polling_officer, campaign, desk_campaign):
    with pytest.raises(ValidationError, match="does not use voting codes"):
        eligibility.issue_desk_codes(polling_officer, campaign, 2, "A")
    move_to(desk_campaign, "counting")
    with pytest.raises(ValidationError, match="Voting has closed"):
        eligibility.issue_desk_codes(polling_officer, desk_campaign, 2, "A")


# Window and permission ---------------------------------------------------------------------------------------------


def test_no_declaration_outside_the_voting_window(citizen, campaign, sms_outbox):
    for phase in ("ballot", "counting"):
        move_to(campaign, phase)
        with pytest.raises(ValidationError, match="Voting is not open"):
            eligibility.declare(citizen, campaign, {"resident": True})
        with pytest.raises(ValidationError, match="Voting is not open"):
            eligibility.confirm_phone_code(citizen, campaign, "123456")
    assert not VoterCheck.objects.exists()


def test_anonymous_people_cannot_declare(campaign):
    with pytest.raises(PermissionDenied):
        eligibility.declare(AnonymousUser(), campaign, {"resident": True})


def test_a_verified_voter_is_not_checked_twice(citizen, campaign):
    eligibility.declare(citizen, campaign, {"resident": True})
    with pytest.raises(ValidationError, match="already verified"):
        eligibility.declare(citizen, campaign, {"resident": True})


@pytest.mark.parametrize(
    "role", ["citizen", "committee_member", "moderator", "focal_point", "other_focal_point", "polling_officer"]
)
def test_every_signed_in_role_may_verify(request, campaign, role):
    actor = request.getfixturevalue(role)
    assert eligibility.is_complete(eligibility.declare(actor, campaign, {"resident": True}).check, campaign)
