"""What real pabulib files contain: ballots breaking the file's own limits, a project twice on a
ballot, a threshold named with another greedy rule, and the rule names pabulib publishes."""

from __future__ import annotations

import json

import pytest

from remacto.pb import pabulib
from remacto.pb.cli import main
from remacto.pb.errors import PBError, PBWarning
from remacto.pb.rules import FILE_RULES, UNSTATED_RULES, RuleChoice, compute
from remacto.pb.tally import vote_counts

CITY = """META
key;value
description;a city vote with a spending limit per ballot
num_projects;3
num_votes;4
budget;100
vote_type;approval
rule;greedy
max_sum_cost;100
PROJECTS
project_id;cost;votes;selected
a;60;3;1
b;50;2;0
c;40;3;1
VOTES
voter_id;vote
v1;a,b
v2;a,c
v3;a,c
v4;c
"""
# v1 chose projects costing 110, over the file's max_sum_cost of 100: the city counted the ballot.


def test_a_ballot_over_the_files_limit_is_counted_with_a_warning(pb_file, capsys):
    path = pb_file(CITY)
    election = pabulib.read(path)
    assert election.warnings == [
        PBWarning("total cost of the ballot is 110, above the file's maximum of 100", str(path), 17, "v1")
    ]
    assert vote_counts(election).tolist() == [3, 1, 3]
    assert main(["check", str(path)]) == 0
    captured = capsys.readouterr()
    assert "ok (greedy, 2 projects selected as in the file; 1 ballots with warnings)" in captured.out
    assert captured.err.splitlines() == [
        f"{path}:17: warning: voter 'v1': total cost of the ballot is 110, above the file's maximum of 100",
        f"{path}: 1 ballot break the file's own rules and were counted as cast (--strict refuses them)",
    ]


def test_strict_refuses_a_ballot_over_the_limit(pb_file, capsys):
    path = pb_file(CITY)
    with pytest.raises(PBError, match="voter 'v1': total cost of the ballot is 110"):
        pabulib.read(path, strict=True)
    assert main(["compute", "--strict", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"{path}:17: voter 'v1': total cost of the ballot is 110, above the file's maximum of 100\n"
    )


def test_every_limit_of_the_meta_section_warns(pb_file):
    text = CITY.replace("max_sum_cost;100", "min_length;2\nmax_length;1\nmin_sum_cost;50")
    warnings = pabulib.read(pb_file(text)).warnings
    # One warning per ballot (the first limit it breaks), each with its line and voter.
    assert [(w.line, w.voter) for w in warnings] == [(19, "v1"), (20, "v2"), (21, "v3"), (22, "v4")]
    assert "above the file's maximum of 1" in warnings[0].problem
    assert "below the file's minimum of 2" in warnings[3].problem


def test_a_project_twice_on_a_ballot_counts_once(pb_file, capsys):
    path = pb_file(CITY.replace("max_sum_cost;100\n", "").replace("v4;c", "v4;c,c"))
    election = pabulib.read(path)
    assert vote_counts(election).tolist() == [3, 1, 3]
    assert [(w.line, w.voter, w.problem) for w in election.warnings] == [
        (19, "v4", "'c' appears twice on the ballot (counted once)")
    ]
    assert main(["check", str(path)]) == 0
    assert "1 ballot break the file's own rules" in capsys.readouterr().err
    assert main(["check", "--strict", str(path)]) == 2
    assert "v4" in capsys.readouterr().err


def test_warnings_are_found_wherever_the_ballot_is_in_a_long_file(pb_file):
    # The fast path reads plain VOTES lines in blocks; a ballot to warn about anywhere is still seen.
    votes = "".join(f"v{i};a\n" for i in range(40_000)) + "late;a,a\n" + "".join(f"w{i};c\n" for i in range(9))
    text = CITY.split("VOTES")[0].replace("num_votes;4", "num_votes;40010") + "VOTES\nvoter_id;vote\n" + votes
    election = pabulib.read(pb_file(text))
    assert [(w.line, w.voter) for w in election.warnings] == [(40_017, "late")]
    assert vote_counts(election).tolist() == [40_001, 0, 9]


@pytest.mark.parametrize("rule", ["greedy", "greedy-no-skip", "greedy-threshold"])
def test_the_threshold_holds_whatever_the_greedy_rules_name(rule: str, pb_file):
    text = CITY.replace("max_sum_cost;100", "min_project_score_threshold;3").replace("rule;greedy", f"rule;{rule}")
    text = text.replace("v4;c", "v4;b")  # c now has 2 votes, under the threshold of 3
    outcome = compute(pabulib.read(pb_file(text)))
    assert outcome.selected == ["a"]
    assert outcome.greedy_steps["c"].status == "below-threshold"


def test_the_threshold_holds_for_mes_too(pb_file):
    text = CITY.replace("max_sum_cost;100", "min_project_score_threshold;3").replace("rule;greedy", "rule;equalshares")
    election = pabulib.read(pb_file(text.replace("v4;c", "v4;b")))
    assert "c" not in compute(election).selected
    assert "c" in compute(pabulib.read(pb_file(text.replace("min_project_score_threshold;3\n", "")))).selected


COMPARED = """META
key;value
description;comparison step
num_projects;3
num_votes;{n}
budget;{budget}
vote_type;approval
rule;{rule}
PROJECTS
project_id;cost
x;{x}
y;{y}
z;{z}
VOTES
voter_id;vote
{votes}"""


def compared(rule: str, groups: dict[str, int], costs: tuple[int, int, int], budget: int) -> str:
    """Disjoint groups of voters, each group approving the one project it is named after."""
    rows = [f"{name}{i};{name}" for name, count in groups.items() for i in range(count)]
    x, y, z = costs
    return COMPARED.format(n=len(rows), budget=budget, rule=rule, x=x, y=y, z=z, votes="\n".join(rows) + "\n")


# 6 voters want x (cost 90), 4 want y (cost 20); budget 100, so 10 each. MES: the 4 buy y, the 6
# hold 60 < 90; the outcome {y} is exhaustive (80 left < 90), so Add1 keeps it. Greedy takes x, then
# y no longer fits: the 6 prefer greedy's {x}, the 4 prefer {y}, and 6 > 4 switches to greedy.
SWITCH = ({"x": 6, "y": 4}, (90, 20, 99), 100)


def test_comparison_switches_to_greedy_when_more_voters_prefer_it(pb_file):
    election = pabulib.read(pb_file(compared("equalshares/add1-comparison", *SWITCH)))
    assert compute(election, RuleChoice(comparison="none")).selected == ["y"]
    outcome = compute(election)
    assert outcome.selected == ["x"]
    assert outcome.comparison is not None and outcome.comparison.switched
    assert (outcome.comparison.prefer_mes, outcome.comparison.prefer_greedy) == (4, 6)
    assert (outcome.rule, outcome.completion) == ("mes", "add1")


def test_comparison_keeps_mes_when_more_voters_prefer_it(pb_file):
    # 5 want x (cost 100 = the budget), 4 want y and 4 want z (25 each). Greedy spends everything
    # on x; MES buys y and z: 8 voters prefer MES's outcome, 5 greedy's.
    text = compared("equalshares-comparison", {"x": 5, "y": 4, "z": 4}, (100, 25, 25), 100)
    outcome = compute(pabulib.read(pb_file(text)))
    assert outcome.selected == ["y", "z"]
    assert outcome.comparison is not None and not outcome.comparison.switched
    assert (outcome.comparison.prefer_mes, outcome.comparison.prefer_greedy) == (8, 5)


def test_comparison_by_exclusion(pb_file, capsys):
    path = pb_file(compared("equalshares", *SWITCH))
    outcome = compute(pabulib.read(path), RuleChoice(comparison="exclusion"))
    assert outcome.selected == ["x"] and outcome.comparison is not None
    assert (outcome.comparison.measure, outcome.comparison.prefer_mes, outcome.comparison.prefer_greedy) == (
        "exclusion",
        4,
        6,
    )
    assert main(["compute", str(path), "--comparison", "exclusion"]) == 0
    line = json.loads(capsys.readouterr().out)
    assert line["comparison"] == {"measure": "exclusion", "prefer_mes": 4, "prefer_greedy": 6, "switched": True}


GREEDY = ({"x": 5, "y": 3, "z": 2}, (60, 50, 40), 100)
RULE_FILES = {
    # rule name: (election, winners)
    "greedy": (GREEDY, ["x", "z"]),
    "greedy-threshold": (GREEDY, ["x"]),  # with min_project_score_threshold 4
    "greedy-no-skip": (GREEDY, ["x"]),
    "equalshares": (SWITCH, ["y"]),
    "equalshares-comparison": (SWITCH, ["x"]),
    "equalshares/add1": (SWITCH, ["y"]),
    "equalshares/add1-comparison": (SWITCH, ["x"]),
    "equalshares/add1-continue": (({"x": 6, "y": 4}, (90, 20, 99), 120), ["x", "y"]),
    "equalshares/add1u": (({"x": 6, "y": 4}, (90, 5, 99), 100), ["x", "y"]),
}


@pytest.mark.parametrize("rule", FILE_RULES)
def test_every_rule_name_of_pabulib_is_counted(rule: str, pb_file, capsys):
    election, winners = RULE_FILES[rule]
    text = compared(rule, *election)
    if rule == "greedy-threshold":
        text = text.replace("vote_type;approval", "vote_type;approval\nmin_project_score_threshold;4")
    assert main(["compute", str(pb_file(text))]) == 0
    assert sorted(json.loads(capsys.readouterr().out)["selected"]) == winners


@pytest.mark.parametrize("rule", [*UNSTATED_RULES, "unknown", "magic"])
def test_rules_the_file_does_not_define_give_one_line(rule: str, pb_file, capsys):
    path = pb_file(compared(rule, {"x": 1}, (1, 1, 1), 3))
    assert main(["compute", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{path}:8: ") and err.count("\n") == 1 and "--rule" in err
    assert main(["compute", str(path), "--rule", "greedy"]) == 0


def test_explain_says_when_the_comparison_step_took_the_greedy_outcome(pb_file, capsys):
    path = pb_file(compared("equalshares/add1-comparison", *SWITCH))
    assert main(["explain", str(path)]) == 0
    out = capsys.readouterr().out
    assert "comparison step (satisfaction): 6 voters prefer the greedy outcome, 4 MES's" in out
    assert "- x: cost 90, 6 votes; selected at rank 1" in out
    assert main(["explain", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["comparison"]["switched"] is True
