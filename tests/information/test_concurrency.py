"""Steps taken at the same moment on PostgreSQL: one extension and one answer, however many clicks arrive
together (the request's row is locked), and requests filed together get distinct numbers."""

import os

import pytest
from django.core.exceptions import ValidationError

from remacto.cases.models import Deadline
from remacto.information.models import InformationRequest
from remacto.information.services import requests as services

from ..conftest import make_user
from ..threads import at_once
from .conftest import VALUES

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="PostgreSQL only: DATABASE_URL is not set"),
]


def fresh(request) -> InformationRequest:
    return InformationRequest.objects.select_related("case", "officer").get(pk=request.pk)


def test_four_extensions_at_once_extend_once(filed, officer):
    results, errors = at_once(4, lambda n: services.extend(officer, fresh(filed), reasons=f"Raison {n}"))
    assert len(results) == 1 and len(errors) == 3 and all(isinstance(e, ValidationError) for e in errors), errors
    assert Deadline.objects.filter(case=filed.case, kind="answer").count() == 2


def test_answer_and_refusal_at_once_give_one_outcome(filed, officer):
    calls = [
        lambda: services.answer(officer, fresh(filed), text="Voici"),
        lambda: services.refuse(officer, fresh(filed), reason="not_held", explanation="Non"),
    ]
    results, errors = at_once(2, lambda n: calls[n]())
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert fresh(filed).case.events.count() == 2


def test_requests_filed_together_get_distinct_numbers(today, commune, officer):
    people = [make_user(f"p{n}@example.ma") for n in range(6)]
    results, errors = at_once(6, lambda n: services.file_request(people[n], commune, **VALUES))
    assert not errors, errors
    assert len({request.case.number for request in results}) == 6
