"""The demo participatory budgets: a finished Al Hoceima campaign and an open Béni Mellal one, all samples."""

from decimal import Decimal

from remacto.accounts.demo import load_demo as load_accounts
from remacto.budgets.demo import load_demo
from remacto.budgets.models import Ballot, CampaignPhase, Proposal
from remacto.budgets.services.ballots import check_choices


def test_demo_campaigns_are_samples_and_idempotent(reference):
    load_accounts()
    al_hoceima, beni_mellal = load_demo()
    again = load_demo()
    assert [c.pk for c in again] == [al_hoceima.pk, beni_mellal.pk]
    assert Ballot.objects.count() == 180 + 60
    assert not Ballot.objects.filter(is_sample=False).exists()
    assert not Proposal.objects.filter(is_sample=False).exists()
    assert beni_mellal.budget == Decimal(400_000) and beni_mellal.phase == CampaignPhase.VOTING
    assert beni_mellal.rules_locked and al_hoceima.rules_locked
    assert al_hoceima.voting_start.date().isoformat() == "2025-04-12"
    assert al_hoceima.ballots.filter(channel=Ballot.Channel.PAPER).count() == 180
    assert al_hoceima.phase == CampaignPhase.RESULTS
    assert al_hoceima.proposals.filter(implementation_status="in_progress").count() == 1


def test_every_demo_ballot_fits_its_ballot(reference):
    load_accounts()
    for campaign in load_demo():
        for ballot in campaign.ballots.prefetch_related("choices__proposal")[:50]:
            entries = [(c.proposal.code, c.points) for c in ballot.choices.all()]
            assert check_choices(campaign, entries, by="code")
