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


def refusal(user, kind: str, most: int, language: str) -> str:
    """The message of the refusal that follows ``most`` accepted actions of ``kind``, read in ``language``."""
    limits_setting = {**limits.DEFAULTS, kind: [(most, 600)]}
    with translation.override(language), pytest.MonkeyPatch.context() as patch:
        patch.setattr(limits, "setting", lambda name: limits_setting[name])
        for _n in range(most):
            take(user, kind)
        with pytest.raises(limits.LimitReached) as exc:
            take(user, kind)
    return exc.value.messages[0]


@pytest.mark.parametrize(
    ("most", "expected"),
    [
        (1, "طلبت رمزا واحدا عبر SMS مؤخرا."),  # one: the noun and «واحد», no figure
        (2, "طلبت رمزين عبر SMS مؤخرا."),  # two: the dual, no figure
        (3, "طلبت 3 رموز عبر SMS مؤخرا."),  # 3 to 10: the plural
        (11, "طلبت 11 رمزا عبر SMS مؤخرا."),  # 11 to 99: the singular in the accusative
        (100, "طلبت 100 رمز عبر SMS مؤخرا."),  # 100 and more: the singular in the genitive
        (103, "طلبت 103 رموز عبر SMS مؤخرا."),  # the last two digits decide: 103 reads as 3
    ],
)
def test_the_arabic_refusal_agrees_with_its_count(amina, most, expected):
    assert refusal(amina, "sms_codes", most, "ar") == expected + " يرجى الانتظار قبل طلب رمز آخر."


@pytest.mark.parametrize(
    ("most", "expected"),
    [
        (1, "Vous avez demandé 1 code par SMS récemment."),
        (2, "Vous avez demandé 2 codes par SMS récemment."),
    ],
)
def test_the_french_refusal_agrees_with_its_count(amina, most, expected):
    assert refusal(amina, "sms_codes", most, "fr") == expected + " Merci d'attendre avant d'en demander un autre."


@pytest.mark.parametrize("kind", sorted(limits.MESSAGES))
def test_every_limit_message_has_its_arabic_forms(kind):
    """Each kind has its own Arabic wording for one and two (no figure), for 3 to 10 and for 11 to 99."""
    with translation.override("ar"):
        texts = {most: limits.MESSAGES[kind] % {"n": most} for most in (1, 2, 3, 11, 100)}
    assert texts[3].replace("3", "N") != texts[11].replace("11", "N"), texts  # «N رموز» / «N رمزا»
    assert "1" not in texts[1] and "2" not in texts[2] and "3" in texts[3] and "100" in texts[100]
    assert all(not any("a" <= ch.lower() <= "z" for ch in text.replace("SMS", "")) for text in texts.values())
