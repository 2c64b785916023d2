"""Thirty registrations sent at the same instant on PostgreSQL, through the event page: an event of capacity 10
gets exactly 10 registered people, never 11 (the other 20 wait, or are refused in Arabic when the event keeps no
waiting list), and one person posting thirty times is registered once."""

import html

from django.utils import translation
from django.utils.translation import gettext as _

from remacto.events.models import Category, Registration, Status

from ..conftest import make_user
from ..threads import AT_ONCE, ON_POSTGRESQL, post_at_once, signed_in
from .test_pages import url

pytestmark = ON_POSTGRESQL

CAPACITY = 10


def register_at_once(event, people) -> list:
    return post_at_once(signed_in(people), url("register", event.pk), lambda n: {"category": Category.FOCAL_POINT})


def refusals(responses, message: str) -> int:
    """How many responses are a 400 giving ``message`` in Arabic."""
    with translation.override("ar"):
        text = _(message)
    return sum(1 for r in responses if r.status_code == 400 and text in html.unescape(r.content.decode()))


def people() -> list:
    return [make_user(f"p{n}@example.ma") for n in range(AT_ONCE)]


def test_thirty_people_at_once_fill_ten_seats_and_the_rest_wait(regional):
    regional.capacity = CAPACITY
    regional.save()
    responses = register_at_once(regional, people())
    assert [r.status_code for r in responses] == [302] * AT_ONCE
    registrations = Registration.objects.filter(event=regional)
    assert registrations.filter(status=Status.CONFIRMED).count() == CAPACITY
    assert registrations.filter(status=Status.WAITING).count() == AT_ONCE - CAPACITY
    assert registrations.values("user").distinct().count() == AT_ONCE


def test_thirty_people_at_once_without_waiting_list_fill_ten_seats_and_the_rest_are_refused(regional):
    regional.capacity, regional.waiting_list = CAPACITY, False
    regional.save()
    responses = register_at_once(regional, people())
    assert sorted(r.status_code for r in responses) == [302] * CAPACITY + [400] * (AT_ONCE - CAPACITY)
    assert refusals(responses, "This event is full: no seat is left.") == AT_ONCE - CAPACITY
    assert Registration.objects.filter(event=regional).count() == CAPACITY
    assert Registration.objects.filter(event=regional, status=Status.CONFIRMED).count() == CAPACITY


def test_one_person_posting_thirty_times_at_once_is_registered_once(regional, citizen):
    regional.capacity = CAPACITY
    regional.save()
    responses = register_at_once(regional, [citizen] * AT_ONCE)
    assert sorted(r.status_code for r in responses) == [302] + [400] * (AT_ONCE - 1)
    assert refusals(responses, "You are already registered for this event.") == AT_ONCE - 1
    registration = Registration.objects.get(event=regional)
    assert registration.user == citizen and registration.status == Status.CONFIRMED
