"""Voting pages: verification steps, the ballot without JavaScript, the confirmation with its receipt, the public
receipt check and the staff desk-code pages; refusals shown in words, nothing saved; query counts capped."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from remacto.budgets import identity
from remacto.budgets.models import Ballot, DeskCode, District, Proposal, VoterCheck
from remacto.budgets.services import voting
from tests.conftest import make_user

from .conftest import accepted, campaign_in, eligible, move_to

pytestmark = pytest.mark.django_db


def url(name: str, campaign, language: str = "en") -> str:
    with translation.override(language):
        return reverse(f"budgets:{name}", kwargs={"slug": campaign.collectivity.slug, "pk": campaign.pk})


def pk_of(campaign, code: str) -> str:
    return str(Proposal.objects.get(campaign=campaign, code=code).pk)


# Verification --------------------------------------------------------------------------------------------------------


def test_the_verification_page_asks_what_the_campaign_needs(client, citizen, commune, django_assert_max_num_queries):
    campaign = campaign_in(commune, min_age=18, checks_cin=True)
    client.force_login(citizen)
    with django_assert_max_num_queries(12):
        page = client.get(url("verify", campaign)).content.decode()
    assert 'name="resident"' in page and 'name="birth_date"' in page and 'name="cin"' in page
    assert "never stored" in page and "law 09-08" in page
    assert 'name="phone"' not in page and 'name="desk_code"' not in page


def test_email_verification_leads_to_the_ballot(client, citizen, campaign):
    client.force_login(citizen)
    response = client.post(url("verify", campaign), {"resident": "on"})
    assert response.status_code == 302 and response["Location"] == url("vote", campaign)
    assert VoterCheck.objects.get().verified_at is not None
    assert client.get(url("verify", campaign))["Location"] == url("vote", campaign)


def test_a_refused_declaration_is_shown_and_nothing_saved(client, citizen, commune):
    campaign = campaign_in(commune, min_age=18)
    client.force_login(citizen)
    page = client.post(url("verify", campaign), {"resident": "on", "birth_date": "2020-01-01"}).content.decode()
    assert "You must be 18 or older to vote in this campaign." in page
    assert not VoterCheck.objects.exists()


def test_sms_code_journey_without_javascript(client, citizen, commune, sms_outbox):
    campaign = campaign_in(commune, verification="phone")
    client.force_login(citizen)
    response = client.post(url("verify", campaign), {"resident": "on", "phone": "0612345678"})
    assert response["Location"] == url("verify_code", campaign)
    code = re.search(r"\d{6}", sms_outbox[-1].body)[0]
    wrong = client.post(url("verify_code", campaign), {"code": "000000" if code != "000000" else "111111"})
    assert "Wrong code. You have 4 more attempts." in wrong.content.decode()
    response = client.post(url("verify_code", campaign), {"code": code})
    assert response["Location"] == url("vote", campaign)
    again = client.post(url("verify_code", campaign), {"code": code})
    assert again["Location"] == url("vote", campaign)  # already verified: on to the ballot


def test_sms_codes_over_the_limit_answer_429(client, citizen, commune, sms_outbox):
    campaign = campaign_in(commune, verification="phone")
    client.force_login(citizen)
    for _n in range(3):
        client.post(url("verify", campaign), {"resident": "on", "phone": "0612345678"})
    response = client.post(url("verify", campaign), {"resident": "on", "phone": "0612345678"})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "codes by SMS recently" in response.content.decode() and len(sms_outbox) == 3


def test_a_desk_code_page_and_a_reused_code(client, citizen, polling_officer, commune):
    from remacto.budgets.services import eligibility

    campaign = campaign_in(commune, verification="desk_code")
    code = eligibility.issue_desk_codes(polling_officer, campaign, 1, "A")[0]
    client.force_login(citizen)
    assert client.post(url("verify", campaign), {"resident": "on", "desk_code": code})["Location"] == url(
        "vote", campaign
    )
    client.force_login(polling_officer)
    page = client.post(url("verify", campaign), {"resident": "on", "desk_code": code}).content.decode()
    assert "This voting code has already been used." in page


def test_verification_pages_need_an_account(client, campaign):
    for name in ("verify", "verify_code", "vote", "voted"):
        assert "/accounts/login/" in client.get(url(name, campaign))["Location"]


# The ballot ------------------------------------------------------------------------------------------------------


def test_an_unverified_voter_goes_to_the_verification(client, citizen, campaign):
    client.force_login(citizen)
    assert client.get(url("vote", campaign))["Location"] == url("verify", campaign)
    response = client.post(url("vote", campaign), {"choice": [pk_of(campaign, "P1")]})
    assert response["Location"] == url("verify", campaign) and not Ballot.objects.exists()


def test_the_knapsack_ballot_works_without_javascript(client, citizen, campaign, django_assert_max_num_queries):
    eligible(campaign, citizen)
    client.force_login(citizen)
    with django_assert_max_num_queries(12):
        response = client.get(url("vote", campaign))
    page = response.content.decode()
    assert page.count('type="checkbox" name="choice"') == 4 and "150,000.00 MAD" in page
    assert 'data-cost="150000"' in page and 'data-budget="400000"' in page and "budget-ballot.js" in page
    assert "<script>" not in page and " style=" not in page
    assert response.cookies["remacto_device"].value
    device = response.cookies["remacto_device"].value
    response = client.post(url("vote", campaign), {"choice": [pk_of(campaign, "P1"), pk_of(campaign, "P4")]})
    assert response["Location"] == url("voted", campaign)
    ballot = Ballot.objects.get()
    assert ballot.device_hash == identity.short_hash("device", device)
    assert ballot.address_hash == identity.short_hash("address", "127.0.0.1")
    with django_assert_max_num_queries(8):
        done = client.get(url("voted", campaign)).content.decode()
    assert identity.format_receipt(ballot.receipt) in done


def test_the_current_ballot_is_preselected_and_can_change(client, citizen, campaign):
    eligible(campaign, citizen)
    client.force_login(citizen)
    client.post(url("vote", campaign), {"choice": [pk_of(campaign, "P2")]})
    page = client.get(url("vote", campaign)).content.decode()
    assert f'value="{pk_of(campaign, "P2")}" id="project-{pk_of(campaign, "P2")}" data-cost="120000" checked' in page
    assert "your receipt code stays the same" in page
    client.post(url("vote", campaign), {"choice": [pk_of(campaign, "P3")]})
    ballot = Ballot.objects.get()
    assert set(ballot.choices.values_list("proposal__code", flat=True)) == {"P3"} and ballot.changed_at


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        (["P1", "P2", "P3"], "more than the 400,000.00 MAD available"),
        ([], "Choose at least 1 project."),
        (["999999"], "not on this ballot"),
        (["abc"], "The ballot form was changed or is out of date."),
    ],
)
def test_a_refused_ballot_says_why_and_keeps_the_choices(client, citizen, campaign, choices, message):
    eligible(campaign, citizen)
    client.force_login(citizen)
    values = [pk_of(campaign, c) if c.startswith("P") else c for c in choices]
    response = client.post(url("vote", campaign), {"choice": values})
    page = response.content.decode()
    assert response.status_code == 200 and message in page and "Your ballot was not saved" in page
    if choices and choices[0] == "P1":
        assert page.count(" checked") == 3
    assert not Ballot.objects.exists()


def test_a_withdrawn_project_is_refused(client, citizen, campaign):
    eligible(campaign, citizen)
    client.force_login(citizen)
    Proposal.objects.filter(code="P1").update(status=Proposal.Status.WITHDRAWN)
    page = client.post(url("vote", campaign), {"choice": [pk_of(campaign, "P1")]}).content.decode()
    assert "not on this ballot" in page and not Ballot.objects.exists()


def test_a_project_withdrawn_while_ballots_come_in_is_refused_at_once(client, citizen, moderator, campaign):
    """The campaign and its ballot are kept in the process between ballots; a write to them (here one that sends
    no signal) renews them before the next ballot."""
    for voter in (citizen, moderator):
        eligible(campaign, voter)
    client.force_login(citizen)
    assert client.post(url("vote", campaign), {"choice": [pk_of(campaign, "P1")]})["Location"] == url("voted", campaign)
    Proposal.objects.filter(campaign=campaign, code="P1").update(status=Proposal.Status.WITHDRAWN)
    client.force_login(moderator)
    page = client.post(url("vote", campaign), {"choice": [pk_of(campaign, "P1")]}).content.decode()
    assert "not on this ballot" in page and Ballot.objects.count() == 1


def test_the_next_ballots_read_neither_the_campaign_nor_its_projects(client, citizen, moderator, campaign):
    """After the first ballots (the first one locks the campaign's rules: a write to the campaign)."""
    voters = [citizen, moderator, make_user("third@example.ma")]
    for voter in voters:
        eligible(campaign, voter)
    choice = pk_of(campaign, "P2")
    for voter in voters[:2]:
        client.force_login(voter)
        client.post(url("vote", campaign), {"choice": [choice]})
    client.force_login(voters[2])
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url("vote", campaign), {"choice": [choice]})
    assert response["Location"] == url("voted", campaign) and Ballot.objects.count() == 3
    read = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert read and not [sql for sql in read if re.search(r'FROM "budgets_(campaign|proposal|district)"', sql)]


def test_no_change_when_forbidden(client, citizen, commune):
    campaign = campaign_in(commune, allow_ballot_change=False)
    accepted(campaign, "P1", 1000)
    eligible(campaign, citizen)
    client.force_login(citizen)
    client.post(url("vote", campaign), {"choice": [pk_of(campaign, "P1")]})
    page = client.get(url("vote", campaign)).content.decode()
    assert "Ballots cannot be changed once cast." in page and 'name="choice"' not in page
    page = client.post(url("vote", campaign), {"choice": [pk_of(campaign, "P1")]}).content.decode()
    assert "cannot be changed once cast" in page


def test_ballots_over_the_limit_answer_429(client, citizen, campaign, settings):
    settings.PARTICIPATION_LIMITS = {**settings.PARTICIPATION_LIMITS, "votes": [(1, 600)]}
    eligible(campaign, citizen)
    client.force_login(citizen)
    client.post(url("vote", campaign), {"choice": [pk_of(campaign, "P1")]})
    response = client.post(url("vote", campaign), {"choice": [pk_of(campaign, "P2")]})
    assert response.status_code == 429 and "Please wait before trying again" in response.content.decode()


@pytest.mark.parametrize("phase", ["ballot", "counting"])
def test_outside_the_window_the_pages_say_so(client, citizen, campaign, phase):
    eligible(campaign, citizen)
    move_to(campaign, phase)
    client.force_login(citizen)
    page = client.get(url("vote", campaign)).content.decode()
    assert ("Voting has closed" if phase == "counting" else "Voting has not opened yet") in page
    client.post(url("vote", campaign), {"choice": [pk_of(campaign, "P1")]})
    assert not Ballot.objects.exists()


def test_the_ballot_in_arabic(client, citizen, campaign):
    eligible(campaign, citizen)
    client.force_login(citizen)
    page = client.get(url("vote", campaign, "ar")).content.decode()
    assert 'dir="rtl"' in page and "ورقة تصويتك" in page
    refused = client.post(url("vote", campaign, "ar"), {"choice": ["abc"]}).content.decode()
    assert "لم يُحفظ" in refused


def test_a_district_ballot_shows_only_the_voters_district(client, citizen, commune, django_assert_max_num_queries):
    campaign = campaign_in(commune)
    north = District.objects.create(campaign=campaign, name="الشمال", budget=100_000, position=1)
    south = District.objects.create(campaign=campaign, name="الجنوب", budget=50_000, position=2)
    accepted(campaign, "N1", 60_000, district=north)
    accepted(campaign, "S1", 10_000, district=south)
    eligible(campaign, citizen, district=north)
    client.force_login(citizen)
    with django_assert_max_num_queries(12):
        page = client.get(url("vote", campaign)).content.decode()
    assert "مشروع N1" in page and "مشروع S1" not in page and 'data-budget="100000"' in page


def test_cumulative_and_ranked_ballots_render_inputs(client, citizen, commune):
    cumulative = campaign_in(commune, ballot_type="cumulative", max_points=10)
    ranked = campaign_in(commune, ballot_type="ranked", max_choices=2, title="ranked")
    for campaign in (cumulative, ranked):
        accepted(campaign, "A", 1000)
        accepted(campaign, "B", 1000)
        eligible(campaign, citizen)
    client.force_login(citizen)
    page = client.get(url("vote", cumulative)).content.decode()
    assert page.count('type="number" name="points-') == 2 and "budget-ballot.js" not in page
    client.post(url("vote", cumulative), {f"points-{pk_of(cumulative, 'A')}": "6"})
    assert Ballot.objects.get(campaign=cumulative).choices.get().points == 6
    page = client.get(url("vote", ranked)).content.decode()
    assert page.count('<select name="rank-') == 2 and '<option value="2">' in page
    client.post(url("vote", ranked), {f"rank-{pk_of(ranked, 'A')}": "2", f"rank-{pk_of(ranked, 'B')}": "1"})
    ballot = Ballot.objects.get(campaign=ranked)
    assert list(ballot.choices.order_by("rank").values_list("proposal__code", flat=True)) == ["B", "A"]
    page = client.get(url("vote", ranked)).content.decode()
    assert '<option value="1" selected>' in page


# Receipts ----------------------------------------------------------------------------------------------------------


def test_anyone_checks_a_receipt(client, citizen, campaign, django_assert_max_num_queries):
    eligible(campaign, citizen)
    ballot = voting.cast_ballot(citizen, campaign, [(pk_of(campaign, "P1"), 1)]).ballot
    with django_assert_max_num_queries(6):
        page = client.get(url("receipt", campaign), {"code": identity.format_receipt(ballot.receipt)}).content.decode()
    assert "This ballot is recorded." in page and "مشروع P1" not in page
    page = client.get(url("receipt", campaign), {"code": "ACDEF-GHJKL"}).content.decode()
    assert "No ballot of this campaign has this receipt code." in page
    Ballot.objects.update(excluded_at=ballot.cast_at, exclusion_reason="Bulletin en double")
    page = client.get(url("receipt", campaign), {"code": ballot.receipt}).content.decode()
    assert "excluded from the count" in page and "Bulletin en double" in page


# Desk codes ------------------------------------------------------------------------------------------------------


def test_desk_codes_are_printed_once(client, polling_officer, commune, django_assert_max_num_queries):
    campaign = campaign_in(commune, verification="desk_code")
    client.force_login(polling_officer)
    with django_assert_max_num_queries(10):
        assert client.get(url("codes", campaign)).status_code == 200
    response = client.post(url("codes_print", campaign), {"count": "12", "batch": "Town hall"})
    page = response.content.decode()
    printed = re.findall(r'<p class="slip-code" dir="ltr"><bdi>([A-Z0-9-]+)</bdi>', page)
    assert len(printed) == 12 and DeskCode.objects.count() == 12 and "no-store" in response["Cache-Control"]
    assert all(identity.parse_receipt(c) not in str(list(DeskCode.objects.values())) for c in printed)
    assert client.get(url("codes_print", campaign))["Location"] == url("codes", campaign)
    page = client.get(url("codes", campaign)).content.decode()
    assert "Town hall" in page and printed[0] not in page
    bad = client.post(url("codes_print", campaign), {"count": "0", "batch": "x"})
    assert bad.status_code == 200 and DeskCode.objects.count() == 12


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("citizen", 403),
        ("committee_member", 403),
        ("moderator", 403),
        ("other_focal_point", 403),
        ("focal_point", 200),
        ("polling_officer", 200),
        ("network_admin", 200),
    ],
)
def test_desk_code_pages_per_role(client, request, commune, role, status):
    campaign = campaign_in(commune, verification="desk_code")
    client.force_login(request.getfixturevalue(role))
    assert client.get(url("codes", campaign)).status_code == status
    assert client.post(url("codes_print", campaign), {"count": "2", "batch": "B"}).status_code == status
    assert DeskCode.objects.count() == (2 if status == 200 else 0)


def test_a_district_ballot_posted_for_another_district_is_refused(client, citizen, commune, other_campaign):
    campaign = campaign_in(commune)
    north = District.objects.create(campaign=campaign, name="الشمال", budget=100_000, position=1)
    south = District.objects.create(campaign=campaign, name="الجنوب", budget=50_000, position=2)
    elsewhere = District.objects.create(campaign=other_campaign, name="Ailleurs", budget=1000)
    accepted(campaign, "N1", 60_000, district=north)
    eligible(campaign, citizen, district=north)
    client.force_login(citizen)
    page = client.get(url("vote", campaign)).content.decode()
    assert f'<input type="hidden" name="district" value="{north.pk}">' in page
    for district, message in (
        (south, "This ballot is not the one of your district."),
        (elsewhere, "The ballot form was changed or is out of date."),
        ("x", "The ballot form was changed or is out of date."),
    ):
        value = district.pk if isinstance(district, District) else district
        response = client.post(url("vote", campaign), {"choice": [pk_of(campaign, "N1")], "district": value})
        assert message in response.content.decode()
    assert not Ballot.objects.exists()
    response = client.post(url("vote", campaign), {"choice": [pk_of(campaign, "N1")], "district": north.pk})
    assert response["Location"] == url("voted", campaign) and Ballot.objects.get().district == north


def test_the_verification_page_leads_to_a_code_already_sent(client, citizen, commune, sms_outbox):
    campaign = campaign_in(commune, verification="phone")
    client.force_login(citizen)
    assert url("verify_code", campaign) not in client.get(url("verify", campaign)).content.decode()
    client.post(url("verify", campaign), {"resident": "on", "phone": "0612345678"})
    page = client.get(url("verify", campaign)).content.decode()
    assert "Already received a code by SMS?" in page and url("verify_code", campaign) in page


def test_a_category_ballot_has_one_budget_per_category(client, citizen, commune):
    campaign = campaign_in(commune)
    sport = District.objects.create(campaign=campaign, kind="category", name="رياضة", budget=100_000, position=1)
    culture = District.objects.create(campaign=campaign, kind="category", name="ثقافة", budget=50_000, position=2)
    accepted(campaign, "S1", 80_000, district=sport)
    accepted(campaign, "S2", 30_000, district=sport)
    accepted(campaign, "C1", 40_000, district=culture)
    eligible(campaign, citizen)
    client.force_login(citizen)
    page = client.get(url("vote", campaign)).content.decode()
    assert page.count('<fieldset class="ballot-group" data-budget=') == 2
    assert 'data-budget="100000"' in page and 'data-budget="50000"' in page and 'name="district"' not in page
    refused = client.post(url("vote", campaign), {"choice": [pk_of(campaign, "S1"), pk_of(campaign, "S2")]})
    assert "In رياضة the chosen projects cost 110,000.00 MAD" in refused.content.decode()
    client.post(url("vote", campaign), {"choice": [pk_of(campaign, "S1"), pk_of(campaign, "C1")]})
    assert Ballot.objects.get().choices.count() == 2


def test_a_first_ballot_from_a_new_browser_keeps_its_device_id(client, citizen, campaign):
    eligible(campaign, citizen)
    client.force_login(citizen)
    response = client.post(url("vote", campaign), {"choice": [pk_of(campaign, "P1")]})
    device = response.cookies["remacto_device"].value
    assert Ballot.objects.get().device_hash == identity.short_hash("device", device)
    assert "remacto_device" not in client.get(url("vote", campaign)).cookies  # kept, not replaced
