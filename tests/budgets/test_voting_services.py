"""Online ballots: cast, changed or refused (window, eligibility, budget, maximum, unknown projects, tampered
districts, limits), one ballot per voter whatever the channel, and what a receipt tells."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.utils import timezone, translation

from remacto.budgets import identity
from remacto.budgets.models import Ballot, BallotChoice, District, Proposal
from remacto.budgets.services import voting
from remacto.budgets.services.ballots import Choice, store_ballot
from remacto.budgets.voting_forms import parse_ballot

from .conftest import accepted, campaign_in, eligible, move_to

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English (the site's default language is Arabic)."""
    with translation.override("en"):
        yield


def pks(campaign, *codes):
    found = dict(Proposal.objects.filter(campaign=campaign).values_list("code", "pk"))
    return [(str(found[c]), 1) for c in codes]


def chosen(ballot) -> set[str]:
    return set(BallotChoice.objects.filter(ballot=ballot).values_list("proposal__code", flat=True))


def test_a_ballot_is_cast_under_the_voters_key(citizen, campaign):
    check = eligible(campaign, citizen)
    cast = voting.cast_ballot(
        citizen, campaign, pks(campaign, "P1", "P2"), address="196.12.1.2", device="device-id-0123456789"
    )
    ballot = cast.ballot
    assert not cast.changed and ballot.voter_key == check.voter_key and ballot.user == citizen
    assert ballot.channel == "online" and len(ballot.receipt) == identity.RECEIPT_LENGTH
    assert ballot.address_hash == identity.short_hash("address", "196.12.1.2") and "196" not in ballot.address_hash
    assert ballot.device_hash == identity.short_hash("device", "device-id-0123456789")
    assert chosen(ballot) == {"P1", "P2"}


def test_voting_locks_the_rules(citizen, campaign):
    eligible(campaign, citizen)
    assert not campaign.rules_locked
    voting.cast_ballot(citizen, campaign, pks(campaign, "P1"))
    campaign.refresh_from_db()
    assert campaign.rules_locked


@pytest.mark.parametrize("phase", ["ballot", "counting"])
def test_no_ballot_outside_the_window(citizen, campaign, phase):
    eligible(campaign, citizen)
    move_to(campaign, phase)
    with pytest.raises(ValidationError, match="Voting is not open"):
        voting.cast_ballot(citizen, campaign, pks(campaign, "P1"))
    assert not Ballot.objects.exists()


def test_an_unverified_voter_is_sent_to_the_verification(citizen, campaign):
    with pytest.raises(ValidationError) as error:
        voting.cast_ballot(citizen, campaign, pks(campaign, "P1"))
    assert error.value.code == "not_eligible" and not Ballot.objects.exists()


def test_an_incomplete_check_is_not_enough(citizen, commune):
    campaign = campaign_in(commune, min_age=18)
    accepted(campaign, "P1", 1000)
    check = eligible(campaign, citizen)
    check.age_declared_at = None
    check.save()
    with pytest.raises(ValidationError, match="Before voting"):
        voting.cast_ballot(citizen, campaign, pks(campaign, "P1"))


def test_over_budget_is_refused_and_nothing_saved(citizen, campaign):
    eligible(campaign, citizen)
    with pytest.raises(ValidationError, match="more than the"):
        voting.cast_ballot(citizen, campaign, pks(campaign, "P1", "P2", "P3"))  # 470,000 of 400,000
    assert not Ballot.objects.exists() and not BallotChoice.objects.exists()


def test_over_the_maximum_is_refused(citizen, commune):
    campaign = campaign_in(commune, ballot_type="approval", min_choices=1, max_choices=2)
    for code in ("A", "B", "C"):
        accepted(campaign, code, 1000)
    eligible(campaign, citizen)
    with pytest.raises(ValidationError, match="at most 2 projects"):
        voting.cast_ballot(citizen, campaign, pks(campaign, "A", "B", "C"))
    assert not Ballot.objects.exists()


def test_unknown_withdrawn_or_repeated_projects_are_refused(citizen, campaign, other_campaign):
    eligible(campaign, citizen)
    withdrawn = accepted(campaign, "P9", 1000)
    withdrawn.status = Proposal.Status.WITHDRAWN
    withdrawn.save()
    for entries in (
        [(str(withdrawn.pk), 1)],
        pks(other_campaign, "Z1"),
        [("999999", 1)],
    ):
        with pytest.raises(ValidationError, match="not on this ballot"):
            voting.cast_ballot(citizen, campaign, entries)
    with pytest.raises(ValidationError, match="chosen twice"):
        voting.cast_ballot(citizen, campaign, pks(campaign, "P1", "P1"))
    with pytest.raises(ValidationError, match="at least 1 project"):
        voting.cast_ballot(citizen, campaign, [])
    assert not Ballot.objects.exists()


def test_a_changed_ballot_keeps_its_receipt(citizen, campaign):
    eligible(campaign, citizen)
    first = voting.cast_ballot(citizen, campaign, pks(campaign, "P1", "P2")).ballot
    second = voting.cast_ballot(citizen, campaign, pks(campaign, "P3"))
    assert second.changed and second.ballot.pk == first.pk and second.ballot.receipt == first.receipt
    assert Ballot.objects.count() == 1 and chosen(first) == {"P3"}
    assert Ballot.objects.get().changed_at is not None


def test_no_change_when_the_campaign_forbids_it(citizen, commune):
    campaign = campaign_in(commune, allow_ballot_change=False)
    accepted(campaign, "P1", 1000)
    accepted(campaign, "P2", 1000)
    eligible(campaign, citizen)
    voting.cast_ballot(citizen, campaign, pks(campaign, "P1"))
    with pytest.raises(ValidationError) as error:
        voting.cast_ballot(citizen, campaign, pks(campaign, "P2"))
    assert error.value.code == "already_voted" and "cannot be changed" in error.value.messages[0]
    assert chosen(Ballot.objects.get()) == {"P1"}


def test_a_paper_ballot_of_the_same_card_stops_the_online_one(citizen, commune):
    campaign = campaign_in(commune, checks_cin=True)
    accepted(campaign, "P1", 1000)
    check = eligible(campaign, citizen)
    check.voter_key = identity.voter_key(campaign.pk, "cin", "AB123456")
    check.save()
    paper = store_ballot(
        campaign,
        [Choice(Proposal.objects.get(code="P1"))],
        voter_key=identity.voter_key(campaign.pk, "cin", "ab 123456"),
        channel=Ballot.Channel.PAPER,
    )
    with pytest.raises(ValidationError, match="entered at a polling desk"):
        voting.cast_ballot(citizen, campaign, pks(campaign, "P1"))
    assert list(Ballot.objects.all()) == [paper]


def test_the_ballot_is_the_one_of_the_voters_district(citizen, commune):
    campaign = campaign_in(commune)
    north = District.objects.create(campaign=campaign, name="الشمال", budget=100_000, position=1)
    south = District.objects.create(campaign=campaign, name="الجنوب", budget=100_000, position=2)
    accepted(campaign, "N1", 60_000, district=north)
    accepted(campaign, "N2", 60_000, district=north)
    accepted(campaign, "S1", 10_000, district=south)
    eligible(campaign, citizen, district=north)
    with pytest.raises(ValidationError, match="not the one of your district"):
        voting.cast_ballot(citizen, campaign, pks(campaign, "S1"), district=south)
    with pytest.raises(ValidationError, match="not on this ballot"):
        voting.cast_ballot(citizen, campaign, pks(campaign, "S1"))
    with pytest.raises(ValidationError, match="In الشمال the chosen projects cost"):
        voting.cast_ballot(citizen, campaign, pks(campaign, "N1", "N2"))
    ballot = voting.cast_ballot(citizen, campaign, pks(campaign, "N1"), district=north).ballot
    assert ballot.district == north


def test_ballots_are_limited(citizen, campaign, settings):
    settings.PARTICIPATION_LIMITS = {**settings.PARTICIPATION_LIMITS, "votes": [(2, 600)]}
    eligible(campaign, citizen)
    voting.cast_ballot(citizen, campaign, pks(campaign, "P1"))
    voting.cast_ballot(citizen, campaign, pks(campaign, "P2"))
    with pytest.raises(ValidationError) as error:
        voting.cast_ballot(citizen, campaign, pks(campaign, "P3"))
    assert error.value.code == "too_fast" and chosen(Ballot.objects.get()) == {"P2"}


def test_anonymous_people_cannot_vote(campaign):
    with pytest.raises(PermissionDenied):
        voting.cast_ballot(AnonymousUser(), campaign, pks(campaign, "P1"))


@pytest.mark.parametrize(
    "role",
    [
        "citizen",
        "committee_member",
        "moderator",
        "focal_point",
        "other_focal_point",
        "polling_officer",
        "network_admin",
    ],
)
def test_every_eligible_person_votes_once_whatever_their_role(request, campaign, role):
    actor = request.getfixturevalue(role)
    eligible(campaign, actor)
    voting.cast_ballot(actor, campaign, pks(campaign, "P1"))
    voting.cast_ballot(actor, campaign, pks(campaign, "P4"))
    assert Ballot.objects.filter(user=actor).count() == 1


def test_a_check_of_another_campaign_does_not_count(citizen, campaign, other_campaign):
    eligible(other_campaign, citizen)
    with pytest.raises(ValidationError, match="Before voting"):
        voting.cast_ballot(citizen, campaign, pks(campaign, "P1"))


# Cumulative and ranked ballots, parsed from the form -----------------------------------------------------------------


def form(**values) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in values.items():
        if isinstance(value, list):
            data.setlist(key, value)
        else:
            data[key.replace("_", "-")] = value
    return data


def test_cumulative_points(citizen, commune):
    campaign = campaign_in(commune, ballot_type="cumulative", max_points=10)
    a, b = accepted(campaign, "A", 1000), accepted(campaign, "B", 1000)
    eligible(campaign, citizen)
    entries = parse_ballot(campaign, form(**{f"points_{a.pk}": "7", f"points_{b.pk}": "3"}))
    ballot = voting.cast_ballot(citizen, campaign, entries).ballot
    assert dict(ballot.choices.values_list("proposal__code", "points")) == {"A": 7, "B": 3}
    with pytest.raises(ValidationError, match="You gave 11 points; you have 10"):
        voting.cast_ballot(citizen, campaign, parse_ballot(campaign, form(**{f"points_{a.pk}": "11"})))
    with pytest.raises(ValidationError, match="whole numbers"):
        parse_ballot(campaign, form(**{f"points_{a.pk}": "-1"}))


def test_ranked_ballots_keep_the_order(citizen, commune):
    campaign = campaign_in(commune, ballot_type="ranked", max_choices=3)
    a, b, c = (accepted(campaign, code, 1000) for code in "ABC")
    eligible(campaign, citizen)
    entries = parse_ballot(campaign, form(**{f"rank_{a.pk}": "2", f"rank_{b.pk}": "", f"rank_{c.pk}": "1"}))
    ballot = voting.cast_ballot(citizen, campaign, entries).ballot
    assert list(ballot.choices.order_by("rank").values_list("proposal__code", "rank")) == [("C", 1), ("A", 2)]
    with pytest.raises(ValidationError, match="different rank"):
        parse_ballot(campaign, form(**{f"rank_{a.pk}": "1", f"rank_{c.pk}": "1"}))


@pytest.mark.parametrize("values", [{"choice": ["1; DROP"]}, {"choice": ["abc"]}])
def test_a_tampered_ballot_form_is_refused(campaign, values):
    with pytest.raises(ValidationError, match="changed or is out of date") as error:
        parse_ballot(campaign, form(**values))
    assert error.value.code == "tampered"


def test_tampered_points_or_ranks_are_refused(commune):
    campaign = campaign_in(commune, ballot_type="cumulative", max_points=10)
    for data in ({"points-x1": "2"}, {"points-1": "two"}):
        with pytest.raises(ValidationError):
            parse_ballot(campaign, form(**{k.replace("-", "_"): v for k, v in data.items()}))


# Receipts ------------------------------------------------------------------------------------------------------------


def test_a_receipt_says_whether_the_ballot_was_recorded_counted_or_excluded(citizen, campaign):
    eligible(campaign, citizen)
    ballot = voting.cast_ballot(citizen, campaign, pks(campaign, "P1")).ballot
    typed = identity.format_receipt(ballot.receipt).lower()
    assert voting.receipt_status(campaign, typed) == voting.ReceiptStatus("awaiting")
    assert voting.receipt_status(campaign, "ACDEF-GHJKL").status == "unknown"
    assert voting.receipt_status(campaign, "").status == "unknown"
    voting.cast_ballot(citizen, campaign, pks(campaign, "P2"))
    assert voting.receipt_status(campaign, typed).changed
    campaign.results_published_at = timezone.now()
    campaign.save()
    assert voting.receipt_status(campaign, ballot.receipt).status == "counted"
    Ballot.objects.update(excluded_at=timezone.now(), exclusion_reason="Deux bulletins depuis le même appareil")
    status = voting.receipt_status(campaign, ballot.receipt)
    assert status == voting.ReceiptStatus("excluded", reason="Deux bulletins depuis le même appareil")
    assert "P1" not in str(status) and "P2" not in str(status)


def test_a_receipt_of_another_campaign_is_unknown_here(citizen, campaign, other_campaign):
    eligible(other_campaign, citizen)
    ballot = voting.cast_ballot(citizen, other_campaign, pks(other_campaign, "Z1")).ballot
    assert voting.receipt_status(campaign, ballot.receipt).status == "unknown"
