"""The Method of Equal Shares (MES) for approval ballots, with its completions.

Every voter starts with an equal share ``e = budget / n`` of the money. A project ``c`` with cost
``C`` and supporters ``S`` is affordable while ``sum(b_i for i in S) >= C``; buying it at a
per-supporter price ``p`` charges each supporter ``min(b_i, p)``, with ``p`` the smallest value
such that these payments sum to ``C``. Each round MES buys the affordable project with the lowest
``rho = p / u``, where ``u`` is a supporter's utility for it: its cost (cost utilities, the default
and pabulib's ``equalshares``) or 1 (approval utilities). It stops when nothing is affordable.

Completions (MES alone often leaves money unspent):

* ``add1``: rerun MES with ``e + 1``, ``e + 2``, ... and keep the last outcome within the budget,
  stopping at the first outcome that is exhaustive (no supported project left that still fits),
  as pabutools and pabulib's ``equalshares/add1`` do;
* ``add1-continue``: same, but go on past exhaustive outcomes until an outcome exceeds the budget
  (or every supported project is selected);
* ``add1u``: ``add1`` followed by a utilitarian greedy top-up: remaining projects by decreasing
  utility per unit of cost (the vote count for cost utilities), each taken if it fits.

Computation is vectorised over groups of identical ballots. A project's ``rho`` never decreases
within a run (budgets only fall), so each round only re-evaluates projects whose previous ``rho`` is
below the best one found so far. In exact mode the same code runs on numpy object arrays of
``Fraction``; in float mode values within a relative ``1e-9`` are treated as equal (ties).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from remacto.pb.errors import require_known
from remacto.pb.model import Election
from remacto.pb.result import MesMiss, MesPurchase, Outcome
from remacto.pb.rules.approvals import GroupedApprovals, group_approvals
from remacto.pb.ties import Tie, TieBreaking

COMPLETIONS = ("none", "add1", "add1-continue", "add1u")
UTILITIES = ("cost", "approval")
FLOAT_TOLERANCE = 1e-9

Values = npt.NDArray[Any]
"""float64 values in float mode, ``Fraction`` objects in exact mode."""


@dataclass
class _Run:
    """One MES run at a fixed per-voter budget."""

    selected: list[int] = field(default_factory=list)
    cost: Fraction = Fraction(0)
    ties: list[tuple[int, list[int], int]] = field(default_factory=list)
    purchases: dict[int, MesPurchase] = field(default_factory=dict)
    misses: dict[int, MesMiss] = field(default_factory=dict)


class _Mes:
    """MES on one election: the grouped ballots, costs and utilities, ready for repeated runs."""

    def __init__(self, election: Election, utilities: str, exact: bool, tie_breaking: TieBreaking) -> None:
        require_known("utilities", utilities, UTILITIES)
        self.election = election
        self.utilities = utilities
        self.exact = exact
        self.profile: GroupedApprovals = group_approvals(election)
        self.rank = tie_breaking.rank(election).tolist()
        self.exact_costs = [p.cost for p in election.projects]
        if exact:
            self.costs: list[Any] = self.exact_costs
            self.weights: Values = np.array([int(w) for w in self.profile.weights], dtype=object)
            self.below: Any = Fraction(1)
            self.above: Any = Fraction(1)
        else:
            self.costs = [float(c) for c in self.exact_costs]
            self.weights = self.profile.weights.astype(np.float64)
            self.below = 1 - FLOAT_TOLERANCE
            self.above = 1 + FLOAT_TOLERANCE
        one = Fraction(1) if exact else 1.0
        self.utility: list[Any] = list(self.costs) if utilities == "cost" else [one] * len(self.costs)
        self.support = self.profile.support.tolist()
        self.group_weights = [self.weights[self.profile.of(c)] for c in range(len(self.costs))]
        self.supported = [c for c in range(len(self.costs)) if self.support[c] > 0]

    def start_budget(self) -> Fraction | float:
        e = self.election.budget / max(self.profile.n_voters, 1)
        return e if self.exact else float(e)

    def run(self, per_voter: Any, limit: Fraction | None = None, trace: bool = False) -> _Run:
        """MES with ``per_voter`` money each; stops early once the cost passes ``limit``.

        With ``trace``, every affordable project is evaluated every round (instead of only those
        that can still win) so that ``misses`` says why each unselected project lost.
        """
        out = _Run()
        budgets: Values = np.full(len(self.weights), per_voter, dtype=object if self.exact else np.float64)
        bound: dict[int, Any] = {}
        active: list[int] = []
        for c in self.supported:
            if self.costs[c] == 0:
                out.selected.append(c)
            else:
                bound[c] = self.costs[c] / (self.utility[c] * self.support[c])
                active.append(c)
        last_offer: dict[int, tuple[int, Any, Any, int]] = {}
        while True:
            best: Any = None
            tied: list[int] = []
            offers: dict[int, Any] = {}
            active.sort(key=lambda c: (bound[c], self.rank[c]))
            for c in list(active):
                if best is not None and not trace and bound[c] > best * self.above:
                    break
                group = self.profile.of(c)
                held = budgets[group]
                available = (held * self.group_weights[c]).sum()
                if available < self.costs[c] * self.below:
                    active.remove(c)
                    self._record_miss(out, c, last_offer.get(c), available)
                    continue
                price = self._price(held, self.group_weights[c], self.costs[c], self.support[c])
                rho = price / self.utility[c]
                bound[c] = rho
                offers[c] = price
                if best is None or rho < best * self.below:
                    best, tied = rho, [c]
                elif rho <= best * self.above:
                    tied.append(c)
            if not tied:
                return out
            chosen = min(tied, key=lambda c: self.rank[c])
            step = len(out.selected)
            if len(tied) > 1:
                out.ties.append((step, sorted(tied, key=lambda c: self.rank[c]), chosen))
            if trace:
                for c, price in offers.items():
                    if c != chosen:
                        last_offer[c] = (step, price, bound[c], chosen)
            group = self.profile.of(chosen)
            held = budgets[group]
            budgets[group] = held - np.minimum(held, offers[chosen])
            active.remove(chosen)
            out.selected.append(chosen)
            out.purchases[chosen] = MesPurchase(step, float(offers[chosen]), float(bound[chosen]))
            out.cost += self.exact_costs[chosen]
            if limit is not None and out.cost > limit:
                return out

    def _record_miss(self, out: _Run, c: int, offer: tuple[int, Any, Any, int] | None, left: Any) -> None:
        if offer is None:
            out.misses[c] = MesMiss(-1, None, None, None, float(left))
        else:
            step, price, rho, winner = offer
            winner_id = self.election.projects[winner].id
            out.misses[c] = MesMiss(step, float(price), float(rho), winner_id, float(left))

    def _price(self, held: Values, weights: Values, cost: Any, support: int) -> Any:
        """The smallest per-supporter cap ``p`` with ``sum(weights * min(held, p)) == cost``."""
        equal_share = cost / support
        if held.min() >= equal_share:
            return equal_share
        order = np.argsort(held, kind="stable")
        held, weights = held[order], weights[order]
        paid_by_poorer = np.cumsum(held * weights) - held * weights
        weight_from_here = support - (np.cumsum(weights) - weights)
        caps = (cost - paid_by_poorer) / weight_from_here
        fits = np.flatnonzero(caps <= held * self.above)
        return caps[fits[0]] if len(fits) else held[-1]

    def is_exhaustive(self, selected: list[int]) -> bool:
        """Whether no unselected supported project fits in what the selection leaves of the budget."""
        left = self.election.budget - sum((self.exact_costs[c] for c in selected), Fraction(0))
        chosen = set(selected)
        return all(self.exact_costs[c] > left for c in self.supported if c not in chosen)


def mes(
    election: Election,
    completion: str = "none",
    utilities: str = "cost",
    exact: bool = False,
    tie_breaking: TieBreaking | None = None,
    trace: bool = False,
) -> tuple[Outcome, dict[int, MesPurchase], dict[int, MesMiss]]:
    """Run MES with ``completion``; also return, per project index, why it was or was not bought
    (filled in only with ``trace``, for the final run)."""
    require_known("completion", completion, COMPLETIONS)
    tie_breaking = tie_breaking or TieBreaking()
    engine = _Mes(election, utilities, exact, tie_breaking)
    per_voter = engine.start_budget()
    best = engine.run(per_voter)
    steps = 0
    if completion != "none":
        while not _should_stop(engine, best, completion):
            candidate = engine.run(per_voter + 1, limit=election.budget)
            if candidate.cost > election.budget:
                break
            per_voter, best, steps = per_voter + 1, candidate, steps + 1
    if trace:
        best = engine.run(per_voter, trace=True)
    selected = list(best.selected)
    completed_by: dict[str, str] = {}
    if completion == "add1u":
        for c in _utilitarian_top_up(engine, selected):
            selected.append(c)
            completed_by[election.projects[c].id] = "utilitarian greedy top-up"
    ids = [p.id for p in election.projects]
    outcome = Outcome(
        rule="mes",
        completion=completion,
        selected=[ids[c] for c in selected],
        budget=election.budget,
        total_cost=sum((engine.exact_costs[c] for c in selected), Fraction(0)),
        tie_breaking=tie_breaking,
        exact=exact,
        ties=[Tie(step, tuple(ids[c] for c in tied), ids[chosen]) for step, tied, chosen in best.ties],
        per_voter_budget=per_voter,
        add1_steps=steps,
        completed_by=completed_by,
    )
    return outcome, best.purchases, best.misses


def _should_stop(engine: _Mes, run: _Run, completion: str) -> bool:
    if completion == "add1-continue":
        return len(run.selected) == len(engine.supported)
    return engine.is_exhaustive(run.selected)


def _utilitarian_top_up(engine: _Mes, selected: list[int]) -> list[int]:
    """Unselected supported projects by decreasing total utility per unit of cost, each if it fits."""
    left = engine.election.budget - sum((engine.exact_costs[c] for c in selected), Fraction(0))
    chosen = set(selected)

    def value(c: int) -> Fraction:
        votes = Fraction(engine.support[c])
        return votes if engine.utilities == "cost" else votes / engine.exact_costs[c]

    added = []
    candidates = [c for c in engine.supported if c not in chosen]
    for c in sorted(candidates, key=lambda c: (-value(c), engine.rank[c])):
        if engine.exact_costs[c] <= left:
            added.append(c)
            left -= engine.exact_costs[c]
    return added
