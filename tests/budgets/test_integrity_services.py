"""Integrity signals: detectors on crafted ballots, flags reviewed by staff only, exclusions and re-inclusions
logged one by one, reflected in the counted ballots, never deleted."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from remacto.budgets import identity, integrity, selectors
from remacto.budgets.models import Ballot, IntegrityFlag
from remacto.budgets.services import integrity as service
from remacto.budgets.services.ballots import check_choices, store_ballot
from remacto.budgets.tasks import detect_in_open_campaigns, detect_integrity_signals
from remacto.core.models import AuditLogEntry

from ..conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are read in English here; the pages' tests read them in Arabic."""
    with translation.override("en"):
        yield


MINUTE = datetime.timedelta(minutes=1)
ADDRESS = identity.short_hash("address", "192.0.2.10")


def cast(campaign, n: int, codes=("P1",), user=None, at=None, **hashes) -> Ballot:
    ballot = store_ballot(
        campaign,
        check_choices(campaign, [(c, 1) for c in codes], by="code"),
        voter_key=identity.keyed_hash("test", f"{campaign.pk}:{n}"),
        user=user,
        **hashes,
    )
    if at is not None:
        Ballot.objects.filter(pk=ballot.pk).update(cast_at=at)
        ballot.cast_at = at
    return ballot


@pytest.fixture
def burst(campaign):
    """21 ballots from one address within ten minutes."""
    start = timezone.now() - datetime.timedelta(hours=2)
    return [
        cast(campaign, n, at=start + n * 25 * datetime.timedelta(seconds=1), address_hash=ADDRESS) for n in range(21)
    ]


def test_burst_from_one_address_is_flagged(campaign, burst):
    flags = service.record_signals(campaign)
    assert [(f.kind, f.key, f.status) for f in flags] == [(IntegrityFlag.Kind.ADDRESS_BURST, ADDRESS, "open")]
    assert flags[0].ballot_ids == sorted(b.pk for b in burst)


def test_spread_out_ballots_are_not_flagged(campaign):
    start = timezone.now() - datetime.timedelta(days=3)
    for n in range(40):
        cast(campaign, n, at=start + n * MINUTE, address_hash=ADDRESS)  # 40 in 40 minutes: at most 11 in 10
    assert service.record_signals(campaign) == []


def test_device_bursts_use_their_own_threshold(campaign, settings):
    settings.BUDGETS_INTEGRITY = {"device_burst": (2, 60)}
    now = timezone.now() - datetime.timedelta(hours=1)
    ids = [
        cast(campaign, n, at=now + n * 10 * datetime.timedelta(seconds=1), device_hash="d" * 16).pk for n in range(3)
    ]
    cast(campaign, 9, at=now + datetime.timedelta(hours=2), device_hash="d" * 16)  # much later: not in the burst
    (flag,) = service.record_signals(campaign)
    assert flag.kind == IntegrityFlag.Kind.DEVICE_BURST and flag.ballot_ids == ids


def test_bursts_window_arithmetic():
    t = timezone.now()
    rows = [(1, t), (2, t + MINUTE), (3, t + 2 * MINUTE), (4, t + 30 * MINUTE)]
    assert integrity.bursts(rows, 2, 5 * 60) == {1, 2, 3}
    assert integrity.bursts(rows, 3, 5 * 60) == set()


def new_voter(n: int, campaign, age: datetime.timedelta):
    user = make_user(f"new{n}@example.ma")
    user.date_joined = timezone.now() - age
    user.save(update_fields=["date_joined"])
    return user


def test_new_accounts_with_the_same_set_are_flagged(campaign):
    same = [cast(campaign, n, ("P4", "P1"), new_voter(n, campaign, datetime.timedelta(hours=5))) for n in range(5)]
    for n in range(5, 9):  # new accounts, but a different set each
        cast(campaign, n, ("P1", "P2") if n % 2 else ("P3",), new_voter(n, campaign, datetime.timedelta(hours=5)))
    (flag,) = service.record_signals(campaign)
    assert flag.kind == IntegrityFlag.Kind.NEW_ACCOUNTS_SAME_SET
    assert flag.ballot_ids == sorted(b.pk for b in same)
    assert flag.key == identity.short_hash("choice-set", f"{campaign.pk}:P1 P4")


def test_old_accounts_with_the_same_set_are_not_flagged(campaign):
    for n in range(8):
        cast(campaign, n, ("P1", "P4"), new_voter(n, campaign, datetime.timedelta(days=30)))
    assert service.record_signals(campaign) == []


def test_flags_are_not_raised_twice_and_grow_with_new_ballots(campaign, burst, focal_point):
    (flag,) = service.record_signals(campaign)
    assert service.record_signals(campaign) == []
    late = cast(campaign, 99, at=burst[-1].cast_at + datetime.timedelta(seconds=10), address_hash=ADDRESS)
    (grown,) = service.record_signals(campaign)
    assert grown.pk == flag.pk and late.pk in grown.ballot_ids
    service.clear_flag(focal_point, grown, "مقهى إنترنت قرب الثانوية")
    later = cast(campaign, 100, at=late.cast_at + datetime.timedelta(seconds=5), address_hash=ADDRESS)
    (new,) = service.record_signals(campaign)
    assert new.pk != flag.pk and new.ballot_ids == [later.pk] and new.status == "open"


def test_task_runs_eagerly_and_periodically(campaign, burst, other_campaign):
    assert detect_integrity_signals.delay(campaign.pk).get() == 1
    assert detect_integrity_signals(0) == 0
    assert detect_in_open_campaigns() == 0  # already flagged: nothing new
    assert IntegrityFlag.objects.count() == 1


def test_staff_scan_runs_the_task_and_is_audited(campaign, burst, focal_point):
    service.request_scan(focal_point, campaign, address="105.66.0.1")
    assert IntegrityFlag.objects.filter(campaign=campaign).count() == 1
    assert AuditLogEntry.objects.filter(action="integrity.scan").count() == 1


def test_clearing_needs_a_reason_and_excludes_nothing(campaign, burst, focal_point):
    (flag,) = service.record_signals(campaign)
    with pytest.raises(ValidationError):
        service.clear_flag(focal_point, flag, "   ")
    with pytest.raises(ValidationError):
        service.clear_flag(focal_point, flag, "bad\x00reason")
    service.clear_flag(focal_point, flag, "Lycée: vote en classe")
    flag.refresh_from_db()
    assert flag.status == "cleared" and flag.reviewed_by == focal_point and flag.reason == "Lycée: vote en classe"
    assert selectors.counted_ballots(campaign).count() == 21
    with pytest.raises(ValidationError, match="already decided"):
        service.clear_flag(focal_point, flag, "again")


def test_exclusion_and_reinclusion_are_logged_and_counted(campaign, burst, focal_point):
    (flag,) = service.record_signals(campaign)
    some = flag.ballot_ids[:3]
    with pytest.raises(ValidationError):
        service.exclude_ballots(focal_point, flag, some, "")
    assert selectors.counted_ballots(campaign).count() == 21
    service.exclude_ballots(focal_point, flag, some, "Same minute, same address")
    assert selectors.counted_ballots(campaign).count() == 18
    assert selectors.campaign_counts(campaign)["excluded"] == 3
    assert selectors.exclusions(campaign) == [{"reason": "Same minute, same address", "count": 3}]
    flag.refresh_from_db()
    assert flag.status == "excluded"
    logged = AuditLogEntry.objects.filter(action="ballot.exclude").order_by("id")
    assert [e.details["ballot"] for e in logged] == some
    with pytest.raises(ValidationError, match="already excluded"):
        service.exclude_ballots(focal_point, flag, some, "again")
    service.reinclude_ballots(focal_point, flag, some[:1], "Checked with the desk")
    assert selectors.counted_ballots(campaign).count() == 19
    assert AuditLogEntry.objects.filter(action="ballot.reinclude").count() == 1
    flag.refresh_from_db()
    assert flag.status == "excluded"
    service.reinclude_ballots(focal_point, flag, some[1:], "Checked with the desk")
    flag.refresh_from_db()
    assert flag.status == "cleared" and selectors.counted_ballots(campaign).count() == 21
    assert Ballot.objects.count() == 21 and selectors.exclusions(campaign) == []
    with pytest.raises(ValidationError, match="not excluded"):
        service.reinclude_ballots(focal_point, flag, some, "again")


def test_only_the_flags_ballots_can_be_excluded(campaign, burst, focal_point):
    (flag,) = service.record_signals(campaign)
    other = cast(campaign, 500)
    for wrong in ([other.pk], [], ["x"], [flag.ballot_ids[0], other.pk]):
        with pytest.raises(ValidationError):
            service.exclude_ballots(focal_point, flag, wrong, "reason")
    assert not Ballot.objects.filter(excluded_at__isnull=False).exists()


def test_no_decision_once_results_are_published(campaign, burst, focal_point):
    (flag,) = service.record_signals(campaign)
    campaign.results_published_at = timezone.now()
    campaign.save()
    flag.campaign = campaign
    with pytest.raises(ValidationError, match="published"):
        service.exclude_ballots(focal_point, flag, flag.ballot_ids, "late")


@pytest.mark.parametrize("who", ["citizen", "committee_member", "moderator", "polling_officer", "other_focal_point"])
def test_review_is_for_focal_points_of_the_collectivity(request, campaign, burst, who):
    (flag,) = service.record_signals(campaign)
    person = request.getfixturevalue(who)
    for attempt in (
        lambda: service.request_scan(person, campaign, address="105.66.0.1"),
        lambda: service.clear_flag(person, flag, "reason"),
        lambda: service.exclude_ballots(person, flag, flag.ballot_ids, "reason"),
        lambda: service.reinclude_ballots(person, flag, flag.ballot_ids, "reason"),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert not Ballot.objects.filter(excluded_at__isnull=False).exists()


@pytest.mark.parametrize("who", ["focal_point", "network_admin"])
def test_focal_points_and_network_admins_review(request, campaign, burst, who):
    (flag,) = service.record_signals(campaign)
    assert len(service.exclude_ballots(request.getfixturevalue(who), flag, flag.ballot_ids[:1], "r")) == 1
