"""Property tests on random small elections (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from remacto.pb.errors import PBError
from remacto.pb.model import Election
from remacto.pb.pabulib import dumps, loads
from remacto.pb.rules import RuleChoice, compute
from remacto.pb.rules.greedy import GREEDY_RULES, greedy
from remacto.pb.rules.mes import COMPLETIONS, _Mes, mes
from remacto.pb.tally import scores
from remacto.pb.ties import TieBreaking

FEW = settings(max_examples=100, deadline=None)


@st.composite
def elections(draw: st.DrawFn, max_projects: int = 6, max_voters: int = 12) -> Election:
    """Approval elections with integer costs; some projects may get no vote, some ballots are empty."""
    n_projects = draw(st.integers(1, max_projects))
    ids = [f"p{i}" for i in range(n_projects)]
    costs = {pid: draw(st.integers(1, 100)) for pid in ids}
    ballots = draw(st.lists(st.lists(st.sampled_from(ids), unique=True), min_size=1, max_size=max_voters))
    budget = draw(st.integers(1, 300))
    return Election.build(budget, costs, ballots, meta={"min_project_score_threshold": "2"})


@FEW
@given(elections(), st.sampled_from(GREEDY_RULES))
def test_greedy_outcomes_are_within_budget(election: Election, rule: str):
    outcome = greedy(election, rule)
    assert outcome.total_cost <= election.budget
    assert outcome.total_cost == sum(election.projects[election.index_of(p)].cost for p in outcome.selected)


@FEW
@given(elections(), st.sampled_from(COMPLETIONS), st.booleans())
def test_mes_outcomes_are_within_budget(election: Election, completion: str, exact: bool):
    outcome, _, _ = mes(election, completion, exact=exact)
    assert outcome.total_cost <= election.budget
    assert len(set(outcome.selected)) == len(outcome.selected)


@FEW
@given(elections())
def test_greedy_takes_projects_in_score_order(election: Election):
    outcome = greedy(election)
    score = scores(election)
    taken = [score[election.index_of(p)] for p in outcome.selected]
    assert taken == sorted(taken, reverse=True)
    # Every voted-for project left out did not fit in what the projects ranked before it left.
    for i, project in enumerate(election.projects):
        # The file's threshold (2) holds whatever the greedy rule's name.
        assert (outcome.greedy_steps[project.id].status == "below-threshold") == (0 < score[i] < 2)
        if project.id in outcome.selected or score[i] < 2:
            continue
        spent_before = sum(
            election.projects[election.index_of(p)].cost
            for p in outcome.selected
            if outcome.greedy_steps[p].position < outcome.greedy_steps[project.id].position
        )
        assert spent_before + project.cost > election.budget


@FEW
@given(elections(), st.sampled_from(["none", "add1"]))
def test_mes_float_selects_what_exact_selects(election: Election, completion: str):
    exact, _, _ = mes(election, completion, exact=True)
    assume(not exact.ties)
    floating, _, _ = mes(election, completion)
    assert floating.selected == exact.selected
    assert floating.add1_steps == exact.add1_steps


@FEW
@given(elections(), st.sampled_from(GREEDY_RULES), st.data())
def test_an_added_approval_never_removes_that_project_from_a_greedy_outcome(
    election: Election, rule: str, data: st.DataObject
):
    ballots = election.ballots
    rows = [
        [election.projects[i].id for i in ballots.projects[ballots.offsets[v] : ballots.offsets[v + 1]]]
        for v in range(ballots.n_voters)
    ]
    before = greedy(election, rule)
    assume(before.selected)
    pid = data.draw(st.sampled_from(before.selected))
    others = [v for v, row in enumerate(rows) if pid not in row]
    assume(others)
    voter = data.draw(st.sampled_from(others))
    rows[voter].append(pid)
    more = Election.build(
        election.budget,
        {p.id: p.cost for p in election.projects},
        rows,
        meta={"min_project_score_threshold": "2"},
    )
    assert pid in greedy(more, rule).selected


@FEW
@given(elections(), st.sampled_from(["add1", "add1-continue"]))
def test_add1_resuming_after_the_shared_beginning_equals_counting_from_scratch(election: Election, completion: str):
    # Each Add1 step resumes after the beginning it shares with the previous steps; a run from
    # scratch (trace) at every step's budget must select the same projects in the same order.
    engine = _Mes(election, "cost", False, TieBreaking())
    start = engine.start_budget()
    for step in range(12):
        resumed = engine.run(start + step)
        assert resumed.selected == _Mes(election, "cost", False, TieBreaking()).run(start + step).selected
        assert resumed.selected == engine.run(start + step, trace=True).selected


@st.composite
def files_with_limits(draw: st.DrawFn) -> tuple[str, str]:
    """A random election written as a file, with and without random ballot limits in its META."""
    election = draw(elections())
    plain = dumps(election)
    limits = {
        "min_length": draw(st.integers(0, 3)),
        "max_length": draw(st.integers(1, 6)),
        "max_sum_cost": draw(st.integers(1, 400)),
        "min_sum_cost": draw(st.integers(0, 50)),
    }
    chosen = draw(st.lists(st.sampled_from(sorted(limits)), unique=True))
    extra = "".join(f"{key};{limits[key]}\n" for key in chosen)
    return plain, plain.replace("vote_type;approval\n", "vote_type;approval\n" + extra)


@FEW
@given(files_with_limits(), st.sampled_from(["greedy", "mes"]))
def test_ballot_limits_only_ever_add_warnings(texts: tuple[str, str], rule: str):
    plain, limited = texts
    expected = compute(loads(plain), RuleChoice(rule=rule)).selected
    election = loads(limited)
    assert compute(election, RuleChoice(rule=rule)).selected == expected
    if election.warnings:
        with pytest.raises(PBError):
            loads(limited, strict=True)
    else:  # a file that breaks nothing reads the same, strict or not
        assert compute(loads(limited, strict=True), RuleChoice(rule=rule)).selected == expected


@FEW
@given(elections())
def test_the_fast_reader_and_the_csv_reader_agree(election: Election):
    text = dumps(election)
    quoted = text.replace("VOTES\nvoter_id;vote\n1;", 'VOTES\nvoter_id;vote\n"1";')  # quotes: CSV reader
    assert quoted != text
    fast, careful = loads(text), loads(quoted)
    assert fast.ballots.offsets.tolist() == careful.ballots.offsets.tolist()
    assert fast.ballots.projects.tolist() == careful.ballots.projects.tolist()
    assert fast.ballots.voter_ids.tolist() == careful.ballots.voter_ids.tolist()
