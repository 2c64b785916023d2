"""On PostgreSQL: the bureau members who give the body's opinion at the same moment, and a close arriving with
them, leave one outcome: one opinion or a closed request, never both and never two."""

import os

import pytest
from django.core.exceptions import ValidationError

from remacto.advisory.models import Opinion, OpinionRequest
from remacto.advisory.services import opinions
from remacto.cases.models import Case

from ..threads import at_once
from .conftest import TODAY, opinion_values

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="PostgreSQL only: DATABASE_URL is not set"),
]


def test_opinions_and_a_close_at_once_leave_one_outcome(opinion_request, president, rapporteur, secretariat):
    actors = [president, rapporteur, president, rapporteur, secretariat]

    def act(n):
        request = OpinionRequest.objects.select_related("body__collectivity").get(pk=opinion_request.pk)
        if n == len(actors) - 1:
            return opinions.close_request(secretariat, request, "سحب الطلب", today=TODAY)
        return opinions.give_opinion(actors[n], request, opinion_values(text=f"رأي {n}"), today=TODAY)

    results, errors = at_once(len(actors), act)
    assert len(results) == 1 and len(errors) == len(actors) - 1
    assert all(isinstance(e, ValidationError) for e in errors), errors
    case = Case.objects.get(pk=opinion_request.case_id)
    assert (case.status == "given") == (Opinion.objects.count() == 1)
    assert case.events.count() == 2


def test_the_same_request_recorded_twice_at_once_is_recorded_once(secretariat, focal_point, body, draft):
    from .conftest import request_values

    def record(n):
        return opinions.request_opinion([secretariat, focal_point][n % 2], body, request_values(draft), today=TODAY)

    results, errors = at_once(4, record)
    assert len(results) == 1 and OpinionRequest.objects.count() == Case.objects.count() == 1
    assert all(isinstance(e, ValidationError) for e in errors), errors
