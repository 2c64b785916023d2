"""The posting-limit counters on the local-memory cache: atomic under threads, windows, releases, expiry."""

import math
import time

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import translation

from remacto.participation import limits

from ..threads import at_once


@pytest.fixture(autouse=True)
def _local_memory(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PARTICIPATION_LIMITS = {**settings.PARTICIPATION_LIMITS, "supports": [(10, 600)]}
    cache.clear()
    with translation.override("en"):
        yield


def take(user, kind="supports"):
    with limits.reserve(user, kind):
        return True


def test_forty_threads_at_once_get_exactly_the_limit(amina):
    results, errors = at_once(40, lambda _n: take(amina))
    assert len(results) == 10
    assert len(errors) == 30 and all(isinstance(e, limits.LimitReached) for e in errors)


def test_a_refusal_gives_its_slot_back_and_says_when_to_come_back(amina):
    for _n in range(10):
        take(amina)
    for _n in range(5):
        with pytest.raises(limits.LimitReached) as exc:
            take(amina)
    seconds_left = 600 - time.time() % 600
    assert 0 < exc.value.retry_after <= math.ceil(seconds_left) + 1
    assert exc.value.code == "too_fast" and exc.value.messages == [
        "You are posting too fast; try again in a few minutes."
    ]
    counters = [key for key in cache._cache if "participation:limits:supports" in key]
    assert len(counters) == 1 and cache.get(counters[0].split(":", 2)[2]) == 10  # refusals left it at the limit


def test_a_failed_write_does_not_count(amina):
    for _n in range(20):
        with pytest.raises(RuntimeError), limits.reserve(amina, "supports"):
            raise RuntimeError("the database refused the row")
    assert all(take(amina) for _n in range(10))


def test_a_released_slot_is_free_again(amina):
    for _n in range(10):
        with limits.reserve(amina, "supports") as slot:
            slot.release()
    assert all(take(amina) for _n in range(10))


def test_counters_expire_with_their_window(amina, monkeypatch):
    start = 1_800_000_000.0  # a window boundary for 600 s
    monkeypatch.setattr(time, "time", lambda: start + 599)
    for _n in range(10):
        take(amina)
    with pytest.raises(limits.LimitReached) as exc:
        take(amina)
    assert exc.value.retry_after == 1
    monkeypatch.setattr(time, "time", lambda: start + 600)
    assert take(amina)


def test_limits_of_one_kind_are_per_account(amina, youssef):
    for _n in range(10):
        take(amina)
    assert take(youssef)


def test_retry_after_finds_a_limit_under_a_form_field(amina):
    for _n in range(10):
        take(amina)
    with pytest.raises(ValidationError) as exc, limits.reserve(amina, "supports", field="body"):
        pass
    assert limits.retry_after(exc.value) and exc.value.message_dict == {
        "body": ["You are posting too fast; try again in a few minutes."]
    }
    assert limits.retry_after(ValidationError({"body": "Write your comment."})) is None
