"""Alert checks running at the same moment on PostgreSQL (two beat schedulers, or a slow run overlapping the next
one): the unique constraints keep one open alert per kind and subject, and each is told once."""

import datetime
import os

import pytest
from django.utils import timezone

from remacto.monitoring.models import Alert
from remacto.monitoring.services import alerts as service
from remacto.notifications.models import Notification

from ..threads import at_once

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="PostgreSQL only: DATABASE_URL is not set"),
]


def test_checks_running_at_once_open_each_alert_once(implemented, focal_point):
    day = datetime.date(2026, 7, 15)  # no update since January on both projects; one activity late on each
    now = timezone.make_aware(datetime.datetime(2026, 7, 15, 6))
    results, errors = at_once(4, lambda _n: service.run_checks(today=day, now=now))
    assert not errors, errors
    assert sum(result["opened"] for result in results) == 4
    assert Alert.objects.filter(closed_at__isnull=True).count() == 4
    assert Notification.objects.filter(recipient=focal_point, kind="monitoring.alert").count() == 4
