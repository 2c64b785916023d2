"""Co-evaluation reads: aggregated results in a fixed number of queries, the panel, and the visibility rule."""

import os
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from remacto.monitoring.models import CitizenAnswer
from remacto.monitoring.selectors import evaluations as selectors
from remacto.monitoring.services import evaluations as services

from ..conftest import make_user
from ..threads import at_once
from .evaluation_helpers import answer, open_for, score


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English (the services speak the reader's language)."""
    with translation.override("en"):
        yield


@pytest.mark.django_db
def test_results_counts_means_and_distributions(focal_point, committee_member, citizen, project):
    evaluation = open_for(focal_point, project)
    answer(citizen, evaluation, satisfaction=5, useful="yes", informed=4)
    answer(committee_member, evaluation, satisfaction=2, useful="no", informed=4)
    answer(make_user("third@example.ma"), evaluation, satisfaction=5, useful="yes", informed=1)
    score(committee_member, evaluation, rating=4)
    score(focal_point, evaluation, rating=1)
    result = selectors.results(evaluation)
    assert result.answers == 3 and result.scorecards == 2
    satisfaction, useful, informed = result.questions
    assert satisfaction.distribution == {"1": 0, "2": 1, "3": 0, "4": 0, "5": 2}
    assert satisfaction.mean == Decimal("4.0") and informed.mean == Decimal("3.0")
    assert useful.distribution == {"yes": 2, "partly": 0, "no": 1} and useful.mean is None
    assert [c.mean for c in result.criteria] == [Decimal("2.5")] * 4
    assert result.criteria[0].distribution["4"] == 1 and result.criteria[0].count == 2
    charts = selectors.series(result)
    assert [c.id.rsplit("-", 1)[1] for c in charts] == ["satisfaction", "useful", "informed", "criteria"]
    assert charts[0].rows[4].value == 2 and charts[0].rows[4].label == "5"
    assert [row.value for row in charts[3].rows] == [Decimal("2.5")] * 4 + [5]  # scaled to the highest rating


@pytest.mark.django_db
def test_results_of_many_evaluations_in_four_queries(
    focal_point, citizen, committee_member, implemented, django_assert_num_queries
):
    evaluations = [open_for(focal_point, p) for p in implemented.projects.all()]
    for evaluation in evaluations:
        answer(citizen, evaluation)
        score(committee_member, evaluation)
    with django_assert_num_queries(4):
        results = selectors.results_for(evaluations)
    assert all(r.answers == 1 and r.scorecards == 1 for r in results.values())


@pytest.mark.django_db
def test_results_visible_only_once_published_except_to_managers(
    focal_point, other_focal_point, committee_member, citizen, network_admin, project
):
    from django.contrib.auth.models import AnonymousUser

    evaluation = open_for(focal_point, project)
    for user in (AnonymousUser(), citizen, committee_member, other_focal_point):
        assert not selectors.results_visible(user, evaluation)
    assert selectors.results_visible(focal_point, evaluation)
    assert selectors.results_visible(network_admin, evaluation)
    assert not selectors.published(project.programme).exists()
    services.publish_evaluation(focal_point, evaluation, summary="خلاصة")
    evaluation.refresh_from_db()
    assert selectors.results_visible(AnonymousUser(), evaluation)
    assert list(selectors.published(project.programme)) == [evaluation]


@pytest.mark.django_db
def test_a_published_evaluation_of_a_hidden_project_is_public_nowhere(focal_point, citizen, project):
    """One rule serves the pages, the report, the exports and the API: moderation hides the project's results too."""
    from remacto.monitoring.selectors import opendata

    evaluation = open_for(focal_point, project)
    services.publish_evaluation(focal_point, evaluation, summary="خلاصة")
    evaluation.refresh_from_db()
    assert selectors.is_public(evaluation) and list(opendata.evaluations(project.programme)) == [evaluation]
    project.is_hidden = True
    project.save(update_fields=["is_hidden"])
    evaluation.refresh_from_db()
    assert not selectors.is_public(evaluation) and not selectors.results_visible(citizen, evaluation)
    assert not selectors.published(project.programme).exists()
    assert not opendata.evaluations(project.programme).exists()


@pytest.mark.django_db
def test_panel_says_what_the_viewer_can_do(focal_point, committee_member, citizen, project):
    from django.contrib.auth.models import AnonymousUser

    assert selectors.panel(citizen, None)["state"] == "none"
    evaluation = open_for(focal_point, project)
    anonymous = selectors.panel(AnonymousUser(), evaluation)
    assert anonymous["state"] == "open" and not anonymous["can_answer"] and not anonymous["signed_in"]
    assert selectors.panel(citizen, evaluation)["can_answer"]
    assert not selectors.panel(citizen, evaluation)["can_score"]
    answer(citizen, evaluation)
    panel = selectors.panel(citizen, evaluation)
    assert panel["has_answered"] and not panel["can_answer"]
    assert selectors.panel(committee_member, evaluation)["can_score"]
    score(committee_member, evaluation)
    assert selectors.panel(committee_member, evaluation)["has_scored"]


def in_english(call, *args, **kwargs):
    """Each thread has its own active language."""
    with translation.override("en"):
        return call(*args, **kwargs)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="PostgreSQL only: DATABASE_URL is not set")
def test_the_same_person_answering_ten_times_at_once_is_stored_once(focal_point, citizen, project):
    evaluation = open_for(focal_point, project)
    results, errors = at_once(10, lambda n: in_english(answer, citizen, evaluation, satisfaction=1 + n % 5))
    assert len(results) == 1 and CitizenAnswer.objects.filter(evaluation=evaluation).count() == 1
    assert len(errors) == 9
    assert all(isinstance(e, ValidationError) and "already answered" in e.messages[0] for e in errors), errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="PostgreSQL only: DATABASE_URL is not set")
def test_the_same_member_scoring_five_times_at_once_is_stored_once(focal_point, committee_member, project):
    evaluation = open_for(focal_point, project)
    results, errors = at_once(5, lambda n: in_english(score, committee_member, evaluation))
    assert len(results) == 1 and evaluation.scorecards.count() == 1
    assert all(isinstance(e, ValidationError) and "already filled" in e.messages[0] for e in errors), errors
