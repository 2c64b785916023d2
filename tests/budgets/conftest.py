"""Fixtures of participatory-budget tests: a campaign of the test commune in a chosen phase, proposals, people."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from remacto.accounts.models import Role
from remacto.budgets import identity
from remacto.budgets.models import Ballot, BallotChoice, BallotType, Campaign, Proposal, VoterCheck

from ..conftest import _role_holder

DAY = datetime.timedelta(days=1)


PHASE_OFFSETS = {  # days from now of: proposals start, proposals end, appeals end, voting start, voting end
    "proposals": (-1, 5, 8, 10, 15),
    "review": (-10, -2, 3, 10, 15),
    "ballot": (-20, -10, -5, 2, 10),
    "voting": (-20, -10, -5, -1, 5),
    "counting": (-30, -20, -15, -10, -1),
}
DATE_NAMES = ("proposals_start", "proposals_end", "appeals_end", "voting_start", "voting_end")


def dates_for(phase: str) -> dict:
    """Campaign dates that put it in ``phase`` now: proposals, review, ballot, voting or counting."""
    now = timezone.now()
    return {name: now + days * DAY for name, days in zip(DATE_NAMES, PHASE_OFFSETS[phase], strict=True)}


def campaign_in(collectivity, phase: str = "voting", **fields) -> Campaign:
    """A campaign whose dates put it in ``phase`` now."""
    values = {
        "collectivity": collectivity,
        "title": "الميزانية التشاركية 2026",
        "budget": Decimal(400_000),
        **dates_for(phase),
        "ballot_type": BallotType.KNAPSACK,
        "rule": "greedy",
        **fields,
    }
    return Campaign.objects.create(**values)


def move_to(campaign: Campaign, phase: str) -> Campaign:
    """Shift the campaign's dates so that it is in ``phase`` now (keeps every other setting)."""
    for name, value in dates_for(phase).items():
        setattr(campaign, name, value)
    campaign.save()
    return campaign


def accepted(campaign: Campaign, code: str, cost: int, **fields) -> Proposal:
    """A proposal on the ballot."""
    return Proposal.objects.create(
        campaign=campaign,
        code=code,
        title=fields.pop("title", f"مشروع {code}"),
        description="وصف المشروع",
        estimated_cost=Decimal(cost),
        cost=Decimal(cost),
        status=Proposal.Status.ACCEPTED,
        **fields,
    )


@pytest.fixture
def campaign(commune) -> Campaign:
    """An open knapsack campaign of 400,000 MAD with four projects on the ballot."""
    campaign = campaign_in(commune, "voting")
    for code, cost in (("P1", 150_000), ("P2", 120_000), ("P3", 200_000), ("P4", 60_000)):
        accepted(campaign, code, cost)
    return campaign


@pytest.fixture
def other_campaign(other_commune) -> Campaign:
    campaign = campaign_in(other_commune, "voting", title="Zagora")
    accepted(campaign, "Z1", 100_000)
    return campaign


@pytest.fixture
def polling_officer(commune):
    return _role_holder(Role.Kind.POLLING_OFFICER, commune, "desk@example.ma")


# --- Counting and results -----------------------------------------------------------------------------------------


def store_ballots(campaign: Campaign, ballots, points=None, *, channel="online", district=None, start=0) -> list:
    """Store ``ballots`` (lists of project codes, in preference order) in bulk; ``points`` per choice for
    cumulative ballots. Returns the ``Ballot`` rows (with primary keys)."""
    by_code = {p.code: p for p in Proposal.objects.filter(campaign=campaign)}
    rows = Ballot.objects.bulk_create(
        Ballot(
            campaign=campaign,
            voter_key=f"k{campaign.pk}-{channel}-{start + n}",
            receipt=f"r{campaign.pk}{channel[0]}{start + n}"[:16],
            channel=channel,
            district=district,
        )
        for n in range(len(ballots))
    )
    choices = []
    for number, (ballot, codes) in enumerate(zip(rows, ballots, strict=True)):
        for position, code in enumerate(codes):
            choices.append(
                BallotChoice(
                    ballot=ballot,
                    proposal=by_code[code],
                    points=points[number][position] if points is not None else 1,
                    rank=position + 1 if campaign.ballot_type == BallotType.RANKED else None,
                )
            )
    BallotChoice.objects.bulk_create(choices)
    return rows


# --- Eligibility, verification and online voting -----------------------------------------------------------------


def eligible(campaign: Campaign, user, district=None):
    """A complete check for ``user`` in ``campaign`` (identity: their email), as if they passed the verification."""
    now = timezone.now()
    return VoterCheck.objects.create(
        campaign=campaign,
        user=user,
        voter_key=identity.voter_key(campaign.pk, identity.identity_kind(campaign), user.email),
        district=district,
        residence_declared_at=now,
        age_declared_at=now,
        verified_at=now,
    )
