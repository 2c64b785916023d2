"""Registration services: seats then the waiting list (or a refusal), promotion on cancellation or on the deletion
of a registered account, the window,
attendance at the door and the reminder the day before (once, at a given clock)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from remacto.accounts import privacy
from remacto.events.models import Category, Registration, Status
from remacto.events.services import registrations
from remacto.notifications.models import Notification

from ..conftest import PASSWORD, make_user
from .conftest import DAY, NOW, register

pytestmark = pytest.mark.django_db

VALUES = {"category": Category.FOCAL_POINT}


def test_registration_confirmed_then_waiting_list_when_full(regional, commune):
    people = [make_user(f"p{n}@example.ma", f"p{n}") for n in range(4)]
    made = [registrations.register(p, regional, {**VALUES, "collectivity": commune}, now=NOW) for p in people]
    assert [r.status for r in made] == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITING, Status.WAITING]
    assert made[0].collectivity == commune


def test_full_event_without_waiting_list_refuses(regional):
    regional.waiting_list = False
    regional.save()
    for n in range(2):
        registrations.register(make_user(f"p{n}@example.ma"), regional, VALUES, now=NOW)
    with pytest.raises(ValidationError, match="no seat is left"):
        registrations.register(make_user("late@example.ma"), regional, VALUES, now=NOW)
    assert Registration.objects.count() == 2


def test_registration_after_the_event_is_refused(regional, citizen):
    after = NOW + datetime.timedelta(days=40)
    with pytest.raises(ValidationError, match="already taken place"):
        registrations.register(citizen, regional, VALUES, now=after)
    assert not Registration.objects.exists()


def test_registration_when_closed_is_refused(regional, citizen):
    regional.registration_open = False
    regional.save()
    with pytest.raises(ValidationError, match="closed"):
        registrations.register(citizen, regional, VALUES, now=NOW)


def test_category_outside_the_event_is_refused(regional, citizen):
    with pytest.raises(ValidationError) as info:
        registrations.register(citizen, regional, {"category": Category.CITIZEN}, now=NOW)
    assert "category" in info.value.message_dict


def test_registering_twice_is_refused(regional, citizen):
    registrations.register(citizen, regional, VALUES, now=NOW)
    with pytest.raises(ValidationError, match="already registered"):
        registrations.register(citizen, regional, VALUES, now=NOW)
    assert Registration.objects.count() == 1


def test_cancel_promotes_the_first_waiting(regional):
    a, b, c, d = (make_user(f"{x}@example.ma", x) for x in "abcd")
    first = registrations.register(a, regional, VALUES, now=NOW)
    registrations.register(b, regional, VALUES, now=NOW)
    waiting = registrations.register(c, regional, VALUES, now=NOW + datetime.timedelta(minutes=1))
    registrations.register(d, regional, VALUES, now=NOW + datetime.timedelta(minutes=2))
    promoted = registrations.cancel(a, first)
    assert promoted.pk == waiting.pk
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert Registration.objects.filter(event=regional, status=Status.CONFIRMED).count() == 2
    assert Notification.objects.filter(recipient=c, kind="events.promoted").count() == 1


def test_cancelling_a_waiting_registration_promotes_nobody(regional):
    people = [make_user(f"p{n}@example.ma") for n in range(3)]
    made = [registrations.register(p, regional, VALUES, now=NOW) for p in people]
    assert registrations.cancel(people[2], made[2]) is None
    with pytest.raises(ValidationError, match="already cancelled"):
        registrations.cancel(people[2], made[2])


def test_a_cancelled_person_may_register_again(regional, citizen):
    made = registrations.register(citizen, regional, VALUES, now=NOW)
    registrations.cancel(citizen, made)
    again = registrations.register(citizen, regional, VALUES, now=NOW)
    assert again.pk == made.pk and again.status == Status.CONFIRMED


def test_mark_present_once(regional, participant, network_admin):
    registration = Registration.objects.get(user=participant)
    marked = registrations.mark_present(network_admin, registration, now=NOW)
    again = registrations.mark_present(network_admin, registration, now=NOW + datetime.timedelta(hours=1))
    assert marked.attended_at == NOW == again.attended_at
    with pytest.raises(ValidationError, match="no longer cancel"):
        registrations.cancel(participant, again)


def test_waiting_people_cannot_be_marked_present(regional, network_admin, citizen):
    waiting = register(regional, citizen, status=Status.WAITING)
    with pytest.raises(ValidationError):
        registrations.mark_present(network_admin, waiting)


def test_reminder_the_day_before_once(regional, participant, citizen):
    register(regional, citizen, status=Status.WAITING)
    day_before = datetime.datetime.combine(DAY - datetime.timedelta(days=1), datetime.time(8, 0))
    from django.utils import timezone

    frozen = timezone.make_aware(day_before)
    assert registrations.send_reminders(now=frozen - datetime.timedelta(days=1)) == 0
    assert registrations.send_reminders(now=frozen) == 1
    assert registrations.send_reminders(now=frozen + datetime.timedelta(hours=1)) == 0
    notes = Notification.objects.filter(kind="events.reminder")
    assert [n.recipient_id for n in notes] == [participant.pk]


def test_reminder_task_uses_the_clock(regional, participant, monkeypatch):
    from django.utils import timezone

    from remacto.events import tasks

    frozen = timezone.make_aware(datetime.datetime.combine(DAY - datetime.timedelta(days=1), datetime.time(23, 30)))
    monkeypatch.setattr(timezone, "now", lambda: frozen)
    assert tasks.send_reminders.apply().get() == 1
    assert tasks.send_reminders.apply().get() == 0


def _full_with_one_waiting(event):
    """``event`` (two seats) full with two registered people, a third one waiting."""
    leaving, staying, waiting = (make_user(f"{x}@example.ma", x) for x in ("leaving", "staying", "waiting"))
    registrations.register(leaving, event, VALUES, now=NOW)
    registrations.register(staying, event, VALUES, now=NOW)
    registered = registrations.register(waiting, event, VALUES, now=NOW + datetime.timedelta(minutes=1))
    assert registered.status == Status.WAITING
    return leaving, waiting


def test_deleting_a_registered_account_promotes_the_first_waiting_as_a_cancellation_does(regional):
    leaving, waiting = _full_with_one_waiting(regional)
    privacy.delete_account(leaving, leaving, password=PASSWORD)
    assert Registration.objects.get(user=waiting).status == Status.CONFIRMED
    assert Registration.objects.filter(event=regional, status=Status.CONFIRMED).count() == 2
    told = Notification.objects.get(recipient=waiting, kind="events.promoted")
    assert told.params == {"event": regional.title} and told.url == regional.get_absolute_url()


def test_a_wrong_password_deletes_nothing_and_promotes_nobody(regional):
    leaving, waiting = _full_with_one_waiting(regional)
    with pytest.raises(ValidationError):
        privacy.delete_account(leaving, leaving, password="wrong")
    assert Registration.objects.get(user=leaving).status == Status.CONFIRMED
    assert Registration.objects.get(user=waiting).status == Status.WAITING
    assert not Notification.objects.filter(kind="events.promoted").exists()


def test_deleting_an_account_after_the_event_promotes_nobody(regional):
    leaving, waiting = _full_with_one_waiting(regional)
    after = regional.ends_at() + datetime.timedelta(days=1)
    assert registrations.cancel_for_deleted_account(leaving, now=after) == []
    assert Registration.objects.get(user=leaving).status == Status.CONFIRMED
    assert Registration.objects.get(user=waiting).status == Status.WAITING
