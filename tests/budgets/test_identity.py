"""Keyed hashes naming voters: one identity gives one key whatever way it is typed, online or at a desk."""

import pytest

from remacto.budgets import identity
from remacto.budgets.services.eligibility import CIN_PATTERN, PHONE_PATTERN

from .conftest import campaign_in


@pytest.mark.parametrize(
    ("kind", "typed", "same_as"),
    [
        ("cin", "ab 123456", "AB123456"),
        ("cin", "AB-١٢٣٤٥٦", "AB123456"),
        ("phone", "06 12 34 56 78", "+212612345678"),
        ("phone", "٠٦١٢٣٤٥٦٧٨", "+212612345678"),
        ("phone", "00212612345678", "+212612345678"),
        ("code", "acdef-ghjkl", "ACDEFGHJKL"),
        ("email", " Voter@Example.MA ", "voter@example.ma"),
    ],
)
def test_one_identity_gives_one_key_however_it_is_typed(kind, typed, same_as):
    assert identity.normalise_identity(kind, typed) == same_as
    assert identity.voter_key(7, kind, typed) == identity.voter_key(7, kind, same_as)


def test_keys_differ_between_campaigns_and_kinds():
    keys = {identity.voter_key(1, "cin", "AB123456"), identity.voter_key(2, "cin", "AB123456")}
    keys.add(identity.voter_key(1, "phone", "AB123456"))
    assert len(keys) == 3
    assert all(len(key) == 64 and "AB123456" not in key for key in keys)


def test_identity_kind_follows_the_campaign(commune):
    campaign = campaign_in(commune, verification="phone")
    assert identity.identity_kind(campaign) == "phone"
    campaign.checks_cin = True
    assert identity.identity_kind(campaign) == "cin"
    campaign.checks_cin, campaign.verification = False, "desk_code"
    assert identity.identity_kind(campaign) == "code"


def test_receipts_are_unambiguous_and_read_back():
    codes = {identity.new_receipt() for _ in range(200)}
    assert len(codes) == 200
    assert all(set(code) <= set(identity.RECEIPT_ALPHABET) and len(code) == 10 for code in codes)
    code = codes.pop()
    assert identity.parse_receipt(identity.format_receipt(code).lower()) == code


def test_numbers_typed_with_arabic_digits_pass_the_online_checks():
    """The voter's phone keyboard may type Arabic-Indic digits: the online form must read them as the desk does."""
    assert CIN_PATTERN.match(identity.normalise_cin("ab ١٢٣٤٥٦"))
    assert PHONE_PATTERN.match(identity.normalise_phone("٠٦ ١٢ ٣٤ ٥٦ ٧٨"))
