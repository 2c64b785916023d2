"""Counting from the database gives what the engine computes directly on the same ballots."""

import random
from fractions import Fraction

import pytest
from django.utils import timezone

from remacto.budgets import counting, engine
from remacto.budgets.models import BallotType, Count, District
from remacto.budgets.services.counting import count_campaign
from remacto.pb.explain import explain
from remacto.pb.groups import compute_by_group
from remacto.pb.rules import compute

from .conftest import accepted, campaign_in, store_ballots

pytestmark = pytest.mark.django_db

COSTS = {"A": 120_000, "B": 90_000, "C": 150_000, "D": 60_000, "E": 200_000, "F": 30_000, "G": 75_000}
RULES = [
    {"rule": "greedy"},
    {"rule": "greedy-threshold", "threshold": 6},
    {"rule": "mes"},
    {"rule": "mes", "completion": "add1"},
]
TYPES = {
    BallotType.APPROVAL: {"min_choices": 1, "max_choices": 4},
    BallotType.KNAPSACK: {},
    BallotType.CUMULATIVE: {"max_points": 10},
    BallotType.RANKED: {"min_choices": 1, "max_choices": 3},
}


def random_ballots(ballot_type: str, n: int, seed: int):
    """``n`` ballots fitting ``ballot_type``'s limits, and their points (cumulative only)."""
    rng = random.Random(seed)
    codes = list(COSTS)
    ballots, points = [], []
    for _ in range(n):
        if ballot_type == BallotType.KNAPSACK:
            chosen, spent = [], 0
            for code in rng.sample(codes, len(codes)):
                if spent + COSTS[code] <= 400_000 and rng.random() < 0.6:
                    chosen.append(code)
                    spent += COSTS[code]
            chosen = chosen or ["F"]
        else:
            most = {BallotType.APPROVAL: 4, BallotType.RANKED: 3, BallotType.CUMULATIVE: 4}[ballot_type]
            chosen = rng.sample(codes, rng.randint(1, most))
        ballots.append(chosen)
        if ballot_type == BallotType.CUMULATIVE:
            cuts = sorted(rng.sample(range(1, 10), len(chosen) - 1))
            shares = [b - a for a, b in zip([0, *cuts], [*cuts, 10], strict=True)]
            points.append(shares)
    return ballots, (points if ballot_type == BallotType.CUMULATIVE else None)


def make_campaign(commune, ballot_type, **fields):
    campaign = campaign_in(commune, "counting", ballot_type=ballot_type, **TYPES[ballot_type], **fields)
    for position, (code, cost) in enumerate(COSTS.items()):
        accepted(campaign, code, cost, position=position)
    return campaign


@pytest.mark.parametrize("ballot_type", list(TYPES))
@pytest.mark.parametrize("rule_settings", RULES, ids=lambda s: s["rule"] + "/" + s.get("completion", "none"))
def test_count_equals_the_engine_on_the_same_ballots(commune, ballot_type, rule_settings):
    campaign = make_campaign(commune, ballot_type, **rule_settings)
    ballots, points = random_ballots(ballot_type, 60, seed=len(rule_settings) * 7 + len(ballot_type))
    store_ballots(campaign, ballots, points)

    count = count_campaign(campaign)

    direct = engine.election(campaign, COSTS, ballots, points)
    expected = compute(direct, engine.rule_choice(campaign))
    assert count.status == Count.Status.DONE, count.error
    assert count.selected == expected.selected
    assert count.total_cost == expected.total_cost
    assert count.voters == count.ballots == 60
    explained = {p.id: p for p in explain(direct, engine.rule_choice(campaign)).projects}
    for row in count.projects:
        assert row["votes"] == explained[row["code"]].votes
        assert row["score"] == pytest.approx(explained[row["code"]].score)
        assert row["reason"]["code"] == explained[row["code"]].why.code
    assert count.progress == 100


def test_loaded_election_holds_the_stored_ballots_in_order(commune):
    campaign = make_campaign(commune, BallotType.RANKED)
    ballots = [["C", "A", "F"], ["B"], ["G", "D"]]
    store_ballots(campaign, ballots)
    election = counting.load(campaign).election
    got = [
        [election.projects[i].id for i in election.ballots.projects[a:b]]
        for a, b in zip(election.ballots.offsets[:-1], election.ballots.offsets[1:], strict=True)
    ]
    assert got == ballots


def test_excluded_ballots_are_not_counted(commune):
    campaign = make_campaign(commune, BallotType.APPROVAL)
    kept = store_ballots(campaign, [["A"], ["A"], ["B"]])
    excluded = store_ballots(campaign, [["B"], ["B"], ["B"]], start=100)
    for ballot in excluded:
        ballot.excluded_at = timezone.now()
        ballot.exclusion_reason = "duplicate"
        ballot.save()

    count = count_campaign(campaign)

    votes = {row["code"]: row["votes"] for row in count.projects}
    assert votes["A"] == 2 and votes["B"] == 1
    assert count.ballots == len(kept) == 3
    assert count.excluded == 3


def test_tally_equals_ballots(commune):
    campaign = make_campaign(commune, BallotType.CUMULATIVE)
    ballots, points = random_ballots(BallotType.CUMULATIVE, 40, seed=3)
    store_ballots(campaign, ballots[:25], points[:25])
    store_ballots(campaign, ballots[25:], points[25:], channel="paper")

    count = count_campaign(campaign)

    assert (count.online, count.paper, count.ballots) == (25, 15, 40)
    assert sum(row["votes"] for row in count.projects) == sum(len(b) for b in ballots)
    assert sum(row["score"] for row in count.projects) == 40 * 10


def test_districts_are_counted_within_their_own_budgets(commune):
    campaign = campaign_in(commune, "counting", ballot_type=BallotType.APPROVAL, max_choices=3, rule="mes")
    north = District.objects.create(campaign=campaign, name="الشمال", budget=200_000, position=1)
    south = District.objects.create(campaign=campaign, name="الجنوب", budget=150_000, position=2)
    for code, cost, district in (
        ("N1", 120_000, north),
        ("N2", 90_000, north),
        ("N3", 100_000, north),
        ("S1", 100_000, south),
        ("S2", 80_000, south),
    ):
        accepted(campaign, code, cost, district=district)
    north_ballots = [["N1", "N2"]] * 5 + [["N3"]] * 4 + [["N1"]] * 2
    south_ballots = [["S1"]] * 3 + [["S2"]] * 2 + [["S1", "S2"]]
    store_ballots(campaign, north_ballots, district=north)
    store_ballots(campaign, south_ballots, district=south, start=100)

    count = count_campaign(campaign)

    costs = {"N1": 120_000, "N2": 90_000, "N3": 100_000, "S1": 100_000, "S2": 80_000}
    whole = engine.election(campaign, costs, north_ballots + south_ballots)
    for project in whole.projects:
        project.fields["district"] = "n" if project.id.startswith("N") else "s"
    whole.project_columns.append("district")
    expected = compute_by_group(
        whole, "district", {"n": Fraction(200_000), "s": Fraction(150_000)}, engine.rule_choice(campaign)
    )
    assert count.status == Count.Status.DONE, count.error
    assert sorted(count.selected) == sorted(expected.selected)
    rows = {row["pk"]: row for row in count.districts}
    assert rows[north.pk]["total_cost"] <= 200_000
    assert rows[south.pk]["total_cost"] <= 150_000
    assert rows[north.pk]["voters"] == len(north_ballots)
    assert rows[south.pk]["voters"] == len(south_ballots)
    assert set(rows[north.pk]["selected"]) <= {"N1", "N2", "N3"}
    assert count.total_cost == sum(costs[c] for c in count.selected)


def test_a_campaign_without_ballots_counts_to_nothing(commune):
    campaign = make_campaign(commune, BallotType.APPROVAL)
    count = count_campaign(campaign)
    assert count.status == Count.Status.DONE
    assert count.selected == [] and count.voters == 0
    assert {row["reason"]["code"] for row in count.projects} == {"no-votes"}


def test_progress_is_reported_up_to_100(commune):
    campaign = make_campaign(commune, BallotType.APPROVAL)
    store_ballots(campaign, [["A", "B"], ["C"]])
    seen = []
    count = count_campaign(campaign, progress=seen.append)
    assert seen[-1] == 100 and seen == sorted(seen)
    count.refresh_from_db()
    assert count.progress == 100


def test_categories_are_counted_with_grouped_budgets(commune):
    campaign = campaign_in(commune, "counting", ballot_type=BallotType.APPROVAL, max_choices=4, rule="greedy")
    roads = District.objects.create(campaign=campaign, kind="category", name="طرق", budget=150_000, position=1)
    culture = District.objects.create(campaign=campaign, kind="category", name="ثقافة", budget=100_000, position=2)
    costs = {"R1": 100_000, "R2": 80_000, "R3": 60_000, "C1": 70_000, "C2": 50_000}
    for code, cost in costs.items():
        accepted(campaign, code, cost, district=roads if code.startswith("R") else culture)
    ballots = [["R1", "C1"], ["R1", "R2", "C2"], ["R2", "R3"], ["C1", "C2"], ["R3"], ["R1"]]
    store_ballots(campaign, ballots)

    count = count_campaign(campaign)

    whole = engine.election(campaign, costs, ballots)
    for project in whole.projects:
        project.fields["category"] = project.id[0]
    whole.project_columns.append("category")
    expected = compute_by_group(
        whole, "category", {"R": Fraction(150_000), "C": Fraction(100_000)}, engine.rule_choice(campaign)
    )
    assert count.selected == expected.selected
    rows = {row["name"]: row for row in count.districts}
    assert rows["طرق"]["voters"] == 5 and rows["ثقافة"]["voters"] == 3  # voters with a project of the category
    assert rows["طرق"]["total_cost"] <= 150_000 and rows["ثقافة"]["total_cost"] <= 100_000
    assert count.voters == 6


def test_choices_of_proposals_no_longer_on_the_ballot_count_for_nothing(commune):
    campaign = make_campaign(commune, BallotType.APPROVAL)
    store_ballots(campaign, [["A", "B"], ["B"]])
    campaign.proposals.filter(code="B").update(status="withdrawn")
    count = count_campaign(campaign)
    assert [row["code"] for row in count.projects] == [c for c in COSTS if c != "B"]
    assert count.voters == 2 and {r["code"]: r["votes"] for r in count.projects}["A"] == 1


def test_a_campaign_without_projects_counts_to_nothing(commune):
    campaign = campaign_in(commune, "counting", ballot_type=BallotType.APPROVAL, max_choices=3, rule="mes")
    count = count_campaign(campaign)
    assert count.status == Count.Status.DONE, count.error
    assert count.selected == [] and count.projects == [] and count.total_cost == 0


def test_a_ballot_without_choices_is_a_voter_with_a_share(commune):
    """Under the Method of Equal Shares every voter holds a share of the budget, an empty ballot too (pabulib
    files have empty votes): it must be counted as a voter, exactly as the engine counts the file."""
    campaign = make_campaign(commune, BallotType.APPROVAL, rule="mes", completion="none")
    ballots = [["A"], ["A"], ["B"], [], []]
    store_ballots(campaign, ballots)

    count = count_campaign(campaign)

    expected = compute(
        engine.election(campaign, {p.code: Fraction(p.cost) for p in campaign.proposals.all()}, ballots),
        engine.rule_choice(campaign),
    )
    assert count.voters == count.ballots == 5
    assert count.selected == expected.selected
