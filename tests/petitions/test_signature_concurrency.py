"""Signatures sent at the same moment on PostgreSQL: the unique constraint keeps one signature per person, online
and on paper, and the counter moves once per stored signature."""

import os

import pytest
from django.core.exceptions import ValidationError

from remacto.petitions.models import Petition, Signature
from remacto.petitions.services import signatures

from ..conftest import make_user
from ..threads import at_once
from .conftest import cin

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="PostgreSQL only: DATABASE_URL is not set"),
]


def test_the_same_person_eight_times_at_once_signs_once(petition):
    people = [make_user(f"twin{n}@example.ma") for n in range(8)]

    def sign(n):
        values = {"cin": cin(1), "full_name": "نفس الشخص", "confirms": True}
        return signatures.sign(people[n], Petition.objects.get(pk=petition.pk), values)

    results, errors = at_once(8, sign)
    assert len(results) == 1 and Signature.objects.count() == 1
    assert len(errors) == 7 and all(isinstance(e, ValidationError) for e in errors), errors
    assert Petition.objects.get(pk=petition.pk).signature_count == 1


def test_one_account_double_clicking_signs_once(petition, citizen):
    def sign(n):
        values = {"cin": cin(n), "full_name": "مواطن", "confirms": True}
        return signatures.sign(citizen, Petition.objects.get(pk=petition.pk), values)

    results, errors = at_once(6, sign)
    assert len(results) == 1 and Signature.objects.count() == 1
    assert all(isinstance(e, ValidationError) for e in errors), errors


def test_paper_lists_racing_online_signatures_keep_one_per_person(petition, secretariat):
    people = [make_user(f"signer{n}@example.ma") for n in range(4)]

    def act(n):
        if n < 4:
            values = {"cin": cin(n), "full_name": "موقع", "confirms": True}
            return signatures.sign(people[n], Petition.objects.get(pk=petition.pk), values)
        rows = [{"cin": cin(k), "full_name": "ورقي"} for k in range(4)]
        from remacto.cases.calendar import today

        return signatures.record_paper(secretariat, Petition.objects.get(pk=petition.pk), rows, collected_on=today())

    _results, errors = at_once(5, act)
    assert Signature.objects.values("cin_hash").distinct().count() == Signature.objects.count()
    assert Petition.objects.get(pk=petition.pk).signature_count == Signature.objects.count()
    assert all(isinstance(e, ValidationError) for e in errors), errors
