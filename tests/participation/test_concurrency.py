"""Parallel requests on PostgreSQL (and Redis when REDIS_URL is set): the unique constraint keeps one support
from two tabs, and the posting limits hold however many requests arrive at the same moment."""

import os

import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.utils import timezone

from remacto.participation import limits, services
from remacto.participation.models import Comment, Discussion, Flag, Support

from ..threads import at_once

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="PostgreSQL only: DATABASE_URL is not set"),
]


def test_two_tabs_supporting_at_once_count_once(discussion, amina):
    def tab(_n):
        return services.support(amina, Discussion.objects.get(pk=discussion.pk))

    results, errors = at_once(2, tab)
    assert not errors, errors
    assert sorted(results) == [False, True]
    discussion.refresh_from_db()
    assert discussion.support_count == 1 and Support.objects.count() == 1


def test_thirty_comments_at_once_store_ten(discussion, amina):
    """The general limit is 10 comments per 10 minutes; before the limit was atomic, 22 of 30 got through."""

    def post(n):
        return services.add_comment(amina, Discussion.objects.get(pk=discussion.pk), f"Comment {n}")

    results, errors = at_once(30, post)
    assert len(results) == 10 and Comment.objects.count() == 10
    assert len(errors) == 20 and all(isinstance(e, ValidationError) for e in errors), errors
    # Threads speak the site's default language.
    assert {e.message_dict["body"][0] for e in errors} == {"أنت تنشر بسرعة كبيرة؛ يرجى المحاولة مجددا بعد بضع دقائق."}
    discussion.refresh_from_db()
    assert discussion.comment_count == 10


def test_supports_and_flags_at_once_stop_at_their_limits(commune, amina, settings):
    settings.PARTICIPATION_LIMITS = {**settings.PARTICIPATION_LIMITS, "supports": [(5, 600)], "flags": [(3, 600)]}
    topics = Discussion.objects.bulk_create(
        [Discussion(collectivity=commune, title=f"T{n}", body="b", opens_at=timezone.now()) for n in range(20)]
    )

    supported, support_errors = at_once(20, lambda n: services.support(amina, topics[n]))
    flagged, flag_errors = at_once(20, lambda n: services.flag(amina, topics[n], Flag.Reason.SPAM))
    assert supported == [True] * 5 and Support.objects.count() == 5 and len(support_errors) == 15
    assert len(flagged) == 3 and Flag.objects.count() == 3 and len(flag_errors) == 17


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="Redis only: REDIS_URL is not set")
def test_redis_counters_carry_the_expiry_of_their_window(amina):
    with limits.reserve(amina, "supports") as slot:
        pass
    cache = caches["default"]
    client = cache._cache.get_client(write=True)
    ttls = [client.ttl(cache.make_and_validate_key(key)) for key, _timeout in slot.counters]
    assert ttls and all(0 < ttl <= 601 for ttl in ttls), ttls
    assert all(cache.get(key) == 1 for key, _timeout in slot.counters)
