"""Counts, publication and implementation follow-up: services, permissions per role and bad input."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from remacto.budgets import selectors
from remacto.budgets.models import BallotType, Campaign, Count, ImplementationStatus, Proposal
from remacto.budgets.services import counting as service
from remacto.core.models import AuditLogEntry

from .conftest import accepted, campaign_in, store_ballots

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def closed(commune) -> Campaign:
    """A knapsack campaign whose voting has closed, with ballots: P1 and P4 win under greedy."""
    campaign = campaign_in(commune, "counting", ballot_type=BallotType.KNAPSACK)
    for position, (code, cost) in enumerate((("P1", 150_000), ("P2", 120_000), ("P3", 300_000), ("P4", 60_000))):
        accepted(campaign, code, cost, position=position)
    store_ballots(campaign, [["P1", "P4"]] * 5 + [["P3"]] * 4 + [["P2", "P4"]] * 2)
    return campaign


def counted(campaign, actor, django_capture_on_commit_callbacks) -> Count:
    with django_capture_on_commit_callbacks(execute=True):
        count = service.request_count(actor, campaign)
    count.refresh_from_db()
    return count


def test_request_count_runs_the_task_to_100(closed, focal_point, django_capture_on_commit_callbacks):
    count = counted(closed, focal_point, django_capture_on_commit_callbacks)
    assert count.status == Count.Status.DONE
    assert count.progress == 100
    assert count.requested_by == focal_point
    assert count.started_at and count.finished_at
    assert AuditLogEntry.objects.filter(action="campaign.count", object_id=str(closed.pk)).exists()


def test_greedy_result_and_reasons(closed, focal_point, django_capture_on_commit_callbacks):
    count = counted(closed, focal_point, django_capture_on_commit_callbacks)
    # Votes: P4 7, P1 5, P3 4, P2 2; greedy takes P4, P1, then P3 does not fit (190,000 left), P2 does.
    assert count.selected == ["P4", "P1", "P2"]
    reasons = {row["code"]: row["reason"]["code"] for row in count.projects}
    assert reasons == {
        "P4": "greedy-selected",
        "P1": "greedy-selected",
        "P3": "greedy-no-room",
        "P2": "greedy-selected",
    }
    assert count.total_cost == 330_000 and count.budget == 400_000
    assert count.voters == count.ballots == 11


@pytest.mark.parametrize("role", ["citizen", "committee_member", "moderator", "polling_officer", "other_focal_point"])
def test_only_the_campaigns_focal_points_count_and_publish(closed, role, request, focal_point):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        service.request_count(actor, closed)
    done = service.count_campaign(closed)
    with pytest.raises(PermissionDenied):
        service.publish_results(actor, closed, done)
    closed.refresh_from_db()
    assert closed.results_published_at is None
    assert not Count.objects.filter(requested_by=actor).exists()


@pytest.mark.parametrize("role", ["focal_point", "network_admin"])
def test_focal_points_and_network_admins_count_and_publish(closed, role, request, django_capture_on_commit_callbacks):
    actor = request.getfixturevalue(role)
    count = counted(closed, actor, django_capture_on_commit_callbacks)
    service.publish_results(actor, closed, count)
    closed.refresh_from_db()
    count.refresh_from_db()
    assert closed.results_published_at is not None and count.published_at is not None
    assert selectors.published_count(closed) == count
    entry = AuditLogEntry.objects.get(action="campaign.publish_results")
    assert entry.details["selected"] == 3


def test_no_count_before_voting_closes(campaign, focal_point):
    with pytest.raises(ValidationError, match="Voting has not closed"):
        service.request_count(focal_point, campaign)
    assert not Count.objects.exists()


def test_a_failed_count_cannot_be_published(closed, focal_point):
    count = Count.objects.create(campaign=closed, status=Count.Status.FAILED, error="boom")
    with pytest.raises(ValidationError, match="finished count"):
        service.publish_results(focal_point, closed, count)
    closed.refresh_from_db()
    assert closed.results_published_at is None


def test_a_count_of_another_campaign_cannot_be_published(closed, other_campaign, focal_point):
    other = service.count_campaign(other_campaign)
    with pytest.raises(ValidationError, match="another campaign"):
        service.publish_results(focal_point, closed, other)


def test_a_count_under_way_is_not_started_twice(closed, focal_point):
    Count.objects.create(campaign=closed, status=Count.Status.RUNNING)
    with pytest.raises(ValidationError, match="already under way"):
        service.request_count(focal_point, closed)


def test_an_uncountable_campaign_leaves_a_failed_count(closed):
    Campaign.objects.filter(pk=closed.pk).update(rule="greedy-threshold")  # the threshold is missing
    closed.refresh_from_db()
    count = service.count_campaign(closed)
    assert count.status == Count.Status.FAILED and "threshold" in count.error


def test_publishing_again_moves_the_published_count(closed, focal_point):
    first = service.count_campaign(closed)
    second = service.count_campaign(closed)
    service.publish_results(focal_point, closed, first)
    service.publish_results(focal_point, closed, second)
    first.refresh_from_db()
    assert first.published_at is None
    assert selectors.published_count(closed) == second


def test_exclusions_are_counted_by_reason(closed):
    ballots = store_ballots(closed, [["P1"]] * 3, start=500)
    for ballot, reason in zip(ballots, ["double", "double", "hors commune"], strict=True):
        ballot.excluded_at = timezone.now()
        ballot.exclusion_reason = reason
        ballot.save()
    assert selectors.exclusions(closed) == [
        {"reason": "double", "count": 2},
        {"reason": "hors commune", "count": 1},
    ]


# Implementation follow-up ------------------------------------------------------------------------------------


@pytest.fixture
def published(closed, focal_point) -> Count:
    count = service.count_campaign(closed)
    service.publish_results(focal_point, closed, count)
    return count


def test_implementation_is_updated_with_audit(closed, published, focal_point):
    proposal = Proposal.objects.get(campaign=closed, code="P1")
    service.update_implementation(
        focal_point, proposal, {"status": ImplementationStatus.IN_PROGRESS, "progress": 40, "note": "الأشغال بدأت"}
    )
    proposal.refresh_from_db()
    assert proposal.implementation_status == "in_progress" and proposal.implementation_progress == 40
    assert proposal.implementation_note == "الأشغال بدأت" and proposal.implementation_updated_at
    entry = AuditLogEntry.objects.get(action="proposal.implementation")
    assert entry.details["before"] == {"status": "not_started", "progress": 0}


def test_done_means_100(closed, published, focal_point):
    proposal = Proposal.objects.get(campaign=closed, code="P4")
    service.update_implementation(focal_point, proposal, {"status": "done", "progress": 70, "note": ""})
    proposal.refresh_from_db()
    assert proposal.implementation_progress == 100


@pytest.mark.parametrize(
    "values, field",
    [({"status": "finished", "progress": 10}, "status"), ({"status": "in_progress", "progress": 140}, "progress")],
)
def test_bad_implementation_values(closed, published, focal_point, values, field):
    proposal = Proposal.objects.get(campaign=closed, code="P1")
    with pytest.raises(ValidationError) as caught:
        service.update_implementation(focal_point, proposal, values)
    assert field in caught.value.message_dict
    proposal.refresh_from_db()
    assert proposal.implementation_status == "not_started"


def test_only_selected_projects_are_followed(closed, published, focal_point):
    proposal = Proposal.objects.get(campaign=closed, code="P3")
    with pytest.raises(ValidationError, match="selected"):
        service.update_implementation(focal_point, proposal, {"status": "in_progress", "progress": 5})


@pytest.mark.parametrize("role", ["citizen", "committee_member", "moderator", "polling_officer", "other_focal_point"])
def test_only_managers_update_implementation(closed, published, role, request):
    proposal = Proposal.objects.get(campaign=closed, code="P1")
    with pytest.raises(PermissionDenied):
        service.update_implementation(request.getfixturevalue(role), proposal, {"status": "done", "progress": 100})
