"""Each measure on hand-made data with known answers, and the task."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone

from remacto.cocreation.models import Phase, PhaseChange
from remacto.cocreation.services import programmes
from remacto.netdash import services, tasks
from remacto.netdash.compute import compute_figures, per_thousand
from remacto.netdash.models import Computation, MemberFigures
from remacto.territories.models import Collectivity


def test_each_measure_of_a_member(computed, commune):
    row = MemberFigures.objects.get(collectivity=commune)
    assert row.population == 10_000
    assert row.ideas == 5  # the hidden idea is not counted
    assert row.ideas_per_1000 == Decimal("0.50")
    assert row.ideas_answered == 2
    assert row.answered_share == Decimal("40.0")
    assert row.phase == "implementation"
    assert row.adoption_date == datetime.date(2025, 3, 4)
    assert row.budget == Decimal(1000)  # the cancelled project is not followed
    assert row.paid == Decimal(250)
    assert row.execution_rate == Decimal("25.0")
    assert (row.cases_on_time, row.cases_due, row.on_time_share) == (1, 1, Decimal("100.0"))
    assert (row.attendees_women, row.attendees_men) == (30, 10)  # the council session is not a public meeting
    assert row.women_share == Decimal("75.0")
    assert (row.attendees_under_30, row.attendees_aged, row.under_30_share) == (10, 40, Decimal("25.0"))
    assert not row.is_stalled


def test_every_member_gets_a_row(computed):
    members = Collectivity.objects.filter(membership__isnull=False).count()
    assert MemberFigures.objects.count() == members == computed.members
    empty = MemberFigures.objects.exclude(programme__isnull=False).first()
    assert empty.phase == "" and empty.ideas_per_1000 in (None, Decimal(0))


def test_a_programme_not_moved_for_a_year_is_stalled(programme, commune):
    PhaseChange.objects.filter(programme=programme).update(changed_at=timezone.now() - datetime.timedelta(days=400))
    compute_figures()
    assert MemberFigures.objects.get(collectivity=commune).is_stalled


def test_unknown_population_gives_no_rate():
    assert per_thousand(12, None) is None
    assert per_thousand(12, 0) is None
    assert per_thousand(3, 1500) == Decimal("2.00")


def test_computing_again_replaces_the_rows(computed, commune):
    compute_figures()
    assert MemberFigures.objects.filter(collectivity=commune).count() == 1
    assert Computation.objects.count() == 2


def test_the_task_computes_and_clears_its_progress(programme, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        members = tasks.compute.delay().get()
    assert members == MemberFigures.objects.count() > 0
    assert not tasks.COMPUTATION.progress(tasks.NAME)


def test_a_member_joining_during_a_computation_gets_another_one_after_it(
    programme, commune, django_capture_on_commit_callbacks
):
    assert tasks.COMPUTATION.start(tasks.NAME, lambda: None)  # under way, having read the members already
    with django_capture_on_commit_callbacks(execute=True):
        services.members_changed()
    assert not Computation.objects.exists()  # not started twice at once…
    tasks.compute()  # … the running one finishes and is followed by another
    assert Computation.objects.count() == 2
    assert services.computing() is None and not cache.get(tasks.AGAIN)


def test_a_member_joining_when_nothing_runs_computes_once(programme, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.members_changed()
    assert Computation.objects.count() == 1 and not cache.get(tasks.AGAIN)


def test_a_member_opening_its_first_programme_shows_at_once(commune, focal_point, django_capture_on_commit_callbacks):
    compute_figures()  # the figures of the hour before: no programme yet
    assert MemberFigures.objects.get(collectivity=commune).programme is None
    with django_capture_on_commit_callbacks(execute=True):
        programme = programmes.create_programme(focal_point, commune, cycle="2027-2028", title="برنامج عمل الانفتاح")
    row = MemberFigures.objects.get(collectivity=commune)
    assert (row.programme, row.cycle, row.phase) == (programme, "2027-2028", Phase.INFORMATION)
    assert Computation.objects.count() == 2


def test_a_phase_change_shows_at_once(computed, programme, commune, focal_point, django_capture_on_commit_callbacks):
    assert MemberFigures.objects.get(collectivity=commune).phase == Phase.IMPLEMENTATION
    with django_capture_on_commit_callbacks(execute=True):
        programmes.move_to_phase(focal_point, programme, Phase.EVALUATION)
    assert MemberFigures.objects.get(collectivity=commune).phase == Phase.EVALUATION


def test_a_refused_phase_change_computes_nothing(computed, programme, focal_point, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        programmes.move_to_phase(focal_point, programme, Phase.CLOSED)  # skipping evaluation
    assert Computation.objects.count() == 1


def test_a_phase_change_while_the_task_queue_is_down_is_kept(
    programme, focal_point, django_capture_on_commit_callbacks, monkeypatch
):
    def broker_down():
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.compute, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        programmes.move_to_phase(focal_point, programme, Phase.EVALUATION)
    programme.refresh_from_db()
    assert programme.phase == Phase.EVALUATION and not Computation.objects.exists()
    assert services.computing() is None
