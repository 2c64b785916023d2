"""Response schemas of the co-creation API: programmes, ideas (public fields only) and projects.

Translated content comes with every language it is written in (``title_ar``, ``title_fr``…), empty when not
translated. Resolvers read only what the endpoints select or prefetch.
"""

import datetime
from decimal import Decimal

from ninja import Field, Schema

CENTIMES = Decimal("0.01")


def _text(obj, field: str) -> str:
    return getattr(obj, field, "") or ""


def _mad(value) -> Decimal:
    """An amount in dirhams with its two decimals, whatever the database's sum gave back."""
    return Decimal(value or 0).quantize(CENTIMES)


class TranslatedTitle(Schema):
    title_ar: str
    title_fr: str
    title_en: str
    title_zgh: str

    @staticmethod
    def resolve_title_ar(obj) -> str:
        return _text(obj, "title_ar")

    @staticmethod
    def resolve_title_fr(obj) -> str:
        return _text(obj, "title_fr")

    @staticmethod
    def resolve_title_en(obj) -> str:
        return _text(obj, "title_en")

    @staticmethod
    def resolve_title_zgh(obj) -> str:
        return _text(obj, "title_zgh")


class ProgrammeOut(TranslatedTitle):
    id: int
    collectivity: str
    cycle: str
    phase: str
    implementation_start: datetime.date | None
    implementation_end: datetime.date | None
    url: str

    @staticmethod
    def resolve_collectivity(obj) -> str:
        return obj.collectivity.slug

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class PhaseDatesOut(Schema):
    phase: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None


class AxisOut(TranslatedTitle):
    id: int
    order: int
    principles: list[str]
    idea_count: int
    project_count: int
    budget_total_mad: Decimal

    @staticmethod
    def resolve_principles(obj) -> list[str]:
        return [str(p.value) for p in obj.principles]

    @staticmethod
    def resolve_budget_total_mad(obj) -> Decimal:
        return _mad(obj.budget_total)


class AdoptionOut(Schema):
    session_date: datetime.date
    deliberation_number: str
    votes_for: int
    votes_against: int
    votes_abstain: int


class ProgrammeDetailOut(ProgrammeOut):
    description_ar: str
    description_fr: str
    phases: list[PhaseDatesOut]
    axes: list[AxisOut]
    budget_total_mad: Decimal
    adoption: AdoptionOut | None

    @staticmethod
    def resolve_description_ar(obj) -> str:
        return _text(obj, "description_ar")

    @staticmethod
    def resolve_description_fr(obj) -> str:
        return _text(obj, "description_fr")

    @staticmethod
    def resolve_phases(obj) -> list:
        return list(obj.phase_dates.all())

    @staticmethod
    def resolve_axes(obj) -> list:
        return obj.axis_list

    @staticmethod
    def resolve_budget_total_mad(obj) -> Decimal:
        return _mad(sum((axis.budget_total or Decimal(0) for axis in obj.axis_list), Decimal(0)))

    @staticmethod
    def resolve_adoption(obj):
        return obj.adoption_or_none


class IdeaOut(Schema):
    """An idea's public fields: never its author, the person who typed it in, or its place."""

    id: int
    programme_id: int
    axis_id: int | None
    title: str
    problem: str
    solution: str
    expected_impact: str
    channel: str
    workshop_id: int | None
    status: str
    decision: str | None
    reason: str | None
    merged_into: int | None
    support_count: int
    comment_count: int
    created: datetime.date
    url: str

    @staticmethod
    def resolve_decision(obj) -> str | None:
        decision = getattr(obj, "decision", None)
        return decision.decision if decision else None

    @staticmethod
    def resolve_reason(obj) -> str | None:
        decision = getattr(obj, "decision", None)
        return decision.reason if decision else None

    @staticmethod
    def resolve_merged_into(obj) -> int | None:
        decision = getattr(obj, "decision", None)
        return decision.merged_into_id if decision else None

    @staticmethod
    def resolve_created(obj) -> datetime.date:
        return obj.created_at.date()

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class IdeaDetailOut(IdeaOut):
    project_ids: list[int]

    @staticmethod
    def resolve_project_ids(obj) -> list[int]:
        return [project.pk for project in obj.projects.all()]


class ActivityOut(Schema):
    order: int
    title: str
    target_groups: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None


class IndicatorOut(Schema):
    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None


class ProjectOut(TranslatedTitle):
    id: int
    programme_id: int
    axis_id: int
    order: int
    problem: str
    solution: str
    principles: list[str]
    budget_mad: Decimal
    budget_to_estimate: bool = Field(description="true while the project has no budget figure yet (budget_mad is 0)")
    funding_source: str
    expected_results: list[str]
    responsible_unit: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    status: str
    progress: int
    support_count: int
    comment_count: int
    url: str

    @staticmethod
    def resolve_principles(obj) -> list[str]:
        return [str(p.value) for p in obj.principles]

    @staticmethod
    def resolve_budget_mad(obj) -> Decimal:
        return _mad(obj.budget)

    @staticmethod
    def resolve_expected_results(obj) -> list[str]:
        flags = {"trust": obj.result_trust, "civil_society": obj.result_civil_society, "services": obj.result_services}
        return [name for name, on in flags.items() if on]

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class ProjectDetailOut(ProjectOut):
    activities: list[ActivityOut]
    indicators: list[IndicatorOut]
    source_idea_ids: list[int]

    @staticmethod
    def resolve_activities(obj) -> list:
        return list(obj.activities.all())

    @staticmethod
    def resolve_indicators(obj) -> list:
        return list(obj.indicators.all())

    @staticmethod
    def resolve_source_idea_ids(obj) -> list[int]:
        return [idea.pk for idea in obj.source_ideas.all()]
