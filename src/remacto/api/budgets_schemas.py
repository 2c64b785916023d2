"""Response schemas of the participatory-budget API: campaigns, their ballot and rule, projects, published results.

Amounts are in the campaign's currency (dirhams, or the currency of an imported pabulib file) with two decimals.
Resolvers read only what the endpoints select or prefetch.
"""

import datetime
from decimal import Decimal

from ninja import Schema

from remacto.budgets.models import BallotType, CampaignPhase, Comparison, Completion, District, Proposal, Rule

from .cocreation_schemas import TranslatedTitle, _mad
from .schemas import choices_enum

BallotTypeValue = choices_enum("BallotType", BallotType)
RuleValue = choices_enum("CountingRule", Rule)
CompletionValue = choices_enum("Completion", Completion)
ComparisonValue = choices_enum("ComparisonStep", Comparison)
CampaignPhaseValue = choices_enum("CampaignPhase", CampaignPhase)
DistrictKind = choices_enum("DistrictKind", District.Kind)
ProposalStatus = choices_enum("BudgetProposalStatus", Proposal.Status)


class CampaignOut(TranslatedTitle):
    id: int
    collectivity: str
    title: str
    budget: Decimal
    ballot_type: BallotTypeValue  # type: ignore[valid-type]
    rule: RuleValue  # type: ignore[valid-type]
    completion: CompletionValue  # type: ignore[valid-type]
    phase: CampaignPhaseValue  # type: ignore[valid-type]
    voting_start: datetime.datetime
    voting_end: datetime.datetime
    results_published_at: datetime.datetime | None
    source: str
    url: str

    @staticmethod
    def resolve_collectivity(obj) -> str:
        return obj.collectivity.slug

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.title or ""

    @staticmethod
    def resolve_budget(obj) -> Decimal:
        return _mad(obj.budget)

    @staticmethod
    def resolve_phase(obj) -> str:
        return obj.phase

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class PhaseOut(Schema):
    phase: CampaignPhaseValue  # type: ignore[valid-type]
    start: datetime.datetime | None
    end: datetime.datetime | None
    state: str


class DistrictOut(Schema):
    id: int
    kind: DistrictKind  # type: ignore[valid-type]
    name: str
    budget: Decimal

    @staticmethod
    def resolve_budget(obj) -> Decimal:
        return _mad(obj.budget)


class CampaignProjectOut(Schema):
    """A project on the ballot: its public code (the ``project_id`` of the pabulib export), title and cost."""

    code: str
    title: str
    cost: Decimal
    status: ProposalStatus  # type: ignore[valid-type]
    district_id: int | None

    @staticmethod
    def resolve_cost(obj) -> Decimal:
        return _mad(obj.cost)


class CampaignDetailOut(CampaignOut):
    description: str
    comparison: ComparisonValue  # type: ignore[valid-type]
    threshold: Decimal | None
    tie_breaking: str
    min_choices: int
    max_choices: int | None
    max_points: int | None
    rules_locked_at: datetime.datetime | None
    proposals_start: datetime.datetime | None
    proposals_end: datetime.datetime | None
    review_end: datetime.datetime | None
    appeals_end: datetime.datetime | None
    phases: list[PhaseOut]
    districts: list[DistrictOut]
    projects: list[CampaignProjectOut]

    @staticmethod
    def resolve_description(obj) -> str:
        return obj.description or ""

    @staticmethod
    def resolve_phases(obj) -> list:
        return obj.calendar

    @staticmethod
    def resolve_districts(obj) -> list:
        return obj.district_list

    @staticmethod
    def resolve_projects(obj) -> list:
        return obj.project_list


class ResultProjectOut(Schema):
    code: str
    title: str
    cost: Decimal
    district_id: int | None
    votes: int
    score: float
    selected: bool
    reason: str

    @staticmethod
    def resolve_cost(obj) -> Decimal:
        return _mad(obj["cost"])

    @staticmethod
    def resolve_district_id(obj) -> int | None:
        return obj.get("district")

    @staticmethod
    def resolve_reason(obj) -> str:
        return (obj.get("reason") or {}).get("code", "")


class ResultsOut(Schema):
    """The published count: ``selected`` lists the codes of the selected projects in the order the rule took them."""

    campaign_id: int
    published_at: datetime.datetime
    rule: str
    completion: str
    tie_breaking: str
    budget: Decimal
    total_cost: Decimal
    selected: list[str]
    voters: int
    ballots: int
    voters_with_selected_share: float
    projects: list[ResultProjectOut]

    @staticmethod
    def resolve_budget(obj) -> Decimal:
        return _mad(obj.budget)

    @staticmethod
    def resolve_total_cost(obj) -> Decimal:
        return _mad(obj.total_cost)
