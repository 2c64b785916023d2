"""Response schemas of the monitoring API: public fields only, never the person who posted, entered or observed."""

import datetime
from decimal import Decimal

from ninja import Schema

from remacto.monitoring.models import ActivityStatus, CitizenAnswer, SpendingLine
from remacto.monitoring.selectors.opendata import average, criterion_averages, project_code

from .schemas import choices_enum

SpendingKind = choices_enum("SpendingKind", SpendingLine.Kind)
ActivityStatusValue = choices_enum("ActivityStatusValue", ActivityStatus.Status)
Usefulness = choices_enum("Usefulness", CitizenAnswer.Usefulness)


class ProgressUpdateOut(Schema):
    id: int
    project_id: int
    project_code: str
    project_order: int
    reported_on: datetime.date
    progress: int
    narrative: str

    @staticmethod
    def resolve_project_code(obj) -> str:
        return project_code(obj.project)

    @staticmethod
    def resolve_project_order(obj) -> int:
        return obj.project.order


class SpendingLineOut(Schema):
    id: int
    project_id: int
    project_code: str
    kind: SpendingKind  # type: ignore[valid-type]
    amount_mad: Decimal
    spent_on: datetime.date
    reference: str
    label: str

    @staticmethod
    def resolve_project_code(obj) -> str:
        return project_code(obj.project)

    @staticmethod
    def resolve_amount_mad(obj) -> Decimal:
        return obj.amount


class IndicatorValueOut(Schema):
    id: int
    project_id: int
    project_code: str
    indicator_id: int
    indicator: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    measured_on: datetime.date
    value: Decimal

    @staticmethod
    def resolve_project_id(obj) -> int:
        return obj.indicator.project_id

    @staticmethod
    def resolve_project_code(obj) -> str:
        return project_code(obj.indicator.project)

    @staticmethod
    def resolve_indicator(obj) -> str:
        return obj.indicator.name

    @staticmethod
    def resolve_unit(obj) -> str:
        return obj.indicator.unit

    @staticmethod
    def resolve_baseline(obj) -> Decimal | None:
        return obj.indicator.baseline

    @staticmethod
    def resolve_target(obj) -> Decimal | None:
        return obj.indicator.target


class ObservationOut(Schema):
    """A visible observation and its public answer; never its author, nor the coordinates of where it was made."""

    id: int
    project_id: int
    text: str
    place: str
    created: datetime.date
    answer: str
    answered_on: datetime.date | None
    comment_count: int

    @staticmethod
    def resolve_created(obj) -> datetime.date:
        return obj.created_at.date()

    @staticmethod
    def resolve_answered_on(obj) -> datetime.date | None:
        return obj.answered_at.date() if obj.answered_at else None


class UsefulCounts(Schema):
    yes: int
    partly: int
    no: int


class CriterionAverageOut(Schema):
    criterion: str
    average: float | None
    count: int


class EvaluationOut(Schema):
    """A published evaluation with its aggregates: the citizens' answers and the committee's scores per criterion
    (never who answered or scored)."""

    id: int
    project_id: int | None
    opens_on: datetime.date
    closes_on: datetime.date
    summary: str
    published_at: datetime.datetime
    answer_count: int
    satisfaction_average: float | None
    informed_average: float | None
    useful: UsefulCounts
    scorecard_count: int
    criteria: list[CriterionAverageOut]

    @staticmethod
    def resolve_satisfaction_average(obj) -> float | None:
        return average(obj.satisfaction_total, obj.answer_count)

    @staticmethod
    def resolve_informed_average(obj) -> float | None:
        return average(obj.informed_total, obj.answer_count)

    @staticmethod
    def resolve_useful(obj) -> dict:
        return {"yes": obj.useful_yes, "partly": obj.useful_partly, "no": obj.useful_no}

    @staticmethod
    def resolve_scorecard_count(obj) -> int:
        return len(obj.scorecards.all())

    @staticmethod
    def resolve_criteria(obj) -> list[dict]:
        return criterion_averages(obj)
