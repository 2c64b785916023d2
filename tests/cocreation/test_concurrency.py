"""Idea submissions in parallel on PostgreSQL (and Redis when REDIS_URL is set): the hourly limit holds."""

import os

import pytest
from django.core.exceptions import ValidationError

from remacto.cocreation.models import Idea
from remacto.cocreation.services import ideas

from ..threads import at_once
from .conftest import IDEA

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="PostgreSQL only: DATABASE_URL is not set"),
]


def test_twenty_ideas_at_once_store_five(citizen, programme, axis):
    """The limit is 5 ideas an hour; before it was checked inside the service atomically, 16 of 20 got through."""
    results, errors = at_once(
        20, lambda n: ideas.submit_idea(citizen, programme, {**IDEA, "axis": axis, "title": f"فكرة {n}"})
    )
    assert len(results) == 5 and Idea.objects.count() == 5
    assert len(errors) == 15 and all(isinstance(e, ValidationError) and e.code == "too_fast" for e in errors), errors
