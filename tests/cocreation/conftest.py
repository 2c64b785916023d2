"""Fixtures of co-creation tests: a programme of the test commune in a chosen phase, its axes and people."""

import datetime
import io

import pytest
from django.utils import timezone
from PIL import Image

from remacto.cocreation.models import Axis, Meeting, Phase, Programme


@pytest.fixture
def programme(commune) -> Programme:
    return Programme.objects.create(
        collectivity=commune, cycle="2026-2027", title="برنامج عمل الانفتاح", phase=Phase.IDEAS
    )


@pytest.fixture
def other_programme(other_commune) -> Programme:
    return Programme.objects.create(collectivity=other_commune, cycle="2026-2027", title="Zagora", phase=Phase.IDEAS)


@pytest.fixture
def axis(programme) -> Axis:
    return Axis.objects.create(programme=programme, order=1, title="المشاركة المواطنة", serves_participation=True)


@pytest.fixture
def workshop(programme) -> Meeting:
    return Meeting.objects.create(
        programme=programme,
        kind=Meeting.Kind.WORKSHOP,
        title="ورشة",
        starts_at=timezone.now() - datetime.timedelta(days=1),
    )


def in_phase(programme: Programme, phase: str) -> Programme:
    programme.phase = phase
    programme.save(update_fields=["phase"])
    return programme


IDEA = {
    "title": "لوحة إعلانات رقمية",
    "problem": "المواطنون لا يعرفون مواعيد دورات المجلس.",
    "solution": "نشر جدول الدورات على لوحة إلكترونية أمام مقر الجماعة.",
    "expected_impact": "حضور أكبر للمواطنين.",
}


def png(size: tuple[int, int] = (4, 4), mode: str = "RGB", **save) -> bytes:
    """A real PNG picture (uploaded photos are decoded and re-encoded, so a bare signature is not enough)."""
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG", **save)
    return buffer.getvalue()
