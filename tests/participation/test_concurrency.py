"""Two tabs supporting at the same moment: the database's unique constraint keeps one support (PostgreSQL)."""

import os
import threading

import pytest
from django.db import connection

from remacto.participation import services
from remacto.participation.models import Discussion, Support

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="PostgreSQL only: DATABASE_URL is not set"),
]


def test_two_tabs_supporting_at_once_count_once(discussion, amina):
    barrier = threading.Barrier(2)
    results, errors = [], []

    def tab():
        try:
            target = Discussion.objects.get(pk=discussion.pk)
            barrier.wait(timeout=10)
            results.append(services.support(amina, target))
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    tabs = [threading.Thread(target=tab) for _ in range(2)]
    for t in tabs:
        t.start()
    for t in tabs:
        t.join(timeout=30)
    assert not errors, errors
    assert sorted(results) == [False, True]
    discussion.refresh_from_db()
    assert discussion.support_count == 1 and Support.objects.count() == 1
