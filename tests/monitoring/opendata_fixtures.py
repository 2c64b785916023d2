"""A known implementation history for the open-data tests: updates, spending, indicator values, observations
(one hidden by moderation) and evaluations (one published, one not), posted by people whose names and emails must
never appear in an export."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from remacto.cocreation.models import Programme, Project
from remacto.monitoring.models import (
    ActivityStatus,
    CitizenAnswer,
    Evaluation,
    EvaluationCriterion,
    IndicatorValue,
    Observation,
    ProgressUpdate,
    Score,
    Scorecard,
    SpendingLine,
)

from ..conftest import make_user

AUTHOR_EMAIL, AUTHOR_NAME = "officer.private@example.ma", "Rachida Officer-Private"
RESIDENT_EMAIL, RESIDENT_NAME = "resident.private@example.ma", "Karim Resident-Private"
HIDDEN_TEXT = "HIDDEN-OBSERVATION-TEXT"
UNPUBLISHED_SUMMARY = "UNPUBLISHED-EVALUATION-SUMMARY"
PERSONAL = (AUTHOR_EMAIL, AUTHOR_NAME, RESIDENT_EMAIL, RESIDENT_NAME, HIDDEN_TEXT, UNPUBLISHED_SUMMARY)


@dataclass
class History:
    programme: Programme
    first: Project
    second: Project
    visible: Observation
    hidden: Observation
    published: Evaluation
    unpublished: Evaluation


def history(programme: Programme) -> History:
    author = make_user(AUTHOR_EMAIL, AUTHOR_NAME)
    resident = make_user(RESIDENT_EMAIL, RESIDENT_NAME)
    first, second = programme.projects.order_by("order")
    for project, progresses in ((first, (10, 40)), (second, (5,))):
        for month, progress in enumerate(progresses, start=2):
            update = ProgressUpdate.objects.create(
                project=project,
                reported_on=datetime.date(2026, month, 1),
                progress=progress,
                narrative=f"إنجاز {progress}",
                author=author,
            )
        indicator = project.indicators.get()
        IndicatorValue.objects.create(
            indicator=indicator, measured_on=update.reported_on, value=Decimal(progress * 10), recorded_by=author
        )
    SpendingLine.objects.create(
        project=first,
        kind="committed",
        amount=Decimal(80_000),
        spent_on=datetime.date(2026, 2, 10),
        reference="ENG-2026-001",
        label='=HYPERLINK("http://evil")',
        entered_by=author,
    )
    SpendingLine.objects.create(
        project=first,
        kind="paid",
        amount=Decimal("30000.50"),
        spent_on=datetime.date(2026, 3, 10),
        reference="OP-2026-001",
        label="دفعة أولى",
        entered_by=author,
    )
    SpendingLine.objects.create(
        project=second,
        kind="paid",
        amount=Decimal(1000),
        spent_on=datetime.date(2026, 3, 12),
        reference="OP-2026-002",
        entered_by=author,
    )
    study = first.activities.get(order=1)
    ActivityStatus.objects.create(activity=study, status="under_way", started_on=datetime.date(2026, 1, 5))
    ActivityStatus.objects.create(
        activity=study, status="done", started_on=datetime.date(2026, 1, 5), finished_on=datetime.date(2026, 6, 20)
    )
    visible = Observation.objects.create(
        project=first,
        author=resident,
        text="الأشغال متوقفة",
        place="الحي الجديد",
        latitude=Decimal("32.12345"),
        longitude=Decimal("-7.95"),
        answer="ستُستأنف الأشغال الأسبوع المقبل",
        answered_by=author,
        answered_at=timezone.now(),
    )
    hidden = Observation.objects.create(project=first, author=resident, text=HIDDEN_TEXT, is_hidden=True)
    criteria = [
        EvaluationCriterion.objects.create(programme=programme, order=i, title=title)
        for i, title in enumerate(("الشفافية", "المشاركة"), start=1)
    ]
    published = Evaluation.objects.create(
        programme=programme,
        project=first,
        opens_on=datetime.date(2026, 7, 1),
        closes_on=datetime.date(2026, 7, 31),
        summary="خلاصات منشورة",
        published_at=timezone.now(),
    )
    unpublished = Evaluation.objects.create(
        programme=programme,
        project=second,
        opens_on=datetime.date(2026, 7, 1),
        closes_on=datetime.date(2026, 7, 31),
        summary=UNPUBLISHED_SUMMARY,
    )
    for evaluation in (published, unpublished):
        for user, satisfaction, useful in ((resident, 4, "yes"), (author, 2, "partly")):
            CitizenAnswer.objects.create(
                evaluation=evaluation,
                user=user,
                satisfaction=satisfaction,
                useful=useful,
                informed=3,
                comment=RESIDENT_NAME,
            )
        for user, ratings in ((author, (4, 5)), (resident, (2, 3))):
            card = Scorecard.objects.create(evaluation=evaluation, member=user, member_name=user.display_name)
            for criterion, rating in zip(criteria, ratings, strict=True):
                Score.objects.create(scorecard=card, criterion=criterion, rating=rating)
    return History(programme, first, second, visible, hidden, published, unpublished)
