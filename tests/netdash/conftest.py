"""Small hand-made data with known answers: Ben Guerir (population 10,000) with a programme in implementation."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from remacto.cases.models import Case
from remacto.cocreation.models import (
    Adoption,
    Axis,
    Idea,
    Meeting,
    Phase,
    PhaseChange,
    Programme,
    Project,
    TriageDecision,
)
from remacto.monitoring.models import SpendingLine
from remacto.netdash.compute import compute_figures


@pytest.fixture
def programme(commune) -> Programme:
    commune.population = 10_000
    commune.save()
    programme = Programme.objects.create(
        collectivity=commune, cycle="2025-2026", title="Programme", phase=Phase.IMPLEMENTATION
    )
    Adoption.objects.create(
        programme=programme, session_date=datetime.date(2025, 3, 4), deliberation_number="7/2025", votes_for=20
    )
    axis = Axis.objects.create(programme=programme, order=1, title="Axe")
    ideas = [Idea.objects.create(programme=programme, title=f"Idée {n}", problem="p", solution="s") for n in range(5)]
    Idea.objects.create(programme=programme, title="cachée", problem="p", solution="s", is_hidden=True)
    TriageDecision.objects.create(idea=ideas[0], decision="accepted", reason="Parce que")
    TriageDecision.objects.create(idea=ideas[1], decision="rejected", reason="Hors compétence")
    project = Project.objects.create(programme=programme, axis=axis, title="P", budget=Decimal(1000))
    Project.objects.create(
        programme=programme, axis=axis, order=2, title="annulé", budget=Decimal(9000), status=Project.Status.CANCELLED
    )
    day = datetime.date(2025, 6, 1)
    SpendingLine.objects.create(project=project, kind="paid", amount=Decimal(250), spent_on=day, reference="a")
    SpendingLine.objects.create(project=project, kind="committed", amount=Decimal(900), spent_on=day, reference="b")
    Meeting.objects.create(
        programme=programme, kind=Meeting.Kind.WORKSHOP, title="W", attendees_women=30, attendees_men=10,
        attendees_18_29=10, attendees_30_44=20, attendees_60_plus=10,
    )  # fmt: skip
    Meeting.objects.create(
        programme=programme, kind=Meeting.Kind.COUNCIL, title="Council", attendees_women=0, attendees_men=40
    )
    PhaseChange.objects.create(programme=programme, from_phase=Phase.ADOPTION, to_phase=Phase.IMPLEMENTATION)
    today = timezone.localdate()
    Case.objects.create(
        collectivity=commune, procedure="information", number="1", status="answered", received_on=today,
        answered_on=today,
    )  # fmt: skip
    return programme


@pytest.fixture
def computed(programme):
    return compute_figures()
