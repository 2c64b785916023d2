"""Rules on small elections worked out by hand, plus the MES exact mode on a real election."""

from __future__ import annotations

from fractions import Fraction

import pytest

from remacto.pb import pabulib
from remacto.pb.groups import compute_by_group
from remacto.pb.model import Election
from remacto.pb.rules import RuleChoice, compute
from remacto.pb.rules.greedy import greedy
from remacto.pb.rules.mes import mes
from remacto.pb.ties import Tie, TieBreaking
from tests.pb.conftest import PABULIB_FILES, SMALL_APPROVAL


def small() -> Election:
    return pabulib.loads(SMALL_APPROVAL)


def test_greedy_skips_what_does_not_fit_and_records_the_tie():
    outcome = greedy(small())
    # a (3 votes) first; b and c tie on 2 votes, the cheaper c goes first and fits; b no longer fits.
    assert outcome.selected == ["a", "c"]
    assert outcome.ties == [Tie(1, ("c", "b"), "c")]
    assert outcome.tie_breaking.keys == ("lower-cost", "more-votes", "file-order")
    assert outcome.greedy_steps["b"].status == "no-room"
    assert outcome.greedy_steps["b"].budget_left == 0


def test_tie_breaking_is_configurable_and_can_change_the_outcome():
    outcome = greedy(small(), "greedy-no-skip", TieBreaking.parse("higher-cost"))
    # b (50) now comes before c, does not fit in the 40 left, and no-skip stops there.
    assert outcome.selected == ["a"]
    assert outcome.greedy_steps["c"].status == "not-reached"
    assert outcome.tie_breaking.keys == ("higher-cost", "file-order")
    assert greedy(small(), "greedy", TieBreaking.parse("higher-cost")).selected == ["a", "c"]


def test_greedy_threshold_drops_projects_below_the_threshold():
    election = small()
    election.meta["min_project_score_threshold"] = "3"
    outcome = greedy(election, "greedy-threshold")
    assert outcome.selected == ["a"]
    assert outcome.greedy_steps["c"].status == "below-threshold"


def test_greedy_never_selects_projects_without_votes():
    election = Election.build(100, {"a": 10, "b": 10}, [["a"]])
    outcome = greedy(election)
    assert outcome.selected == ["a"]
    assert outcome.greedy_steps["b"].status == "no-votes"


def test_greedy_on_ordinal_ballots_ranks_by_positional_points():
    # x: 2 + 2 = 4 points; y: 1 + 1 = 2; z: 3 (one first place out of max_length 2 -> 2 points... )
    election = Election.build(
        5, {"x": 3, "y": 3, "z": 2}, [["x", "y"], ["x", "y"], ["z"]], "ordinal", meta={"max_length": "2"}
    )
    # Borda on 2 positions: first choice 2 points, second 1. x = 4, y = 2, z = 2 (z cheaper wins the tie).
    assert greedy(election).selected == ["x", "z"]


def test_greedy_on_cumulative_ballots_ranks_by_points():
    election = Election.build(10, {"a": 6, "b": 6}, [["a", "b"], ["b"]], "cumulative", points=[[1, 4], [1]])
    assert greedy(election).selected == ["b"]


def three_voters() -> Election:
    # Everybody likes x (30); voter 1 also likes y (10); voters 2 and 3 like z (20). Each voter has 10.
    return Election.build(30, {"x": 30, "y": 10, "z": 20}, [["x", "y"], ["x", "z"], ["x", "z"]])


def test_mes_with_cost_utilities():
    outcome, bought, _ = mes(three_voters(), exact=True, trace=True)
    # rho = per-supporter price / cost: x 10/30, y 10/10, z 10/20 -> x; then every budget is spent.
    assert outcome.selected == ["x"]
    assert bought[0].price == 10 and bought[0].rho == pytest.approx(1 / 3)
    assert outcome.per_voter_budget == 10


def test_mes_with_approval_utilities_and_a_recorded_tie():
    outcome, _, misses = mes(three_voters(), utilities="approval", exact=True, trace=True)
    # rho = price: x, y and z all cost each supporter 10 -> tie, broken for the cheapest (y);
    # x is then out of reach (20 left < 30) and z is bought by voters 2 and 3.
    assert outcome.selected == ["y", "z"]
    assert outcome.ties == [Tie(0, ("y", "z", "x"), "y")]
    assert misses[0].beaten_by == "y" and misses[0].price == 10 and misses[0].left == 20


ADD1_EXAMPLE = Election.build(
    12, {"a": 9, "b": 7, "c": 3, "d": 4}, [["a", "c"], ["a", "c"], ["d", "a", "c"], ["d", "b", "c"]]
)


@pytest.mark.parametrize("exact", [True, False])
def test_add1_variants(exact: bool):
    # Shares of 3: c then d (cost 7), which is exhaustive (5 left, a and b cost more): add1 stops.
    # add1-continue raises the shares to 4: c then a (cost 12); at 5 the outcome would cost 16.
    stop, _, _ = mes(ADD1_EXAMPLE, "add1", exact=exact)
    go_on, _, _ = mes(ADD1_EXAMPLE, "add1-continue", exact=exact)
    assert (stop.selected, stop.add1_steps, stop.total_cost) == (["c", "d"], 0, 7)
    assert (go_on.selected, go_on.add1_steps, go_on.total_cost) == (["c", "a"], 1, 12)


def test_add1u_tops_up_when_add1_stops_on_an_over_budget_outcome():
    election = Election.build(9, {"a": 10, "b": 6, "c": 5}, [["b", "a"], ["a", "c"]])
    # Shares of 4.5 buy nothing; shares of 5.5 would buy a (10 > 9): Add1 keeps the empty outcome.
    plain, _, _ = mes(election, "add1", exact=True)
    topped, _, _ = mes(election, "add1u", exact=True)
    assert plain.selected == []
    # The top-up takes projects by votes (then cost): c (5) fits, then b (6) no longer does.
    assert topped.selected == ["c"]
    assert topped.completed_by == {"c": "utilitarian greedy top-up"}


def test_mes_exact_equals_float_on_swiecie():
    election = pabulib.read(next(p for p in PABULIB_FILES if "Swiecie" in p.name))
    exact, _, _ = mes(election, exact=True)
    floating, _, _ = mes(election)
    assert exact.selected == floating.selected and not exact.ties
    assert exact.per_voter_budget == Fraction(1070000, 2553)


def test_rule_from_the_file_meta():
    election = pabulib.read(next(p for p in PABULIB_FILES if "Swiecie" in p.name))
    outcome = compute(election)
    assert (outcome.rule, outcome.completion, len(outcome.selected)) == ("mes", "add1", 17)
    assert compute(election, RuleChoice(rule="greedy")).rule == "greedy"


def test_separate_budgets_per_district():
    election = Election.build(100, {"n1": 60, "n2": 50, "s1": 30}, [["n1"], ["n1", "n2"], ["s1"], ["n2"], ["n1"]])
    for project, district in zip(election.projects, ["north", "north", "south"], strict=True):
        project.fields["district"] = district
    election.project_columns.append("district")
    budgets = {"north": Fraction(60), "south": Fraction(30)}
    outcome = compute_by_group(election, "district", budgets, RuleChoice(rule="greedy"))
    assert outcome.selected == ["n1", "s1"]
    assert outcome.budget == 90 and outcome.total_cost == 90
    assert outcome.groups["south"].selected == ["s1"]
    mes_outcome = compute_by_group(election, "district", budgets, RuleChoice(rule="mes"))
    # The north group has 4 voters (those who voted there), each with a share of 15.
    assert mes_outcome.groups["north"].per_voter_budget == pytest.approx(15)
    assert mes_outcome.groups["south"].selected == ["s1"]


def test_mes_on_cumulative_ballots_uses_the_points_as_utilities():
    # v1 gives a 3 points and b 1; v2 gives b 4. Budget 10: 5 each. a: only v1 (3 points) at 2 per
    # point would pay 6 > 5, unaffordable. b: 5 points, 6 / 5 = 1.2 per point: v1 pays 1.2, v2 4.8.
    election = Election.build(10, {"a": 6, "b": 6}, [["a", "b"], ["b"]], "cumulative", points=[[3, 1], [4]])
    outcome, bought, _ = mes(election, exact=True, trace=True)
    assert outcome.selected == ["b"]
    assert bought[1].price == pytest.approx(1.2)


def test_mes_on_ordinal_ballots_uses_the_positional_points():
    # scoring_fn 2,1: v1 ranks a then b (a 2 points, b 1), v2 ranks b first (2). Budget 4: 2 each.
    # b: 3 points, 2/3 per point (v1 pays 2/3, v2 4/3); a: 2 points, 1 per point. b is cheaper per
    # point and bought first; then v1 holds 4/3 < 2 and a is unaffordable.
    election = Election.build(
        4, {"a": 2, "b": 2}, [["a", "b"], ["b"]], "ordinal", meta={"scoring_fn": "2,1", "max_length": "2"}
    )
    outcome, bought, _ = mes(election, exact=True, trace=True)
    assert outcome.selected == ["b"]
    assert bought[1].price == pytest.approx(2 / 3)
    assert mes(election, "add1", utilities="cost")[0].selected == ["b", "a"]  # Add1 fills the budget


def test_mes_reproduces_the_cumulative_and_ordinal_files_greedy_winners_where_proportional():
    # Not an official result (those files were counted by greedy): MES simply runs on them.
    for path in PABULIB_FILES:
        election = pabulib.read(path)
        if election.vote_type in ("cumulative", "ordinal"):
            outcome = compute(election, RuleChoice(rule="mes", completion="add1"))
            assert outcome.selected and outcome.total_cost <= election.budget
