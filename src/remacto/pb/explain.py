"""Explanations for results pages: why each project was or was not selected, and election figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from remacto.pb.model import Election
from remacto.pb.result import ComparisonResult, GreedyStep, MesMiss, MesPurchase, Outcome
from remacto.pb.rules import RuleChoice, compare_with_greedy, compute, resolve
from remacto.pb.rules.mes import mes
from remacto.pb.tally import scores, vote_counts

REASONS = {
    "greedy-selected": "selected at rank {rank}: its cost {cost} fitted in the {left} left",
    "greedy-no-room": "not selected: at rank {rank} its cost {cost} exceeded the {left} left",
    "below-threshold": "not selected: its score {score:g} is below the threshold",
    "no-votes": "not selected: nobody voted for it",
    "not-reached": "not selected: the rule stopped before rank {rank} (greedy without skipping)",
    "completion": "selected by the {step}: it fitted in the budget MES left unspent",
    "mes-bought": (
        "selected in round {round}: each of its {votes} supporters paid at most {price} "
        "(price per unit of utility {rho:.6g})"
    ),
    "mes-unaffordable": "not selected: its supporters together had only {left}, less than its cost",
    "mes-beaten": (
        "not selected: in round {round} it would have been bought at {price} per supporter (price per unit of "
        "utility {rho:.6g}), but {beaten_by} was bought instead; afterwards its supporters had only {left} left, "
        "less than its cost"
    ),
    "not-selected": "not selected",
}
"""Each reason's code and its sentence; amounts (``cost``, ``left``, ``price``) are written by :func:`money`."""
MONEY_PARAMS = ("cost", "left", "price")


@dataclass(frozen=True)
class Reason:
    """Why a project was or was not selected: a code of ``REASONS`` and the figures its sentence names.

    Web pages translate the code into the reader's language; :attr:`text` is the English sentence.
    """

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        values = {k: money(v) if k in MONEY_PARAMS else v for k, v in self.params.items()}
        return REASONS[self.code].format(**values)


@dataclass(frozen=True)
class ProjectExplanation:
    """One project: its tallies, whether it was selected, and the reason (``why``, and as a sentence)."""

    id: str
    name: str
    cost: Fraction
    votes: int
    score: float
    selected: bool
    why: Reason

    @property
    def reason(self) -> str:
        return self.why.text


@dataclass(frozen=True)
class Summary:
    """Election-level figures: how much of the budget was used and how many voters got something."""

    rule: str
    completion: str
    budget: Fraction
    total_cost: Fraction
    budget_share_used: float
    voters: int
    voters_with_selected_share: float
    per_voter_budget: float | None
    comparison: ComparisonResult | None = None


@dataclass(frozen=True)
class Explanation:
    summary: Summary
    projects: list[ProjectExplanation]


def explain(election: Election, choice: RuleChoice | None = None) -> Explanation:
    """Run the rule and explain the outcome for every project."""
    choice = choice or RuleChoice()
    rule, completion, comparison = resolve(election, choice)
    purchases: dict[int, MesPurchase] = {}
    misses: dict[int, MesMiss] = {}
    if rule == "mes":
        outcome, purchases, misses = mes(
            election, completion, choice.utilities, choice.exact, choice.tie_breaking, trace=True
        )
        outcome = compare_with_greedy(election, outcome, comparison, choice.tie_breaking)
        if outcome.comparison is not None and outcome.comparison.switched:
            rule = "greedy"  # the greedy outcome won the comparison: its steps are the reasons
    else:
        outcome = compute(election, choice)
    votes = vote_counts(election)
    score = scores(election)
    chosen = set(outcome.selected)
    projects = []
    for i, project in enumerate(election.projects):
        if rule == "mes":
            reason = _mes_reason(outcome, project.id, purchases.get(i), misses.get(i), int(votes[i]))
        else:
            reason = _greedy_reason(outcome.greedy_steps[project.id], project.cost, float(score[i]))
        name = project.fields.get("name", "")
        projects.append(
            ProjectExplanation(
                project.id, name, project.cost, int(votes[i]), float(score[i]), project.id in chosen, reason
            )
        )
    return Explanation(_summary(election, outcome), projects)


def _summary(election: Election, outcome: Outcome) -> Summary:
    ballots = election.ballots
    is_selected = np.zeros(len(election.projects), dtype=bool)
    is_selected[[election.index_of(pid) for pid in outcome.selected]] = True
    hits = np.bincount(ballots.voter_of_entry()[is_selected[ballots.projects]], minlength=ballots.n_voters)
    n = ballots.n_voters
    per_voter = outcome.per_voter_budget
    return Summary(
        rule=outcome.rule,
        completion=outcome.completion,
        budget=outcome.budget,
        total_cost=outcome.total_cost,
        budget_share_used=float(outcome.total_cost / outcome.budget),
        voters=n,
        voters_with_selected_share=float((hits > 0).sum() / n) if n else 0.0,
        per_voter_budget=None if per_voter is None else float(per_voter),
        comparison=outcome.comparison,
    )


def money(value: Fraction | float) -> str:
    """An amount with thousands separators and at most two decimals."""
    text = f"{float(value):,.2f}"
    return text[:-3] if text.endswith(".00") else text


def _greedy_reason(step: GreedyStep, cost: Fraction, score: float) -> Reason:
    code = {"selected": "greedy-selected", "no-room": "greedy-no-room"}.get(step.status, step.status)
    return Reason(code, {"rank": step.position + 1, "cost": cost, "left": step.budget_left, "score": score})


def _mes_reason(
    outcome: Outcome, project_id: str, bought: MesPurchase | None, miss: MesMiss | None, votes: int
) -> Reason:
    if project_id in outcome.completed_by:
        return Reason("completion", {"step": outcome.completed_by[project_id]})
    if bought is not None:
        return Reason(
            "mes-bought", {"round": bought.round + 1, "votes": votes, "price": bought.price, "rho": bought.rho}
        )
    if votes == 0:
        return Reason("no-votes")
    if miss is None:
        return Reason("not-selected")
    if miss.last_round < 0 or miss.price is None or miss.rho is None:
        return Reason("mes-unaffordable", {"left": miss.left})
    params = {"round": miss.last_round + 1, "price": miss.price, "rho": miss.rho, "beaten_by": miss.beaten_by}
    return Reason("mes-beaten", {**params, "left": miss.left})
