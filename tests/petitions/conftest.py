"""Fixtures of petition tests: the default thresholds (recreated after a transactional test emptied the tables),
a commune's petition collecting signatures (threshold lowered to 3), a region's petition (threshold 40, 5 % in each
prefecture or province), CIN numbers, and people per role."""

import datetime

import pytest

from remacto.accounts.models import Organisation, OrganisationMember, Role
from remacto.cases.calendar import today
from remacto.petitions import defaults
from remacto.petitions.models import Petition, Threshold
from remacto.petitions.services import lifecycle
from remacto.territories.models import Collectivity

from ..conftest import make_user

TEXTS = {
    "subject": "تهيئة حديقة عمومية بالحي",
    "reasons": "الحي يفتقر إلى فضاء أخضر للأطفال.",
    "expected_outcome": "إدراج تهيئة الحديقة في جدول أعمال الدورة المقبلة.",
}
CITIZEN_CONDITIONS = ["territory", "common_interest"]
ASSOCIATION_CONDITIONS = ["constituted", "good_standing", "seat", "related_activity"]


def cin(n: int) -> str:
    return f"AB{100000 + n}"


@pytest.fixture
def thresholds(db):
    if not Threshold.objects.exists():
        defaults.create(Threshold)


@pytest.fixture
def region(reference) -> Collectivity:
    return Collectivity.objects.get(kind="region", region__code="07")


@pytest.fixture
def petitioner(db):
    return make_user("agent@example.ma", "وكيل العريضة")


@pytest.fixture
def representative(db):
    user = make_user("representative@example.ma", "الممثل القانوني")
    organisation = Organisation.objects.create(name="جمعية الحي", slug="jamiat-al-hay")
    OrganisationMember.objects.create(organisation=organisation, user=user, is_admin=True)
    return user


def draft(petitioner, collectivity, **values) -> Petition:
    return lifecycle.file_petition(
        petitioner, collectivity, {"kind": "citizens", "conditions": CITIZEN_CONDITIONS, **TEXTS, **values}
    )


def collecting(petitioner, collectivity, signatures: int | None = None, days: int = 30) -> Petition:
    if signatures is not None:
        Threshold.objects.filter(kind=collectivity.kind).update(signatures=signatures)
    petition = draft(petitioner, collectivity)
    return lifecycle.open_collection(petitioner, petition, today() + datetime.timedelta(days=days))


@pytest.fixture
def petition(thresholds, commune, petitioner) -> Petition:
    return collecting(petitioner, commune, signatures=3)


@pytest.fixture
def region_petition(thresholds, region, petitioner) -> Petition:
    return collecting(petitioner, region, signatures=40)


@pytest.fixture
def elsewhere_focal_point(other_commune):
    user = make_user("focal-elsewhere@example.ma")
    Role.objects.create(user=user, kind=Role.Kind.FOCAL_POINT, collectivity=other_commune)
    return user


@pytest.fixture(autouse=True)
def _english_messages():
    """Service messages are checked in English here; pages are checked in Arabic through their URLs."""
    from django.utils import translation

    with translation.override("en"):
        yield
