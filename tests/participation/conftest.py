"""Fixtures of the participation tests: an open discussion of Ben Guerir and a closed one."""

from datetime import timedelta

import pytest
from django.utils import timezone

from remacto.participation.models import Discussion

from ..conftest import make_user


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """These tests create many accounts and never test passwords: a fast hasher keeps them quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def discussion(commune, focal_point) -> Discussion:
    return Discussion.objects.create(
        collectivity=commune,
        title="Green spaces of Ben Guerir",
        body="Which **parks** need care first?",
        author=focal_point,
        opens_at=timezone.now() - timedelta(days=1),
    )


@pytest.fixture
def closed_discussion(commune, focal_point) -> Discussion:
    now = timezone.now()
    return Discussion.objects.create(
        collectivity=commune,
        title="Old consultation",
        body="Closed.",
        author=focal_point,
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=1),
    )


@pytest.fixture
def other_discussion(other_commune) -> Discussion:
    return Discussion.objects.create(
        collectivity=other_commune, title="Zagora water", body="Wells.", opens_at=timezone.now() - timedelta(days=1)
    )


def seasoned(email: str, name: str = ""):
    """An account older than a day, so only the general posting limits apply."""
    return make_user(email, name, date_joined=timezone.now() - timedelta(days=30))


@pytest.fixture
def amina(db):
    return seasoned("amina@example.ma", "Amina")


@pytest.fixture
def youssef(db):
    return seasoned("youssef@example.ma", "Youssef")
