"""Campaign services: creation and settings, districts, the rules lock (by staff and when voting opens)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from remacto.budgets.models import Campaign, CampaignPhase, District
from remacto.budgets.services import campaigns as service
from remacto.budgets.tasks import lock_rules_when_voting_opens
from remacto.core.models import AuditLogEntry

from .conftest import campaign_in, move_to

NOW = timezone.now()
VALUES = {
    "title": "الميزانية التشاركية لبني ملال",
    "budget": Decimal(400_000),
    "proposals_start": NOW,
    "proposals_end": NOW + datetime.timedelta(days=10),
    "voting_start": NOW + datetime.timedelta(days=20),
    "voting_end": NOW + datetime.timedelta(days=30),
    "ballot_type": "knapsack",
    "rule": "mes",
    "completion": "add1",
}


def test_focal_point_creates_a_campaign_in_the_audit_log(focal_point, commune):
    campaign = service.create_campaign(focal_point, commune, VALUES)
    assert campaign.phase == CampaignPhase.PROPOSALS
    assert AuditLogEntry.objects.filter(action="campaign.create", object_id=str(campaign.pk)).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"voting_end": NOW + datetime.timedelta(days=15)}, "voting_end"),
        ({"ballot_type": "approval"}, "max_choices"),
        ({"ballot_type": "cumulative"}, "max_points"),
        ({"rule": "greedy"}, "completion"),
        ({"rule": "greedy-threshold", "completion": "none"}, "threshold"),
        ({"threshold": Decimal(5), "rule": "greedy", "completion": "none"}, "threshold"),
        ({"min_age": 12}, "min_age"),
        ({"budget": Decimal(0)}, "budget"),
        ({"title": "\u200f\u200f"}, "title"),
    ],
)
def test_inconsistent_settings_are_refused_and_nothing_is_saved(focal_point, commune, change, field):
    with pytest.raises(ValidationError) as error:
        service.create_campaign(focal_point, commune, {**VALUES, **change})
    assert field in error.value.message_dict
    assert not Campaign.objects.exists()


def test_unknown_fields_are_refused(focal_point, commune):
    with pytest.raises(ValidationError):
        service.create_campaign(focal_point, commune, {**VALUES, "rules_locked_at": NOW})


@pytest.mark.parametrize("who", ["citizen", "committee_member", "moderator", "other_focal_point", "polling_officer"])
def test_only_focal_points_and_network_admins_manage_campaigns(request, commune, who):
    with pytest.raises(PermissionDenied):
        service.create_campaign(request.getfixturevalue(who), commune, VALUES)


def test_network_admin_manages_any_campaign(network_admin, commune):
    assert service.create_campaign(network_admin, commune, VALUES).pk


def test_lock_freezes_the_rules_and_is_logged(focal_point, commune):
    campaign = service.create_campaign(focal_point, commune, VALUES)
    service.lock_rules(focal_point, campaign)
    entry = AuditLogEntry.objects.get(action="campaign.lock_rules")
    assert entry.details["rule"] == "mes" and entry.actor == focal_point
    with pytest.raises(ValidationError) as error:
        service.update_campaign(focal_point, campaign, {"rule": "greedy", "completion": "none"})
    assert set(error.value.message_dict) == {"rule", "completion"}
    campaign.refresh_from_db()
    assert campaign.rule == "mes"
    updated = service.update_campaign(focal_point, campaign, {"title": "عنوان جديد"})
    assert updated.title == "عنوان جديد"


def test_voting_opening_locks_the_rules_once(commune):
    campaign = campaign_in(commune, "voting", rule="greedy")
    service.lock_if_due(campaign)
    service.lock_if_due(campaign)
    assert campaign.rules_locked
    assert AuditLogEntry.objects.filter(action="campaign.lock_rules", actor=None).count() == 1


def test_lock_is_not_due_before_voting(commune):
    campaign = campaign_in(commune, "ballot")
    assert not service.lock_if_due(campaign).rules_locked


def test_districts_replace_and_must_fit_the_budget(focal_point, commune):
    campaign = campaign_in(commune, "proposals")
    rows = [{"kind": "district", "name": "الحي الأول", "budget": Decimal(250_000)}]
    service.save_districts(
        focal_point, campaign, [*rows, {"kind": "district", "name": "الحي الثاني", "budget": 100_000}]
    )
    assert list(campaign.districts.values_list("name", flat=True)) == ["الحي الأول", "الحي الثاني"]
    with pytest.raises(ValidationError):
        service.save_districts(focal_point, campaign, [*rows, {"kind": "district", "name": "ب", "budget": 200_000}])
    with pytest.raises(ValidationError):
        service.save_districts(focal_point, campaign, [*rows, {"kind": "category", "name": "ب", "budget": 1000}])
    with pytest.raises(ValidationError):
        service.save_districts(focal_point, campaign, [*rows, rows[0]])
    assert District.objects.filter(campaign=campaign).count() == 2


def test_phase_follows_the_dates(commune):
    campaign = campaign_in(commune, "review")
    assert campaign.phase == CampaignPhase.REVIEW
    assert service.appeals_open(campaign) and not service.proposals_open(campaign)
    assert move_to(campaign, "voting").phase == CampaignPhase.VOTING
    assert service.voting_open(campaign)
    assert move_to(campaign, "counting").phase == CampaignPhase.COUNTING
    campaign.results_published_at = timezone.now()
    assert campaign.phase == CampaignPhase.RESULTS


def test_periodic_task_locks_campaigns_whose_voting_opened(commune):
    voting = campaign_in(commune, "voting")
    upcoming = campaign_in(commune, "ballot")
    assert lock_rules_when_voting_opens.delay().get() == 1
    voting.refresh_from_db()
    upcoming.refresh_from_db()
    assert voting.rules_locked and not upcoming.rules_locked


def test_rules_cannot_change_once_voting_opened_even_before_the_lock_ran(focal_point, commune):
    campaign = campaign_in(commune, "voting", rule="greedy")
    assert not campaign.rules_locked
    with pytest.raises(ValidationError):
        service.update_campaign(focal_point, campaign, {"rule": "mes"})
    with pytest.raises(ValidationError):
        service.save_districts(focal_point, campaign, [{"kind": "district", "name": "أ", "budget": Decimal(1000)}])
    campaign.refresh_from_db()
    assert campaign.rule == "greedy"  # refused as a whole: the lock itself is written by the first ballot or task
    assert not District.objects.filter(campaign=campaign).exists()


@pytest.mark.parametrize("who", ["citizen", "committee_member", "moderator", "other_focal_point", "polling_officer"])
@pytest.mark.parametrize(
    "act",
    [
        lambda actor, c: service.update_campaign(actor, c, {"title": "عنوان آخر"}),
        lambda actor, c: service.lock_rules(actor, c),
        lambda actor, c: service.save_districts(actor, c, []),
    ],
    ids=["update", "lock", "districts"],
)
def test_only_the_campaigns_own_staff_change_it(request, commune, who, act):
    campaign = campaign_in(commune, "proposals")
    with pytest.raises(PermissionDenied):
        act(request.getfixturevalue(who), campaign)
    campaign.refresh_from_db()
    assert campaign.title == "الميزانية التشاركية 2026" and not campaign.rules_locked
    assert not AuditLogEntry.objects.exists()
