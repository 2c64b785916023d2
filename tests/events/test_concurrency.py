"""On PostgreSQL: people registering at the same instant never exceed the capacity (the rest wait), and a
cancellation racing with registrations leaves the seats consistent."""

import os

import pytest

from remacto.events.models import Category, Registration, Status
from remacto.events.services import registrations

from ..conftest import make_user
from ..threads import at_once
from .conftest import NOW

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="PostgreSQL only: DATABASE_URL is not set"),
]


def test_parallel_registrations_never_exceed_capacity(regional):
    people = [make_user(f"p{n}@example.ma") for n in range(8)]

    def act(n):
        return registrations.register(people[n], regional, {"category": Category.FOCAL_POINT}, now=NOW)

    results, errors = at_once(len(people), act)
    assert not errors and len(results) == 8
    assert Registration.objects.filter(event=regional, status=Status.CONFIRMED).count() == regional.capacity
    assert Registration.objects.filter(event=regional, status=Status.WAITING).count() == 6


def test_parallel_registrations_without_waiting_list_refuse_the_rest(regional):
    regional.waiting_list = False
    regional.save()
    people = [make_user(f"p{n}@example.ma") for n in range(6)]
    results, errors = at_once(
        len(people),
        lambda n: registrations.register(people[n], regional, {"category": Category.FOCAL_POINT}, now=NOW),
    )
    assert len(results) == 2 and len(errors) == 4
    assert Registration.objects.filter(event=regional).count() == 2


def test_cancellation_racing_with_registrations(regional):
    first = make_user("first@example.ma")
    seat = registrations.register(first, regional, {"category": Category.FOCAL_POINT}, now=NOW)
    registrations.register(make_user("second@example.ma"), regional, {"category": Category.FOCAL_POINT}, now=NOW)
    people = [make_user(f"p{n}@example.ma") for n in range(5)]

    def act(n):
        if n == 5:
            return registrations.cancel(first, Registration.objects.get(pk=seat.pk))
        return registrations.register(people[n], regional, {"category": Category.FOCAL_POINT}, now=NOW)

    _results, errors = at_once(6, act)
    assert not errors
    assert Registration.objects.filter(event=regional, status=Status.CONFIRMED).count() == 2
