"""Members whose programme has not moved for a year."""

import datetime

import pytest
from django.utils import timezone

from remacto.cocreation.models import PhaseChange, Programme
from remacto.network import selectors
from remacto.territories.models import Membership

pytestmark = pytest.mark.django_db


def test_stale_members(commune, other_commune):
    now = timezone.now()
    old = now - datetime.timedelta(days=400)
    Membership.objects.update(created_at=old)
    stale = Programme.objects.create(collectivity=commune, cycle="2024-2025", title="قديم")
    Programme.objects.filter(pk=stale.pk).update(updated_at=old)
    moved = Programme.objects.create(collectivity=other_commune, cycle="2024-2025", title="تحرك")
    Programme.objects.filter(pk=moved.pk).update(updated_at=old)
    PhaseChange.objects.create(programme=moved, from_phase="information", to_phase="diagnosis")
    slugs = set(selectors.stale_members(now).values_list("slug", flat=True))
    assert commune.slug in slugs
    assert other_commune.slug not in slugs
    # a member without programme counts from the day it joined
    Membership.objects.filter(collectivity=commune).update(created_at=now)
    Programme.objects.filter(pk=stale.pk).delete()
    assert commune.slug not in set(selectors.stale_members(now).values_list("slug", flat=True))


def test_applicable_collectivities_exclude_members_and_pending(application, candidate, commune):
    assert commune not in selectors.applicable_collectivities()
    assert candidate not in selectors.applicable_collectivities()
