"""Ballots in parallel on PostgreSQL: 200 voters post their ballot at the same time, some of them twice from two
sessions (two tabs or devices); exactly one ballot per voter is stored, each with the choices of one of its
submissions, never a mix, and no choice row is left over."""

import os

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from remacto.budgets.models import Ballot, BallotChoice, Proposal

from ..conftest import make_user
from ..threads import at_once
from .conftest import accepted, campaign_in, eligible

POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not POSTGRES, reason="PostgreSQL only: DATABASE_URL does not name a PostgreSQL database"),
]

VOTERS, TWICE, WAVE = 200, 50, 50
"""200 voters, 50 of whom post twice; requests go in waves of 50 at once (the server allows 100 connections)."""


def setup_voters(commune, allow_change: bool):
    campaign = campaign_in(commune, allow_ballot_change=allow_change)
    for code, cost in (("P1", 150_000), ("P2", 120_000), ("P3", 200_000), ("P4", 60_000)):
        accepted(campaign, code, cost)
    pk = dict(Proposal.objects.filter(campaign=campaign).values_list("code", "pk"))
    with translation.override("en"):
        url = reverse("budgets:vote", kwargs={"slug": commune.slug, "pk": campaign.pk})
    requests = []
    for n in range(VOTERS):
        voter = make_user(f"voter{n}@example.ma")
        eligible(campaign, voter)
        first = Client()
        first.force_login(voter)
        requests.append((n, first, {"choice": [pk["P1"], pk["P4"]]}))
        if n < TWICE:
            second = Client()  # another session of the same account: another tab or device
            second.force_login(voter)
            requests.append((n, second, {"choice": [pk["P2"]]}))
    return campaign, url, requests, {(pk["P1"], pk["P4"]), (pk["P2"],)}


def post_all(url, requests) -> list[tuple[int, int, str]]:
    """Post every request, ``WAVE`` at a time; each pair of one voter lands in the same wave."""
    answers = []
    for start in range(0, len(requests), WAVE):
        wave = requests[start : start + WAVE]

        def post(i, wave=wave):
            n, client, data = wave[i]
            response = client.post(url, data)
            return n, response.status_code, response.content.decode() if response.status_code != 302 else ""

        results, errors = at_once(len(wave), post)
        assert not errors, errors[:3]
        answers += results
    return answers


def interleave(requests):
    """Each voter's two requests side by side, so that they go in the same wave."""
    return sorted(requests, key=lambda r: r[0])


def test_one_ballot_per_voter_when_changes_are_allowed(commune):
    campaign, url, requests, allowed_sets = setup_voters(commune, allow_change=True)
    answers = post_all(url, interleave(requests))
    assert len(answers) == VOTERS + TWICE
    assert all(status == 302 for _n, status, _body in answers), [a for a in answers if a[1] != 302][:3]
    ballots = Ballot.objects.filter(campaign=campaign)
    assert ballots.count() == VOTERS
    assert ballots.values("voter_key").distinct().count() == VOTERS
    choices = {}
    for ballot_id, proposal_id in BallotChoice.objects.filter(ballot__campaign=campaign).values_list(
        "ballot_id", "proposal_id"
    ):
        choices.setdefault(ballot_id, []).append(proposal_id)
    assert len(choices) == VOTERS
    assert all(tuple(sorted(c)) in {tuple(sorted(s)) for s in allowed_sets} for c in choices.values())
    assert BallotChoice.objects.filter(ballot__campaign=campaign).count() == sum(len(c) for c in choices.values())
    assert ballots.filter(changed_at__isnull=False).count() == TWICE  # the second of each pair changed it


def test_one_ballot_per_voter_when_changes_are_not_allowed(commune):
    campaign, url, requests, _sets = setup_voters(commune, allow_change=False)
    answers = post_all(url, interleave(requests))
    accepted_answers = [a for a in answers if a[1] == 302]
    refused = [a for a in answers if a[1] != 302]
    assert len(accepted_answers) == VOTERS and len(refused) == TWICE
    assert all("cannot be changed once cast" in body for _n, _status, body in refused)
    assert sorted(n for n, _s, _b in refused) == list(range(TWICE))
    assert Ballot.objects.filter(campaign=campaign).count() == VOTERS
    assert BallotChoice.objects.filter(ballot__campaign=campaign).count() == sum(
        Ballot.objects.get(pk=b).choices.count()
        for b in Ballot.objects.filter(campaign=campaign).values_list("pk", flat=True)
    )
    assert not Ballot.objects.filter(campaign=campaign, changed_at__isnull=False).exists()
