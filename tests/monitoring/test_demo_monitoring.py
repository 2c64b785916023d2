"""The monitoring demo: Ben Guerir's programme ten months into its implementation, with a sample history whose
one open alert is the one the alert rules would find; loading it twice creates nothing twice."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from remacto.accounts.demo import load_demo as load_accounts
from remacto.cocreation.demo import load_demo as load_cocreation
from remacto.cocreation.models import Indicator, Phase, PhaseChange, Project
from remacto.monitoring import demo
from remacto.monitoring.models import (
    ActivityStatus,
    Alert,
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

pytestmark = pytest.mark.django_db

MODELS = (
    ProgressUpdate,
    ActivityStatus,
    IndicatorValue,
    SpendingLine,
    Alert,
    Observation,
    Evaluation,
    CitizenAnswer,
    Scorecard,
    Score,
    EvaluationCriterion,
    Indicator,
    PhaseChange,
)
SAMPLE_MODELS = (ProgressUpdate, ActivityStatus, IndicatorValue, SpendingLine, Alert, Observation, Evaluation)


def _load():
    load_accounts()
    load_cocreation()
    return demo.load_demo()


@pytest.fixture
def programme(reference):
    return _load()


def _counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_loading_twice_creates_nothing_twice(programme):
    before = _counts()
    assert before["ProgressUpdate"] >= 6 * 3 and before["SpendingLine"] >= 6 * 2
    again = _load()
    assert again == programme and _counts() == before
    assert Alert.objects.filter(closed_at__isnull=True).count() == 1


def test_the_programme_is_being_implemented_about_ten_months_in(programme):
    programme.refresh_from_db()
    assert programme.phase == Phase.IMPLEMENTATION and programme.is_adopted
    months = (timezone.localdate() - programme.implementation_start).days / 30
    assert 9 <= months <= 11
    assert programme.adoption.session_date < programme.implementation_start
    for project in programme.projects.all():
        updates = list(project.progress_updates.order_by("reported_on"))
        assert 3 <= len(updates) <= 6
        assert [u.progress for u in updates] == sorted(u.progress for u in updates)
        assert project.progress == updates[-1].progress and project.responsible_unit
        assert all(programme.implementation_start <= u.reported_on <= timezone.localdate() for u in updates)


def test_every_monitoring_row_is_sample_data(programme):
    for model in SAMPLE_MODELS:
        assert model.objects.exists() and not model.objects.filter(is_sample=False).exists(), model


def test_the_one_open_alert_is_what_the_rules_find(programme):
    today = timezone.localdate()
    [alert] = Alert.objects.filter(closed_at__isnull=True)
    assert alert.kind == Alert.Kind.ACTIVITY_LATE and alert.is_sample
    assert alert.activity.ends_on < today
    assert alert.activity.statuses.first().status == ActivityStatus.Status.LATE
    # No other rule is met: other activities past their end are done, no divergence, recent updates, no overspending.
    for project in programme.projects.prefetch_related("activities"):
        for activity in project.activities.all():
            if activity != alert.activity and activity.ends_on and activity.ends_on < today:
                assert activity.statuses.first().status == ActivityStatus.Status.DONE
        spent = {
            kind: project.spending_lines.filter(kind=kind).aggregate(total=Sum("amount"))["total"] or Decimal(0)
            for kind in ("committed", "paid")
        }
        assert max(spent.values()) <= project.budget
        for total in spent.values():
            assert abs(total * 100 / project.budget - project.progress) <= 25
        if project.status == Project.Status.IN_PROGRESS:
            assert (today - project.progress_updates.first().reported_on).days < 60
        for line in project.spending_lines.all():
            assert line.reference


def test_one_finished_project_with_a_published_co_evaluation(programme):
    [finished] = programme.projects.filter(status=Project.Status.COMPLETED)
    assert finished.progress == 100
    assert set(finished.activities.values_list("statuses__status", flat=True)) == {"done"}
    evaluation = Evaluation.objects.get()
    assert evaluation.project == finished and evaluation.published_at is not None
    assert evaluation.closes_on < timezone.localdate()
    assert list(programme.evaluation_criteria.values_list("key", flat=True)) == [
        "transparency",
        "participation",
        "accountability",
        "innovation",
    ]
    assert evaluation.answers.count() >= 3
    assert evaluation.scorecards.count() == 2
    assert all(card.scores.count() == 4 for card in evaluation.scorecards.all())


def test_one_answered_observation_by_the_demo_citizen(programme):
    [observation] = Observation.objects.visible()
    assert observation.author.email == "citizen@demo.remacto.ma"
    assert observation.answer and observation.answered_at and observation.project.programme == programme


def test_the_demo_is_in_the_open_data(client, programme):
    data = client.get(f"/api/v1/monitoring/programmes/{programme.pk}/evaluations").json()
    assert data["count"] == 1 and data["items"][0]["answer_count"] >= 3
    response = client.get(f"/ar/members/ben-guerir/programme/{programme.cycle}/monitoring/data/action-plan.json")
    assert response.status_code == 200
    plan = json.loads(b"".join(response.streaming_content) if response.streaming else response.content)
    assert plan["adoption_date"] == programme.adoption.session_date.isoformat()
    levels = [commitment["completion_level"] for commitment in plan["commitments"]]
    assert len(levels) == 6 and levels.count("complete") == 1 and "not_started" not in levels
    statuses = [m["status"] for commitment in plan["commitments"] for m in commitment["milestones"]]
    assert statuses.count("late") == 1
    assert all(commitment["lead_implementing_agency"] for commitment in plan["commitments"])


def test_load_demo_prints_the_monitoring_dashboard(reference):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "/ar/members/ben-guerir/programme/2024-2025/monitoring/" in out.getvalue()
    assert Alert.objects.filter(closed_at__isnull=True).count() == 1
