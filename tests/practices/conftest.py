"""Fixtures of the good-practice tests: a practice's fields, a submitted and a published practice of Ben Guerir
(with two axes and three projects), and programmes of another member at chosen phases."""

import pytest

from remacto.cocreation.models import Phase, Programme
from remacto.practices import services
from remacto.practices.models import Practice

VALUES = {
    "title": "الإدارة الرقمية وتبسيط المساطر",
    "summary": "شباك رقمي للمواطنين ومسطرة مبسطة للعرائض.",
    "description": "- ورشة مع الجمعيات\n- **منصة** رقمية",
    "results": "120 عريضة مودعة عبر المنصة.",
    "started_on": "2023-04-13",
    "ended_on": "2023-12-31",
    "contact_name": "نقطة الارتكاز",
    "contact_email": "contact@example.ma",
    "serves_digitalisation": True,
}
STRUCTURE_TEXT = "المشاركة المواطنة\n- تشجيع الديمقراطية التشاركية\n- دليل العرائض\nالرقمنة\n- شباك رقمي"


def submit(actor, collectivity, **values):
    return services.submit_practice(
        actor, collectivity, {**VALUES, **values}, structure=services.parse_structure(STRUCTURE_TEXT)
    )


@pytest.fixture
def practice(focal_point, commune) -> Practice:
    return submit(focal_point, commune)


@pytest.fixture
def published(practice, network_admin) -> Practice:
    return services.publish(network_admin, practice)


@pytest.fixture
def programme_at(other_commune):
    """A programme of Zagora at ``phase``."""

    def make(phase: str, cycle: str = "2026-2027") -> Programme:
        return Programme.objects.create(collectivity=other_commune, cycle=cycle, title="برنامج الانفتاح", phase=phase)

    return make


@pytest.fixture
def ideas_programme(programme_at) -> Programme:
    return programme_at(Phase.IDEAS)
