"""Thirty requests for information filed at the same instant by one account on PostgreSQL, through the form: the
``information_requests`` limit holds exactly (hourly by default, or a daily limit alone), the refused get 429 with
Retry-After and the message in Arabic, and nothing of a refused request is left (no case, deadline, event or
notification)."""

import pytest

from remacto.cases.models import Case, CaseEvent, Deadline
from remacto.information.models import InformationRequest
from remacto.notifications.models import Notification

from ..threads import AT_ONCE, ON_POSTGRESQL, assert_limit_held, post_at_once, signed_in
from .conftest import VALUES
from .test_pages import url

pytestmark = ON_POSTGRESQL


@pytest.mark.parametrize(
    ("per_account", "most"),
    [(None, 5), ([(20, 24 * 60 * 60)], 20)],
    ids=["five-an-hour-by-default", "twenty-a-day"],
)
def test_thirty_requests_at_once_store_exactly_the_limit(settings, today, commune, officer, citizen, per_account, most):
    if per_account is not None:
        settings.PARTICIPATION_LIMITS = {"information_requests": per_account}
    clients = signed_in([citizen] * AT_ONCE)
    responses = post_at_once(
        clients, url("request_new", slug=commune.slug), lambda n: {**VALUES, "subject": f"{VALUES['subject']} {n}"}
    )
    assert_limit_held(responses, "information_requests", most)
    stored = InformationRequest.objects.filter(case__requester=citizen)
    assert stored.count() == most and Case.objects.count() == most
    assert Deadline.objects.count() == most and CaseEvent.objects.exclude(case__in=stored.values("case")).count() == 0
    assert Notification.objects.filter(recipient=citizen).count() == most
    assert Notification.objects.filter(recipient=officer).count() == most
    assert len({request.case.number for request in stored.select_related("case")}) == most
