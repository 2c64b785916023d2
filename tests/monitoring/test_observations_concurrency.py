"""Observations posted at the same moment on PostgreSQL (and Redis when REDIS_URL is set): the posting limit
holds however many requests arrive together."""

import os

import pytest
from django.core.exceptions import ValidationError

from remacto.cocreation.models import Project
from remacto.monitoring.models import Observation
from remacto.monitoring.services import observations as service

from ..threads import at_once

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="PostgreSQL only: DATABASE_URL is not set"),
]


def test_twelve_observations_at_once_store_five(project, citizen):
    def post(n):
        return service.post_observation(citizen, Project.objects.get(pk=project.pk), text=f"ملاحظة {n}")

    results, errors = at_once(12, post)
    assert len(results) == 5 and Observation.objects.count() == 5
    assert len(errors) == 7 and all(isinstance(e, ValidationError) for e in errors), errors
