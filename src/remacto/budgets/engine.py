"""The bridge to :mod:`remacto.pb`: a campaign's ballot type and rule as the engine's vote type, META and
:class:`~remacto.pb.rules.RuleChoice`. Counts, exports and the rules page's worked example all go through here,
so a campaign is counted the same way wherever it is counted."""

from collections.abc import Sequence
from fractions import Fraction

from remacto.pb.model import Election
from remacto.pb.rules import RuleChoice
from remacto.pb.ties import TieBreaking

from .models import BallotType, Campaign, Comparison, Rule

VOTE_TYPES = {
    BallotType.APPROVAL: "approval",
    BallotType.KNAPSACK: "approval",
    BallotType.CUMULATIVE: "cumulative",
    BallotType.RANKED: "ordinal",
}
"""pabulib's vote type for each ballot type: a knapsack ballot is an approval ballot within the budget."""


def vote_type(campaign: Campaign) -> str:
    return VOTE_TYPES[BallotType(campaign.ballot_type)]


def file_rule(campaign: Campaign) -> str:
    """The rule as pabulib's META ``rule`` names it (``greedy``, ``equalshares/add1-comparison``...)."""
    if campaign.rule != Rule.MES:
        return campaign.rule
    name = "equalshares" if campaign.completion == "none" else f"equalshares/{campaign.completion}"
    return name + "-comparison" if campaign.comparison == Comparison.SATISFACTION else name


def meta(campaign: Campaign) -> dict[str, str]:
    """The META rows describing the campaign's ballot and rule (without description or counts)."""
    rows = {"budget": amount_text(campaign.budget), "vote_type": vote_type(campaign), "rule": file_rule(campaign)}
    if campaign.ballot_type == BallotType.KNAPSACK:
        rows["max_sum_cost"] = rows["budget"]
    if campaign.max_choices and campaign.ballot_type in (BallotType.APPROVAL, BallotType.RANKED):
        rows["max_length"] = str(campaign.max_choices)
    if campaign.min_choices > 1:
        rows["min_length"] = str(campaign.min_choices)
    if campaign.ballot_type == BallotType.CUMULATIVE and campaign.max_points:
        rows["max_sum_points"] = str(campaign.max_points)
    if campaign.threshold is not None:
        rows["min_project_score_threshold"] = amount_text(campaign.threshold)
    return rows


def rule_choice(campaign: Campaign) -> RuleChoice:
    """The engine's rule, completion, comparison step and tie-breaking for ``campaign``."""
    mes = campaign.rule == Rule.MES
    return RuleChoice(
        rule=campaign.rule,
        completion=campaign.completion if mes else None,
        comparison=campaign.comparison if mes else None,
        tie_breaking=TieBreaking.parse(campaign.tie_breaking),
    )


def election(
    campaign: Campaign,
    costs: dict[str, Fraction | int],
    ballots: Sequence[Sequence[str]],
    points: Sequence[Sequence[float]] | None = None,
    budget: Fraction | int | None = None,
) -> Election:
    """An in-memory election with the campaign's META, from project codes, costs and ballots."""
    rows = meta(campaign)
    if budget is not None:
        rows["budget"] = amount_text(budget)
    return Election.build(rows["budget"], costs, ballots, vote_type(campaign), points=points, meta=rows)


def amount_text(value) -> str:
    """A decimal amount as pabulib writes it: ``400000`` rather than ``400000.00`` (META and PROJECTS alike)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
