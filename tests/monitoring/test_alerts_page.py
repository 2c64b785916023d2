"""The staff alerts page and the acknowledgement of alerts: who may, bad input, audit, Arabic page."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from remacto.core.models import AuditLogEntry
from remacto.monitoring.models import Alert
from remacto.monitoring.services import alerts as service


def url(programme) -> str:
    return f"/ar/members/{programme.collectivity.slug}/programme/{programme.cycle}/monitoring/alerts/"


@pytest.fixture
def alert(project) -> Alert:
    return Alert.objects.create(
        kind=Alert.Kind.DIVERGENCE,
        project=project,
        details={"spent_percent": "50.0", "progress": 10, "gap": "40.0"},
        opened_at=timezone.now(),
    )


@pytest.mark.parametrize("who", ["focal_point", "committee_member", "network_admin"])
def test_staff_acknowledge_with_a_note_audited(request, alert, who):
    actor = request.getfixturevalue(who)
    acknowledged = service.acknowledge_alert(actor, alert, "  طلبنا من المصلحة تحديث التقدم  ")
    assert acknowledged.acknowledged_by == actor and acknowledged.acknowledgement == "طلبنا من المصلحة تحديث التقدم"
    entry = AuditLogEntry.objects.get(action="alert.acknowledge")
    assert entry.actor == actor and entry.details["kind"] == "divergence"


@pytest.mark.parametrize(
    "who", ["citizen", "moderator", "unit_officer", "other_focal_point", "other_committee_member", "anonymous"]
)
def test_others_may_not_acknowledge(request, alert, who):
    from django.contrib.auth.models import AnonymousUser

    actor = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        service.acknowledge_alert(actor, alert, "note")
    alert.refresh_from_db()
    assert alert.acknowledged_at is None and not AuditLogEntry.objects.exists()


@pytest.mark.parametrize("note", ["", "   ", "\u200b\u200b", "x" * 1001])
def test_the_note_is_required_and_bounded(focal_point, alert, note):
    with pytest.raises(ValidationError) as error:
        service.acknowledge_alert(focal_point, alert, note)
    assert "note" in error.value.message_dict
    alert.refresh_from_db()
    assert alert.acknowledged_at is None


def test_an_alert_is_acknowledged_once(focal_point, committee_member, alert):
    service.acknowledge_alert(focal_point, alert, "أول")
    with pytest.raises(ValidationError):
        service.acknowledge_alert(committee_member, alert, "ثان")
    alert.refresh_from_db()
    assert alert.acknowledgement == "أول"


def test_page_lists_filters_and_acknowledges_in_arabic(client, focal_point, implemented, alert, project):
    Alert.objects.create(
        kind=Alert.Kind.NO_UPDATE,
        project=project,
        details={"since": "2026-01-01", "days": 73, "has_update": False},
        opened_at=timezone.now() - datetime.timedelta(days=3),
        closed_at=timezone.now(),
    )
    project.title = "بوابة \u202eالمعلومات"
    project.save()
    client.force_login(focal_point)
    body = client.get(url(implemented)).content.decode()
    assert 'dir="rtl"' in body and "تنبيهات" in body
    assert "<bdi>بوابة \u202eالمعلومات</bdi>" in body
    assert body.count('class="card alert-item"') == 1
    closed = client.get(url(implemented) + "?state=closed").content.decode()
    assert closed.count('class="card alert-item"') == 1 and "no_update" not in closed
    response = client.post(url(implemented), {"alert": alert.pk, "note": ""})
    assert response.status_code == 400
    response = client.post(url(implemented), {"alert": alert.pk, "note": "نتابع مع المصلحة"})
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.acknowledgement == "نتابع مع المصلحة"
    acknowledged = client.get(url(implemented) + "?state=acknowledged").content.decode()
    assert "نتابع مع المصلحة" in acknowledged


def test_page_is_for_staff_of_this_collectivity_only(client, implemented, citizen, other_focal_point):
    assert client.get(url(implemented)).status_code == 302  # to sign in
    for user in (citizen, other_focal_point):
        client.force_login(user)
        assert client.get(url(implemented)).status_code == 403


def test_an_alert_of_another_programme_cannot_be_acknowledged_here(client, focal_point, implemented, other_project):
    other = Alert.objects.create(kind=Alert.Kind.NO_UPDATE, project=other_project, opened_at=timezone.now())
    client.force_login(focal_point)
    assert client.post(url(implemented), {"alert": other.pk, "note": "x"}).status_code == 404
    assert client.post(url(implemented), {"alert": "1 OR 1=1", "note": "x"}).status_code == 404
    other.refresh_from_db()
    assert other.acknowledged_at is None


def test_page_queries_are_bounded(client, focal_point, implemented, project, django_assert_max_num_queries):
    for number in range(25):
        activity = project.activities.create(order=10 + number, title=f"نشاط {number}")
        Alert.objects.create(
            kind=Alert.Kind.ACTIVITY_LATE,
            project=project,
            activity=activity,
            opened_at=timezone.now(),
            details={"ends_on": "2026-06-30", "status": "planned"},
        )
    client.force_login(focal_point)
    with django_assert_max_num_queries(20):
        body = client.get(url(implemented)).content.decode()
    assert body.count('class="card alert-item"') == 20  # one page


def test_typed_text_never_reorders_the_alerts_page(client, focal_point, implemented, project):
    from ..test_bidi_isolation import COMMENT, TITLE, problems

    project.title = TITLE
    project.save()
    study = project.activities.get(order=1)
    study.title = TITLE
    study.save()
    late = Alert.objects.create(
        kind=Alert.Kind.ACTIVITY_LATE,
        project=project,
        activity=study,
        details={"ends_on": "2026-06-30", "status": "planned"},
        opened_at=timezone.now(),
    )
    service.acknowledge_alert(focal_point, late, COMMENT)
    Alert.objects.create(
        kind=Alert.Kind.NO_UPDATE,
        project=project,
        opened_at=timezone.now(),
        details={"since": "2026-01-01", "days": 70, "has_update": False},
    )
    client.force_login(focal_point)
    for state in ("open", "acknowledged"):
        body = client.get(url(implemented) + f"?state={state}").content.decode()
        assert TITLE in body and not problems(body), state
