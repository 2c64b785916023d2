"""The scheduled alert checks on the database: opened once, refreshed, closed when the cause is gone, told to the
focal points and the follow-up committee in each reader's language. The date is always given."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone, translation

from remacto.cocreation.models import Amendment, CommitteeMember, Phase, Project
from remacto.monitoring import tasks
from remacto.monitoring.models import ActivityStatus, Alert, ProgressUpdate, SpendingLine
from remacto.monitoring.services import alerts as service
from remacto.notifications.models import Notification

from ..conftest import make_user

MARCH_15 = datetime.date(2026, 3, 15)


def at(day: datetime.date) -> dict:
    return {"today": day, "now": timezone.make_aware(datetime.datetime.combine(day, datetime.time(6)))}


def update(project, on: datetime.date, progress: int) -> ProgressUpdate:
    return ProgressUpdate.objects.create(project=project, reported_on=on, progress=progress, narrative="تقدم")


def paid(project, amount: int) -> SpendingLine:
    return SpendingLine.objects.create(
        project=project, kind=SpendingLine.Kind.PAID, amount=Decimal(amount), spent_on=MARCH_15, reference="OP-1"
    )


def kinds(project) -> set:
    return set(Alert.objects.filter(project=project, closed_at__isnull=True).values_list("kind", "activity_id"))


@pytest.fixture
def second(implemented) -> Project:
    return implemented.projects.order_by("order").last()


def test_checks_open_each_alert_once_with_its_figures(project, second, other_project):
    update(project, datetime.date(2026, 3, 1), 10)
    paid(project, 100_000)  # 50% of 200,000 paid, 10% done
    first = service.run_checks(**at(MARCH_15))
    # Divergence here; no update for 73 days on the other project and on the other commune's two projects.
    assert first["opened"] == 4
    assert kinds(project) == {("divergence", None)}
    assert Alert.objects.get(project=project).details == {"spent_percent": "50.0", "progress": 10, "gap": "40.0"}
    assert kinds(second) == {("no_update", None)} and kinds(other_project) == {("no_update", None)}
    assert Alert.objects.get(project=second).details == {"since": "2026-01-01", "days": 73, "has_update": False}
    again = service.run_checks(**at(MARCH_15))
    assert again["opened"] == 0 and again["closed"] == 0
    assert Alert.objects.count() == 4


def test_the_task_is_idempotent(project):
    tasks.check_alerts.delay()
    count = Alert.objects.count()
    assert count > 0  # the fixtures' projects have had no update since January
    tasks.check_alerts.delay()
    assert Alert.objects.count() == count
    assert Alert.objects.filter(closed_at__isnull=True).count() == count


def test_alerts_close_when_their_cause_is_gone_and_reopen_as_new_ones(project):
    update(project, datetime.date(2026, 3, 1), 10)
    paid(project, 100_000)
    service.run_checks(**at(MARCH_15))
    update(project, datetime.date(2026, 3, 20), 45)
    result = service.run_checks(**at(datetime.date(2026, 3, 21)))
    assert result["closed"] >= 1 and kinds(project) == set()
    closed = Alert.objects.get(project=project, kind="divergence")
    assert closed.closed_at is not None
    update(project, datetime.date(2026, 3, 25), 5)  # back to a big gap: a new alert, the old one stays closed
    service.run_checks(**at(datetime.date(2026, 3, 26)))
    assert Alert.objects.filter(project=project, kind="divergence").count() == 2
    assert kinds(project) == {("divergence", None)}


def test_late_activity_alert_per_activity_closed_once_done(project):
    update(project, datetime.date(2026, 7, 10), 40)
    paid(project, 80_000)  # 40%: no divergence
    study = project.activities.get(order=1)
    service.run_checks(**at(datetime.date(2026, 7, 15)))
    assert kinds(project) == {("activity_late", study.pk)}
    assert Alert.objects.get(activity=study).details == {"ends_on": "2026-06-30", "status": "planned"}
    ActivityStatus.objects.create(activity=study, status=ActivityStatus.Status.DONE)
    service.run_checks(**at(datetime.date(2026, 7, 16)))
    assert kinds(project) == set()


def test_overspent_until_an_amendment_is_recorded(project):
    update(project, datetime.date(2026, 3, 1), 100)
    paid(project, 250_000)
    service.run_checks(**at(MARCH_15))
    assert ("overspent", None) in kinds(project)
    assert Alert.objects.get(project=project, kind="overspent").details["over"] == "50000.00"
    Amendment.objects.create(project=project, decided_on=MARCH_15, reason="ميزانية إضافية")
    service.run_checks(**at(datetime.date(2026, 3, 16)))
    assert ("overspent", None) not in kinds(project)


def test_projects_no_longer_followed_are_not_checked_and_their_alerts_close(project, second):
    service.run_checks(**at(MARCH_15))
    assert kinds(project)
    project.status = Project.Status.COMPLETED
    project.save()
    service.run_checks(**at(datetime.date(2026, 3, 16)))
    assert kinds(project) == set() and kinds(second)
    programme = second.programme
    programme.phase = Phase.CLOSED
    programme.save()
    service.run_checks(**at(datetime.date(2026, 3, 17)))
    assert kinds(second) == set()


def test_no_update_alert_not_before_the_project_starts(project):
    project.starts_on = datetime.date(2026, 6, 1)
    project.save()
    service.run_checks(**at(MARCH_15))
    assert ("no_update", None) not in kinds(project)


def test_opening_is_race_safe(project):
    now = timezone.now()
    assert service._open(project, ("no_update", None), {}, now) is not None
    assert service._open(project, ("no_update", None), {}, now) is None  # a concurrent run got there first
    study = project.activities.get(order=1)
    assert service._open(project, ("activity_late", study.pk), {}, now) is not None
    assert service._open(project, ("activity_late", study.pk), {}, now) is None
    assert Alert.objects.filter(project=project).count() == 2


def test_focal_points_and_committee_are_told_in_their_language(
    project, focal_point, committee_member, other_focal_point, citizen, django_capture_on_commit_callbacks
):
    focal_point.preferred_language = "fr"
    focal_point.save()
    seat = make_user("seat@example.ma", "Seat holder", preferred_language="ar")
    CommitteeMember.objects.create(
        programme=project.programme, user=seat, name="Seat", kind=CommitteeMember.Kind.CIVIL_SOCIETY
    )
    update(project, datetime.date(2026, 3, 1), 10)
    paid(project, 100_000)
    with django_capture_on_commit_callbacks(execute=True):
        service.run_checks(**at(MARCH_15))
    told = Notification.objects.filter(kind="monitoring.alert", collectivity=project.programme.collectivity)
    assert set(told.values_list("recipient", flat=True)) == {focal_point.pk, committee_member.pk, seat.pk}
    assert not Notification.objects.filter(recipient=citizen).exists()
    assert not Notification.objects.filter(recipient=other_focal_point).exists()
    told = told.filter(message=service.MESSAGES["divergence"])
    note = told.get(recipient=focal_point)
    with translation.override("fr"):
        assert "Alerte" in note.text and "50.0" in note.text
    french = [m for m in mail.outbox if m.to == [focal_point.email] and project.title in m.body]
    assert len(french) == 1 and "Alerte" in french[0].subject
    arabic = [m for m in mail.outbox if m.to == [seat.email] and project.title in m.body]
    assert len(arabic) == 1 and "تنبيه" in arabic[0].body
    # Running again tells nobody twice.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        service.run_checks(**at(MARCH_15))
    assert told.count() == 3 and mail.outbox == []


def test_other_collectivitys_alerts_go_to_its_own_people(project, other_project, focal_point, other_focal_point):
    service.run_checks(**at(MARCH_15))
    other = other_project.programme.collectivity
    assert Notification.objects.filter(recipient=other_focal_point, collectivity=other).count() == 2
    assert not Notification.objects.filter(recipient=other_focal_point).exclude(collectivity=other).exists()
    assert not Notification.objects.filter(recipient=focal_point, collectivity=other).exists()


def test_checks_take_a_bounded_number_of_queries(implemented, django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        service.run_checks(**at(MARCH_15))
