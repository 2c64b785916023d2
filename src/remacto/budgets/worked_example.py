"""A small made-up vote counted by the campaign's own rule, for the rules page.

Five projects, six voters and a budget of 100,000 MAD: small enough to follow by hand, big enough that the
rule's choices show (a popular project that does not fit, a cheaper one taken after it...). The ballots are
shaped to the campaign's ballot type, and the count runs through :mod:`remacto.pb` exactly as a real count does.
"""

from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from remacto.pb.explain import explain

from . import engine
from .explanations import sentence
from .models import BallotType, Campaign

BUDGET = 100_000
PROJECTS = {
    "A": (_("Lighting for the main street"), 60_000),
    "B": (_("A playground"), 50_000),
    "C": (_("Benches and shade in the park"), 30_000),
    "D": (_("Literacy classes for women"), 20_000),
    "E": (_("A mural by young artists"), 10_000),
}
APPROVALS = [["A", "C"], ["A", "E"], ["A", "D"], ["B", "D", "E"], ["B", "C"], ["D", "E"]]
"""Who approves what, in order of preference; each ballot fits the budget, as knapsack ballots must. Every
ballot type is derived from these."""

THRESHOLD = 3
"""The minimum score in the example when the campaign's rule has one (its real threshold suits real numbers)."""


@dataclass(frozen=True)
class ExampleRow:
    code: str
    title: str
    cost: int
    votes: int
    score: float
    selected: bool
    reason: str


@dataclass(frozen=True)
class Example:
    budget: int
    ballots: list[list[tuple[str, int]]]
    rows: list[ExampleRow]
    total_cost: int
    threshold: int | None


def example(campaign: Campaign) -> Example:
    """Count the example with ``campaign``'s ballot type and rule; rows in project order with their reasons."""
    ballots = [list(b) for b in APPROVALS]
    points = None
    if campaign.ballot_type == BallotType.CUMULATIVE:
        points = [[float(len(b) - i) for i in range(len(b))] for b in ballots]
    costs = {code: Fraction(cost) for code, (_title, cost) in PROJECTS.items()}
    election = engine.election(campaign, costs, ballots, points, budget=BUDGET)
    if "min_project_score_threshold" in election.meta:
        election.meta["min_project_score_threshold"] = str(THRESHOLD)
    counted = explain(election, engine.rule_choice(campaign))
    names = {code: str(title) for code, (title, _cost) in PROJECTS.items()}
    rows = [
        ExampleRow(p.id, names[p.id], int(p.cost), p.votes, p.score, p.selected, sentence(p.why, names))
        for p in counted.projects
    ]
    shown = [[(code, int(points[v][i]) if points else 1) for i, code in enumerate(b)] for v, b in enumerate(ballots)]
    threshold = THRESHOLD if "min_project_score_threshold" in election.meta else None
    return Example(BUDGET, shown, rows, int(counted.summary.total_cost), threshold)
