"""Separate budgets per district or category: split an election by a PROJECTS column.

Each group gets the projects whose column holds its value, its own budget, and the voters who
voted for at least one of those projects (their ballots restricted to them). The rule runs on each
group alone; the merged outcome lists every group's winners and keeps the per-group outcomes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from fractions import Fraction

import numpy as np

from remacto.pb.errors import PBError
from remacto.pb.model import Ballots, Election, TextColumn
from remacto.pb.result import Outcome
from remacto.pb.rules import RuleChoice, compute


def split(election: Election, column: str, budgets: Mapping[str, Fraction]) -> dict[str, Election]:
    """One election per value of ``column``, with the budget ``budgets[value]``."""
    if column not in election.project_columns:
        raise PBError(f"the PROJECTS section has no {column!r} column", election.source)
    values = [p.fields[column].strip() for p in election.projects]
    parts = {}
    for value in dict.fromkeys(values):
        if value not in budgets:
            raise PBError(f"no budget given for {column} {value!r}", election.source)
        chosen = np.array([i for i, v in enumerate(values) if v == value], dtype=np.int64)
        parts[value] = _restrict(election, chosen, budgets[value])
    return parts


def _restrict(election: Election, chosen: np.typing.NDArray[np.int64], budget: Fraction) -> Election:
    ballots = election.ballots
    renumber = np.full(len(election.projects), -1, dtype=np.int64)
    renumber[chosen] = np.arange(len(chosen))
    keep = renumber[ballots.projects] >= 0
    per_voter = np.bincount(ballots.voter_of_entry()[keep], minlength=ballots.n_voters)
    voters = per_voter > 0
    offsets = np.zeros(int(voters.sum()) + 1, dtype=np.int64)
    np.cumsum(per_voter[voters], out=offsets[1:])
    restricted = Ballots(
        offsets=offsets,
        projects=renumber[ballots.projects[keep]].astype(np.int32),
        points=ballots.points[keep] if ballots.points is not None else None,
        voter_ids=TextColumn.of(ballots.voter_ids[voters]),
        columns={name: TextColumn.of(values[voters]) for name, values in ballots.columns.items()},
    )
    meta = {
        **election.meta,
        "budget": str(budget),
        "num_projects": str(len(chosen)),
        "num_votes": str(len(offsets) - 1),
    }
    return replace(election, meta=meta, projects=[election.projects[i] for i in chosen], ballots=restricted)


def compute_by_group(
    election: Election, column: str, budgets: Mapping[str, Fraction], choice: RuleChoice | None = None
) -> Outcome:
    """Run the rule separately on each group and merge the outcomes."""
    outcomes = {value: compute(part, choice) for value, part in split(election, column, budgets).items()}
    first = next(iter(outcomes.values()))
    return Outcome(
        rule=first.rule,
        completion=first.completion,
        selected=[pid for outcome in outcomes.values() for pid in outcome.selected],
        budget=sum((o.budget for o in outcomes.values()), Fraction(0)),
        total_cost=sum((o.total_cost for o in outcomes.values()), Fraction(0)),
        tie_breaking=first.tie_breaking,
        exact=first.exact,
        ties=[tie for outcome in outcomes.values() for tie in outcome.ties],
        groups=outcomes,
    )
