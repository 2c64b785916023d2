"""The outcome of a rule: the selected projects with everything needed to explain and audit them."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from remacto.pb.ties import Tie, TieBreaking


@dataclass(frozen=True)
class GreedyStep:
    """What greedy did when it reached a project: ``status`` is selected, no-room, below-threshold,
    no-votes or not-reached (greedy-no-skip stopped earlier)."""

    position: int
    budget_left: Fraction
    status: str


@dataclass(frozen=True)
class MesPurchase:
    """A project bought by MES in ``round``: each supporter paid at most ``price``; ``rho`` is the
    price per unit of utility that the rule minimises."""

    round: int
    price: float
    rho: float


@dataclass(frozen=True)
class MesMiss:
    """Why MES did not buy a project.

    ``last_round``/``price``/``rho``/``beaten_by``: the last round in which its supporters could
    still afford it, the per-supporter price it would have been bought at, and the project that
    won that round instead (``last_round`` is -1 if they never could). ``left``: the money its
    supporters had left once it became unaffordable, short of its cost.
    """

    last_round: int
    price: float | None
    rho: float | None
    beaten_by: str | None
    left: float


@dataclass(frozen=True)
class ComparisonResult:
    """How many voters prefer each outcome, and whether the greedy one was taken."""

    measure: str
    prefer_mes: int
    prefer_greedy: int

    @property
    def switched(self) -> bool:
        return self.prefer_greedy > self.prefer_mes


@dataclass
class Outcome:
    """Selected projects (ids, in the order the rule took them) and how the rule got there."""

    rule: str
    completion: str
    selected: list[str]
    budget: Fraction
    total_cost: Fraction
    tie_breaking: TieBreaking
    exact: bool = False
    ties: list[Tie] = field(default_factory=list)
    greedy_steps: dict[str, GreedyStep] = field(default_factory=dict)
    per_voter_budget: Fraction | float | None = None
    add1_steps: int = 0
    completed_by: dict[str, str] = field(default_factory=dict)
    """Projects added by a completion step rather than by the rule itself, with the step's name."""
    comparison: ComparisonResult | None = None
    """After MES with a comparison step: the voters' verdict (``switched``: the greedy outcome won)."""
    groups: dict[str, Outcome] = field(default_factory=dict)
    """With separate budgets per district or category: the outcome of each group."""
