"""Fixtures of monitoring tests: an adopted programme of the test commune being implemented, with two projects
(activities, indicators), the staff assigned to the first one, and another commune's implemented project."""

import datetime
from decimal import Decimal

import pytest

from remacto.cocreation.models import Activity, Adoption, Axis, Indicator, Phase, Programme, Project
from remacto.monitoring.models import ProjectAssignment

from ..conftest import make_user

START, END = datetime.date(2026, 1, 1), datetime.date(2027, 12, 31)


def implemented_programme(collectivity, title: str = "برنامج عمل الانفتاح") -> Programme:
    """An adopted programme in its implementation phase, with one axis and two projects under way."""
    programme = Programme.objects.create(
        collectivity=collectivity,
        cycle="2026-2027",
        title=title,
        phase=Phase.IMPLEMENTATION,
        implementation_start=START,
        implementation_end=END,
    )
    Adoption.objects.create(
        programme=programme, session_date=datetime.date(2025, 12, 1), deliberation_number="12/2025", votes_for=20
    )
    axis = Axis.objects.create(programme=programme, order=1, title="الشفافية", serves_transparency=True)
    for order, (title, budget) in enumerate((("بوابة المعلومات", 200_000), ("ميزانية المواطن", 50_000)), start=1):
        project = Project.objects.create(
            programme=programme,
            axis=axis,
            order=order,
            title=title,
            budget=Decimal(budget),
            responsible_unit="مصلحة الشراكة",
            starts_on=START,
            ends_on=datetime.date(2027, 6, 30),
            status=Project.Status.IN_PROGRESS,
        )
        Activity.objects.create(
            project=project, order=1, title="دراسة", starts_on=START, ends_on=datetime.date(2026, 6, 30)
        )
        Activity.objects.create(
            project=project, order=2, title="إنجاز", starts_on=datetime.date(2026, 7, 1), ends_on=END
        )
        Indicator.objects.create(
            project=project, name="عدد الزوار", unit="زائر", baseline=Decimal(0), target=Decimal(1000)
        )
    return programme


@pytest.fixture
def implemented(commune) -> Programme:
    return implemented_programme(commune)


@pytest.fixture
def project(implemented) -> Project:
    return implemented.projects.order_by("order").first()


@pytest.fixture
def other_project(other_commune) -> Project:
    return implemented_programme(other_commune, title="Zagora").projects.order_by("order").first()


@pytest.fixture
def unit_officer(project):
    """A member of the responsible unit's staff, assigned to ``project`` (no collectivity role)."""
    user = make_user("unit@example.ma", "مصلحة الشراكة")
    ProjectAssignment.objects.create(project=project, user=user)
    return user
