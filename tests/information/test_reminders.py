"""The case core's reminders reach the official responsible for an information request: the officer in charge,
else the collectivity's information officers, else its focal points (run with a frozen date)."""

import datetime

import pytest

from remacto.accounts.models import Role
from remacto.cases import registry
from remacto.cases.models import Case
from remacto.cases.reminders import send_reminders
from remacto.information.services import requests as services
from remacto.notifications.models import Notification

from ..conftest import make_user
from .conftest import VALUES

pytestmark = pytest.mark.django_db


def test_the_procedure_is_registered():
    info = registry.get(Case.Procedure.INFORMATION)
    assert str(info.label) and info.register_url(None) == ""


def test_an_overdue_request_reminds_the_officer_in_charge(filed, officer, focal_point):
    sent = send_reminders(today=datetime.date(2026, 12, 3))
    assert sent
    reminder = Notification.objects.filter(recipient=officer).exclude(kind="information.new").get()
    assert reminder.url.endswith(f"/information/requests/{filed.pk}/")
    assert not Notification.objects.filter(recipient=focal_point).exists()


def test_without_officer_the_focal_points_are_reminded(today, commune, focal_point, citizen):
    second = make_user("second-focal@example.ma")
    Role.objects.create(user=second, kind=Role.Kind.FOCAL_POINT, collectivity=commune)
    request = services.file_request(citizen, commune, **VALUES)
    assert request.officer is None
    assert {n.recipient for n in Notification.objects.filter(kind="information.new")} == {focal_point, second}
    send_reminders(today=datetime.date(2026, 12, 3))
    reminded = Notification.objects.exclude(kind__startswith="information.").values_list("recipient", flat=True)
    assert set(reminded) == {focal_point.pk, second.pk}
