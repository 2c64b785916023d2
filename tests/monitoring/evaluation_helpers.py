"""Helpers of the co-evaluation tests: a finished project with an open evaluation, answers and scorecards."""

import datetime

from django.utils import timezone

from remacto.cocreation.models import Project
from remacto.monitoring.models import CitizenAnswer, Evaluation, Score, Scorecard
from remacto.monitoring.services import evaluations as services


def today() -> datetime.date:
    return timezone.localdate()


def finish(project: Project) -> Project:
    project.status = Project.Status.COMPLETED
    project.save(update_fields=["status"])
    return project


def open_for(actor, project: Project) -> Evaluation:
    finish(project)
    return services.open_evaluation(
        actor, project.programme, project=project, opens_on=today(), closes_on=today() + datetime.timedelta(days=30)
    )


def answer(user, evaluation: Evaluation, satisfaction: int = 4, useful: str = "yes", informed: int = 3):
    return services.answer_questionnaire(
        user, evaluation, satisfaction=satisfaction, useful=useful, informed=informed, comment=""
    )


def score(user, evaluation: Evaluation, rating: int = 4) -> Scorecard:
    ratings = {c.pk: rating for c in evaluation.programme.evaluation_criteria.all()}
    return services.submit_scorecard(user, evaluation, ratings=ratings)


def counts() -> tuple[int, int, int]:
    return CitizenAnswer.objects.count(), Scorecard.objects.count(), Score.objects.count()
