"""The Method of Equal Shares (MES), with its completions.

Every voter starts with an equal share ``e = budget / n`` of the money. Voter ``i`` gets utility
``u_ic = s_ic * f_c`` from project ``c``: ``s_ic`` is the score the ballot gives it (1 on approval
ballots, the points on cumulative and scoring ballots, the positional points on ordinal ones) and
``f_c`` is its cost (cost utilities, the default on approval ballots and pabulib's
``equalshares``) or 1 (``approval`` or ``points`` utilities: the score itself). A project ``c`` with
cost ``C`` is affordable while its supporters hold at least ``C`` together; buying it at a price
``rho`` per unit of utility charges each supporter ``min(b_i, rho * u_ic)``, with ``rho`` the
smallest value making these payments sum to ``C``. Each round MES buys the affordable project with
the lowest ``rho``; it stops when nothing is affordable.

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
below the best one found so far. Add1 does not recount from scratch: a run stays identical at every
higher per-voter budget for as long as it buys projects in the order of their lowest possible
``rho`` (the equal split of their cost) with every supporter paying that equal split, since more
money changes nothing there. The next run starts after that common beginning, with the payments
already made. In exact mode the same code runs on numpy object arrays of ``Fraction``; in float
mode values within a relative ``1e-9`` are treated as equal (ties).
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from remacto.pb.errors import require_known
from remacto.pb.model import Election
from remacto.pb.result import MesMiss, MesPurchase, Outcome
from remacto.pb.rules.grouping import APPROVAL_VOTE_TYPES, GroupedBallots, group_ballots
from remacto.pb.tally import score_threshold, scores
from remacto.pb.ties import Tie, TieBreaking

COMPLETIONS = ("none", "add1", "add1-continue", "add1u")
UTILITIES = ("cost", "approval", "points")
FLOAT_TOLERANCE = 1e-9

Values = npt.NDArray[Any]
"""float64 values in float mode, ``Fraction`` objects in exact mode."""


def default_utilities(election: Election) -> str:
    """Cost utilities on approval ballots (as pabulib's ``equalshares``), the points on others."""
    return "cost" if election.vote_type in APPROVAL_VOTE_TYPES else "points"


@dataclass
class _Run:
    """One MES run at a fixed per-voter budget (``cost`` in units of ``1 / _Mes.scale``)."""

    selected: list[int] = field(default_factory=list)
    cost: int = 0
    ties: list[tuple[int, list[int], int]] = field(default_factory=list)
    purchases: dict[int, MesPurchase] = field(default_factory=dict)
    misses: dict[int, MesMiss] = field(default_factory=dict)


@dataclass
class _Prefix:
    """The beginning a run shares with every run at a higher per-voter budget: the projects bought
    (and ties met) so far and what each group of voters has paid for them."""

    run: _Run
    paid: Values


class _Mes:
    """MES on one election: the grouped ballots, costs and utilities, ready for repeated runs."""

    def __init__(self, election: Election, utilities: str, exact: bool, tie_breaking: TieBreaking) -> None:
        require_known("utilities", utilities, UTILITIES)
        self.election = election
        self.utilities = utilities
        self.exact = exact
        self.profile: GroupedBallots = group_ballots(election)
        self.rank = tie_breaking.rank(election).tolist()
        self.exact_costs = [p.cost for p in election.projects]
        # Costs as integers (in units of 1 / scale) so that adding them up stays exact and fast.
        self.scale = math.lcm(election.budget.denominator, *(c.denominator for c in self.exact_costs))
        self.scaled_costs = [int(c * self.scale) for c in self.exact_costs]
        n_projects = len(self.exact_costs)
        profile = self.profile
        if exact:
            self.costs: list[Any] = self.exact_costs
            self.weights: Values = np.array([int(w) for w in profile.weights], dtype=object)
            self.below: Any = Fraction(1)
            self.above: Any = Fraction(1)
        else:
            self.costs = [float(c) for c in self.exact_costs]
            self.weights = profile.weights.astype(np.float64)
            self.below = 1 - FLOAT_TOLERANCE
            self.above = 1 + FLOAT_TOLERANCE
        one = Fraction(1) if exact else 1.0
        self.factor: list[Any] = list(self.costs) if utilities == "cost" else [one] * n_projects
        self.support = profile.support.tolist()
        self.groups = [profile.of(c) for c in range(n_projects)]
        self.group_weights = [self.weights[group] for group in self.groups]
        self.scores: list[Values | None] = []
        self.score_weights: list[Values] = []
        for c in range(n_projects):
            given = profile.scores_of(c)
            score = None if given is None else self._values(given)
            self.scores.append(score)
            self.score_weights.append(self.group_weights[c] if score is None else self.group_weights[c] * score)
        self.total_score: list[Any] = [w.sum() if len(w) else one * 0 for w in self.score_weights]
        threshold = score_threshold(election)
        tally = scores(election).tolist()
        self.supported = [
            c for c in range(n_projects) if self.support[c] > 0 and (threshold is None or tally[c] >= threshold)
        ]
        self.lowest_rho = {
            c: self.costs[c] / (self.factor[c] * self.total_score[c]) for c in self.supported if self.costs[c] != 0
        }
        self.static_order = sorted(self.lowest_rho, key=lambda c: (self.lowest_rho[c], self.rank[c]))
        self.prefix: _Prefix | None = None

    def _values(self, numbers: npt.NDArray[np.float64]) -> Values:
        """``numbers`` in the run's arithmetic: floats, or exact fractions in exact mode."""
        if self.exact:
            return np.array([Fraction(x) for x in numbers.tolist()], dtype=object)
        return numbers.astype(np.float64)

    def start_budget(self) -> Fraction | float:
        e = self.election.budget / max(self.profile.n_voters, 1)
        return e if self.exact else float(e)

    def run(self, per_voter: Any, limit: Fraction | None = None, trace: bool = False) -> _Run:
        """MES with ``per_voter`` money each; stops early once the cost passes ``limit``.

        Without ``trace`` the run resumes after the beginning that previous runs at lower budgets
        share with it (see the module docstring), and extends that beginning for the next run.
        With ``trace``, the run starts from scratch and every affordable project is evaluated
        every round (instead of only those that can still win) so that ``misses`` says why each
        unselected project lost.
        """
        dtype = object if self.exact else np.float64
        prefix = None if trace else self.prefix
        if prefix is None:
            out = _Run(selected=[c for c in self.supported if self.costs[c] == 0])
            paid: Values = np.zeros(len(self.weights), dtype=dtype)
            if self.exact:
                paid[:] = Fraction(0)
        else:
            base = prefix.run
            out = _Run(list(base.selected), base.cost, list(base.ties), dict(base.purchases))
            paid = prefix.paid.copy()
        budgets: Values = np.full(len(self.weights), per_voter, dtype=dtype) - paid
        chosen_set = set(out.selected)
        # Candidates by (lower bound on rho, tie rank); a bound is the rho last computed (rho never falls).
        heap = [(self.lowest_rho[c], self.rank[c], c) for c in self.static_order if c not in chosen_set]
        next_static = [c for _, _, c in heap]
        shared = not trace
        scaled_limit = None if limit is None else limit * self.scale
        last_offer: dict[int, tuple[int, Any, Any, int]] = {}
        while True:
            best: Any = None
            tied: list[int] = []
            offers: dict[int, tuple[Any, Any, bool]] = {}
            while heap and (trace or best is None or heap[0][0] <= best * self.above):
                _, _, c = heapq.heappop(heap)
                held = budgets[self.groups[c]]
                available = (held * self.group_weights[c]).sum()
                if available < self.costs[c] * self.below:
                    if trace:
                        self._record_miss(out, c, last_offer.get(c), available)
                    continue
                score = self.scores[c]
                price, equal_split = self._price(
                    held if score is None else held / score, self.score_weights[c], self.costs[c], self.total_score[c]
                )
                rho = price / self.factor[c]
                offers[c] = (price, rho, equal_split)
                if best is None or rho < best * self.below:
                    best, tied = rho, [c]
                elif rho <= best * self.above:
                    tied.append(c)
            if not tied:
                return out
            chosen = min(tied, key=lambda c: self.rank[c])
            for c, (_, rho, _) in offers.items():
                if c != chosen:
                    heapq.heappush(heap, (rho, self.rank[c], c))
            step = len(out.selected)
            if len(tied) > 1:
                out.ties.append((step, sorted(tied, key=lambda c: self.rank[c]), chosen))
            if trace:
                for c, (price, rho, _) in offers.items():
                    if c != chosen:
                        last_offer[c] = (step, price, rho, chosen)
            price, rho, equal_split = offers[chosen]
            group = self.groups[chosen]
            held = budgets[group]
            score = self.scores[chosen]
            payment = np.minimum(held, price if score is None else price * score)
            budgets[group] = held - payment
            paid[group] += payment
            out.selected.append(chosen)
            out.purchases[chosen] = MesPurchase(step, float(price), float(rho))
            out.cost += self.scaled_costs[chosen]
            shared = shared and self._stays_shared(chosen, equal_split, next_static)
            if shared:
                self.prefix = _Prefix(
                    _Run(list(out.selected), out.cost, list(out.ties), dict(out.purchases)), paid.copy()
                )
            if scaled_limit is not None and out.cost > scaled_limit:
                return out

    def _stays_shared(self, chosen: int, equal_split: bool, next_static: list[int]) -> bool:
        """Whether buying ``chosen`` now happens at every higher per-voter budget too: every supporter
        paid the equal split, and no other project could have a lower ``rho`` (or win the tie)."""
        if not equal_split or not next_static or next_static[0] != chosen:
            return False
        next_static.pop(0)
        if not next_static:
            return True
        runner_up = next_static[0]
        rho = self.lowest_rho[chosen]
        return bool(self.lowest_rho[runner_up] > rho * self.above or self.rank[runner_up] > self.rank[chosen])

    def _record_miss(self, out: _Run, c: int, offer: tuple[int, Any, Any, int] | None, left: Any) -> None:
        if offer is None:
            out.misses[c] = MesMiss(-1, None, None, None, float(left))
        else:
            step, price, rho, winner = offer
            winner_id = self.election.projects[winner].id
            out.misses[c] = MesMiss(step, float(price), float(rho), winner_id, float(left))

    def _price(self, held: Values, weights: Values, cost: Any, total: Any) -> tuple[Any, bool]:
        """The smallest cap ``p`` with ``sum(weights * min(held, p)) == cost`` (``held``: each
        supporter's money per unit of score, ``weights``: voters times score), and whether every
        supporter can pay it in full (then it is the equal split ``cost / total``).

        Water filling: supporters who cannot pay the current cap pay all they hold and the others
        share the rest equally; the cap only rises, and it is found once nobody else falls short
        (a few passes; each is one vectorised comparison)."""
        price = cost / total
        short = held < price * self.below
        if not short.any():
            return price, True
        while not short.all():
            price = (cost - (held * weights)[short].sum()) / (total - weights[short].sum())
            now_short = held < price * self.below
            if (now_short == short).all():
                return price, False
            short = now_short
        return held.max(), False  # everybody pays all they hold (possible within the float tolerance)

    def is_exhaustive(self, selected: list[int]) -> bool:
        """Whether no unselected supported project fits in what the selection leaves of the budget."""
        left = self.election.budget - sum((self.exact_costs[c] for c in selected), Fraction(0))
        chosen = set(selected)
        return all(self.exact_costs[c] > left for c in self.supported if c not in chosen)


def mes(
    election: Election,
    completion: str = "none",
    utilities: str | None = None,
    exact: bool = False,
    tie_breaking: TieBreaking | None = None,
    trace: bool = False,
) -> tuple[Outcome, dict[int, MesPurchase], dict[int, MesMiss]]:
    """Run MES with ``completion``; also return, per project index, why it was or was not bought
    (filled in only with ``trace``, for the final run)."""
    require_known("completion", completion, COMPLETIONS)
    tie_breaking = tie_breaking or TieBreaking()
    utilities = utilities or default_utilities(election)
    engine = _Mes(election, utilities, exact, tie_breaking)
    per_voter = engine.start_budget()
    best = engine.run(per_voter)
    steps = 0
    if completion != "none":
        while not _should_stop(engine, best, completion):
            candidate = engine.run(per_voter + 1, limit=election.budget)
            if candidate.cost > election.budget * engine.scale:
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
        total = Fraction(engine.total_score[c])
        return total if engine.utilities == "cost" else total / engine.exact_costs[c]

    added = []
    candidates = [c for c in engine.supported if c not in chosen]
    for c in sorted(candidates, key=lambda c: (-value(c), engine.rank[c])):
        if engine.exact_costs[c] <= left:
            added.append(c)
            left -= engine.exact_costs[c]
    return added
